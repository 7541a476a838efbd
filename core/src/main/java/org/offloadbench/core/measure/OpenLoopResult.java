package org.offloadbench.core.measure;

import org.HdrHistogram.Histogram;

/**
 * What an open-loop step measured. Latencies are in nanoseconds.
 *
 * @param corrected      latency from each request's scheduled send time (no coordinated omission)
 * @param uncorrected    latency from the actual send time (what a closed-loop tool would report)
 * @param targetRate     the rate scheduled, per second
 * @param planned        requests the schedule held
 * @param sent           requests actually sent
 * @param completed      replies that succeeded
 * @param failed         replies that failed (see {@link #firstFailure})
 * @param lateAtLimit    requests sent late because maxOutstanding were already in flight when they fell due
 *                       (their corrected latency includes that wait)
 * @param dropped        requests of the schedule never sent: the step's duration ended first
 * @param unfinished     requests still in flight when the drain timeout ran out
 * @param elapsedNanos   first scheduled send until the last reply (or the drain timeout)
 * @param firstFailure   the first failure's message, or null
 */
public record OpenLoopResult(Histogram corrected, Histogram uncorrected, double targetRate, long planned,
                             long sent, long completed, long failed, long lateAtLimit, long dropped,
                             long unfinished,
                             long elapsedNanos, String firstFailure) {

    /** Successful replies per second over the step. */
    public double achievedRate() {
        return elapsedNanos <= 0 ? 0 : completed * 1e9 / elapsedNanos;
    }
}
