package org.offloadbench.shm.agrona;

import java.util.concurrent.CancellationException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;
import org.offloadbench.core.offload.OffloadException;
import org.offloadbench.core.offload.OffloaderStats;

/**
 * The live counters behind {@link OffloaderStats}. Every task is counted once, by {@link #ended}, from the
 * one callback that sees how its future completed.
 */
final class AgronaCounters {
    /** Tasks a driver has taken and not finished with. */
    final AtomicInteger inFlight = new AtomicInteger();
    private final LongAdder completed = new LongAdder();
    private final LongAdder failed = new LongAdder();
    private final LongAdder timedOut = new LongAdder();
    private final LongAdder rejected = new LongAdder();
    private final LongAdder cancelled = new LongAdder();
    private final LongAdder respawned = new LongAdder();
    private final LongAdder retried = new LongAdder();

    void ended(Object result, Throwable error) {
        if (error == null) {
            completed.increment();
            return;
        }
        if (error instanceof CancellationException) {
            cancelled.increment();
            return;
        }
        OffloadException oe = OffloadException.find(error);
        if (oe == null) {
            failed.increment();
            return;
        }
        switch (oe.kind()) {
            case REJECTED -> rejected.increment();
            case TIMED_OUT -> timedOut.increment();
            case CANCELLED -> cancelled.increment();
            default -> failed.increment();
        }
    }

    void respawned() {
        respawned.increment();
    }

    void retried() {
        retried.increment();
    }

    long retriedCount() {
        return retried.sum();
    }

    OffloaderStats snapshot(int workers, int queueDepth) {
        return new OffloaderStats(workers, queueDepth, inFlight.get(), completed.sum(), failed.sum(), timedOut.sum(),
                rejected.sum(), cancelled.sum(), respawned.sum(), 0L);
    }
}
