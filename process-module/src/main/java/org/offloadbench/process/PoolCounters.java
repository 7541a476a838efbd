package org.offloadbench.process;

import java.util.concurrent.atomic.LongAdder;
import org.offloadbench.core.offload.FailureKind;
import org.offloadbench.core.offload.OffloaderStats;

/** The cumulative counters behind {@link OffloaderStats}; each task is counted once, by its outcome. */
final class PoolCounters {
    private final LongAdder completed = new LongAdder();
    private final LongAdder failed = new LongAdder();
    private final LongAdder timedOut = new LongAdder();
    private final LongAdder rejected = new LongAdder();
    private final LongAdder cancelled = new LongAdder();
    private final LongAdder respawned = new LongAdder();
    private final LongAdder retried = new LongAdder();

    void completed() {
        completed.increment();
    }

    void failed(FailureKind kind) {
        switch (kind) {
            case TIMED_OUT -> timedOut.increment();
            case REJECTED -> rejected.increment();
            case CANCELLED -> cancelled.increment();
            default -> failed.increment();
        }
    }

    void cancelled() {
        cancelled.increment();
    }

    void respawned() {
        respawned.increment();
    }

    void retried() {
        retried.increment();
    }

    long retries() {
        return retried.sum();
    }

    OffloaderStats snapshot(int workers, int queueDepth, int inFlight) {
        return new OffloaderStats(workers, queueDepth, inFlight, completed.sum(), failed.sum(), timedOut.sum(),
                rejected.sum(), cancelled.sum(), respawned.sum(), 0L);
    }
}
