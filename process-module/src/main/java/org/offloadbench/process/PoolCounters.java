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

    /** +1 or -1: a count is taken back when the future turned out to be completed by someone else first. */
    void completed(int delta) {
        completed.add(delta);
    }

    void failed(FailureKind kind, int delta) {
        switch (kind) {
            case TIMED_OUT -> timedOut.add(delta);
            case REJECTED -> rejected.add(delta);
            case CANCELLED -> cancelled.add(delta);
            default -> failed.add(delta);
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
