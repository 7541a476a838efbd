package org.offloadbench.shm;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;
import org.offloadbench.core.offload.FailureKind;
import org.offloadbench.core.offload.OffloadException;
import org.offloadbench.core.offload.OffloaderStats;

/**
 * Counts the calls of lease holders, which run in the caller's thread and are not tasks of core's
 * {@code TaskLifecycle} (a lease call takes no place in the queue and is never refused as REJECTED), so that
 * the stats count them as tasks, as before. The lifecycle's counters have no public way to count a call they
 * did not admit: this is the adapter, added to its snapshot by {@link #addTo}.
 */
final class LeaseCallCounters {
    private final AtomicInteger inFlight = new AtomicInteger();
    private final LongAdder completed = new LongAdder();
    private final LongAdder failed = new LongAdder();
    private final LongAdder timedOut = new LongAdder();
    private final LongAdder cancelled = new LongAdder();

    void started() {
        inFlight.incrementAndGet();
    }

    void stopped() {
        inFlight.decrementAndGet();
    }

    int inFlight() {
        return inFlight.get();
    }

    void completed() {
        completed.increment();
    }

    void failed(OffloadException e) {
        FailureKind kind = e.kind();
        if (kind == FailureKind.TIMED_OUT) {
            timedOut.increment();
        } else if (kind == FailureKind.CANCELLED) {
            cancelled.increment();
        } else {
            failed.increment();
        }
    }

    /** {@code tasks} with the lease calls' outcomes added. */
    OffloaderStats addTo(OffloaderStats tasks) {
        return new OffloaderStats(tasks.workers(), tasks.queueDepth(), tasks.inFlight(),
                tasks.completed() + completed.sum(), tasks.failed() + failed.sum(),
                tasks.timedOut() + timedOut.sum(), tasks.rejected(), tasks.cancelled() + cancelled.sum(),
                tasks.respawned(), tasks.abandoned());
    }
}
