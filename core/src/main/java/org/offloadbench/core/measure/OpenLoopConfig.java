package org.offloadbench.core.measure;

/**
 * One open-loop step: send at a fixed rate, bounded by duration and count.
 *
 * @param ratePerSecond      requests per second to schedule
 * @param durationNanos      stop scheduling after this long, even when requests are still due
 * @param maxRequests        never schedule more than this many
 * @param maxOutstanding     requests allowed in flight, which bounds the memory a step holds; a due request
 *                           beyond it waits for a reply and goes out late (at most until the step ends)
 * @param drainTimeoutNanos  how long to wait for in-flight replies after the last send
 * @param logIntervalNanos   length of each interval histogram written to the .hlog
 */
public record OpenLoopConfig(double ratePerSecond, long durationNanos, long maxRequests, int maxOutstanding,
                             long drainTimeoutNanos, long logIntervalNanos) {

    public OpenLoopConfig {
        if (!(ratePerSecond > 0) || Double.isInfinite(ratePerSecond)) {
            throw new IllegalArgumentException("ratePerSecond must be a positive number, was " + ratePerSecond);
        }
        if (durationNanos <= 0 || maxRequests <= 0 || maxOutstanding <= 0 || drainTimeoutNanos < 0
                || logIntervalNanos <= 0) {
            throw new IllegalArgumentException("durationNanos, maxRequests, maxOutstanding and logIntervalNanos"
                    + " must be > 0 and drainTimeoutNanos >= 0: " + this);
        }
    }

    /** Time between two scheduled sends. */
    public long intervalNanos() {
        return Math.max(1L, Math.round(1e9 / ratePerSecond));
    }

    /** Requests the schedule holds: duration / interval, capped by maxRequests, at least one. */
    public long plannedRequests() {
        return Math.max(1L, Math.min(maxRequests, durationNanos / intervalNanos()));
    }
}
