package org.offloadbench.shm;

import java.util.concurrent.CancellationException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;
import org.offloadbench.core.offload.OffloadException;
import org.offloadbench.core.offload.OffloaderStats;

/**
 * The live counters behind {@link OffloaderStats}, for every shm model (shm/agrona included). Every task is counted once, by {@link #ended}, from
 * the one place that sees how its future completed.
 */
public final class Counters {
    /** Tasks taken by a driver (or a lease holder) and not yet finished, claimed by a worker or not. */
    public final AtomicInteger inFlight = new AtomicInteger();
    private final LongAdder completed = new LongAdder();
    private final LongAdder failed = new LongAdder();
    private final LongAdder timedOut = new LongAdder();
    private final LongAdder rejected = new LongAdder();
    private final LongAdder cancelled = new LongAdder();
    private final LongAdder respawned = new LongAdder();
    private final LongAdder abandoned = new LongAdder();
    private final LongAdder retried = new LongAdder();
    private final LongAdder callerWrites = new LongAdder();

    public void ended(Object result, Throwable error) {
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

    public void respawned() {
        respawned.increment();
    }

    void abandoned() {
        abandoned.increment();
    }

    public void retried() {
        retried.increment();
    }

    public long retriedCount() {
        return retried.sum();
    }

    void callerWrote() {
        callerWrites.increment();
    }

    long callerWritesCount() {
        return callerWrites.sum();
    }

    /** A snapshot whose running count is {@link #inFlight} (models that count no separate "running"). */
    public OffloaderStats snapshot(int workers, int queueDepth) {
        return snapshot(workers, queueDepth, inFlight.get());
    }

    OffloaderStats snapshot(int workers, int queueDepth, int running) {
        return new OffloaderStats(workers, queueDepth, running, completed.sum(), failed.sum(), timedOut.sum(),
                rejected.sum(), cancelled.sum(), respawned.sum(), abandoned.sum());
    }
}
