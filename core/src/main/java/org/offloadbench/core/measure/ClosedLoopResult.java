package org.offloadbench.core.measure;

/**
 * A saturated run: K tasks always outstanding until the time or count bound.
 *
 * @param completed     tasks that returned verified bytes
 * @param failed        tasks that failed (rejected, timed out, crashed...); see {@link #firstFailure}
 * @param unfinished    tasks still in flight when the drain timeout ran out
 * @param elapsedNanos  first submit until the last reply
 * @param firstFailure  the first failure's message, or null
 */
public record ClosedLoopResult(long completed, long failed, long unfinished, long elapsedNanos,
                               String firstFailure) {

    public double throughputPerSecond() {
        return elapsedNanos <= 0 ? 0 : completed * 1e9 / elapsedNanos;
    }
}
