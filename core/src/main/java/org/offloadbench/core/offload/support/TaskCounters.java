package org.offloadbench.core.offload.support;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;

import org.offloadbench.core.offload.FailureKind;
import org.offloadbench.core.offload.OffloaderStats;

/**
 * The live counters behind {@link OffloaderStats}. Every accepted task lands in exactly one of completed,
 * failed, timedOut or cancelled ({@link TaskHandle} guarantees the once); a task refused at submit lands in
 * rejected (queue full) or failed (any other reason). LongAdder keeps the hot path free of contention when
 * many workers finish at once.
 */
public final class TaskCounters {
    /** How an accepted task ended. */
    public enum Outcome {
        COMPLETED, FAILED, TIMED_OUT, CANCELLED;

        /** The outcome a failure of {@code kind} is counted as. */
        public static Outcome of(FailureKind kind) {
            return switch (kind) {
                case TIMED_OUT -> TIMED_OUT;
                case CANCELLED -> CANCELLED;
                default -> FAILED;
            };
        }
    }

    private final AtomicInteger queueDepth = new AtomicInteger();
    private final AtomicInteger inFlight = new AtomicInteger();
    private final LongAdder completed = new LongAdder();
    private final LongAdder failed = new LongAdder();
    private final LongAdder timedOut = new LongAdder();
    private final LongAdder rejected = new LongAdder();
    private final LongAdder cancelled = new LongAdder();
    private final LongAdder respawned = new LongAdder();
    private final LongAdder abandoned = new LongAdder();
    private final LongAdder retried = new LongAdder();

    void queued() {
        queueDepth.incrementAndGet();
    }

    void started() {
        queueDepth.decrementAndGet();
        inFlight.incrementAndGet();
    }

    /** A running task went back to the queue (its worker died and it will be retried). */
    void requeued() {
        inFlight.decrementAndGet();
        queueDepth.incrementAndGet();
    }

    void leftQueue() {
        queueDepth.decrementAndGet();
    }

    void stoppedRunning() {
        inFlight.decrementAndGet();
    }

    void ended(Outcome outcome) {
        switch (outcome) {
            case COMPLETED -> completed.increment();
            case FAILED -> failed.increment();
            case TIMED_OUT -> timedOut.increment();
            case CANCELLED -> cancelled.increment();
        }
    }

    /** A task refused at submit because the queue was full. */
    public void rejected() {
        rejected.increment();
    }

    /** A task refused at submit for any other reason (unknown workload, bad request, closed, unavailable). */
    public void failedAtSubmit() {
        failed.increment();
    }

    /** A worker replaced after a crash, a timeout or a cancel. */
    public void respawned() {
        respawned.increment();
    }

    /** A thread that ignored its interrupt past the grace period and was left running. */
    public void abandoned() {
        abandoned.increment();
    }

    /** A task sent a second time after its worker died or was replaced. */
    public void retried() {
        retried.increment();
    }

    public long retries() {
        return retried.sum();
    }

    /** Tasks accepted and waiting now. */
    public int queueDepth() {
        return queueDepth.get();
    }

    /** Tasks running now (sent to a worker, or on a thread). */
    public int inFlight() {
        return inFlight.get();
    }

    public OffloaderStats snapshot(int workers) {
        return snapshot(workers, queueDepth.get(), inFlight.get());
    }

    /** A snapshot whose queue depth and running count come from the model's own structures. */
    public OffloaderStats snapshot(int workers, int queueDepthNow, int inFlightNow) {
        return new OffloaderStats(workers, queueDepthNow, inFlightNow, completed.sum(), failed.sum(),
                timedOut.sum(), rejected.sum(), cancelled.sum(), respawned.sum(), abandoned.sum());
    }
}
