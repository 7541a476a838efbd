package org.offloadbench.threads.support;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;

import org.offloadbench.core.offload.OffloaderStats;

/**
 * The live counters behind {@link OffloaderStats}. Every task lands in exactly one of completed, failed,
 * timedOut, rejected or cancelled ({@link TaskHandle} guarantees the once); LongAdder keeps the hot path free
 * of contention when many workers finish at once.
 */
public final class StatsCounters {
    /** How a task ended. */
    public enum Outcome { COMPLETED, FAILED, TIMED_OUT, CANCELLED }

    private final AtomicInteger queueDepth = new AtomicInteger();
    private final AtomicInteger inFlight = new AtomicInteger();
    private final LongAdder completed = new LongAdder();
    private final LongAdder failed = new LongAdder();
    private final LongAdder timedOut = new LongAdder();
    private final LongAdder rejected = new LongAdder();
    private final LongAdder cancelled = new LongAdder();
    private final LongAdder respawned = new LongAdder();
    private final LongAdder abandoned = new LongAdder();

    void queued() {
        queueDepth.incrementAndGet();
    }

    void started() {
        queueDepth.decrementAndGet();
        inFlight.incrementAndGet();
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
    void rejected() {
        rejected.increment();
    }

    /** A task refused at submit for any other reason (unknown workload, closed). */
    void failedAtSubmit() {
        failed.increment();
    }

    public void respawned() {
        respawned.increment();
    }

    void abandoned() {
        abandoned.increment();
    }

    public OffloaderStats snapshot(int workers) {
        return new OffloaderStats(workers, queueDepth.get(), inFlight.get(), completed.sum(), failed.sum(),
                timedOut.sum(), rejected.sum(), cancelled.sum(), respawned.sum(), abandoned.sum());
    }
}
