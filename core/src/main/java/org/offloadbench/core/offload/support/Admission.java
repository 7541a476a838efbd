package org.offloadbench.core.offload.support;

import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.LongSupplier;

/**
 * The bounded queue, kept as a counter rather than inside a bounded collection: at most {@code limit} tasks
 * (running plus waiting) are accepted and not yet done. A counter lets a cancelled queued task give its place
 * back at once (a bounded collection would hold the dead entry until a worker dequeued it), and lets
 * per-worker inboxes share one limit. It also remembers the accepted tasks so close can fail the ones it cuts
 * short.
 */
public final class Admission {
    private final int limit;
    private final AtomicInteger accepted = new AtomicInteger();
    private final Set<TaskHandle> live = ConcurrentHashMap.newKeySet();
    private final Object drained = new Object();

    /** @param limit tasks that may be accepted and not done at once: running slots plus queue capacity */
    public Admission(int limit) {
        if (limit < 1) {
            throw new IllegalArgumentException("admission limit must be >= 1, was " + limit);
        }
        this.limit = limit;
    }

    public int limit() {
        return limit;
    }

    /** Tasks accepted and not yet done. */
    public int accepted() {
        return accepted.get();
    }

    /** Takes a place unless {@code limit} tasks are already accepted and not done; then {@link #track}. */
    boolean tryReserve() {
        for (int n = accepted.get(); n < limit; n = accepted.get()) {
            if (accepted.compareAndSet(n, n + 1)) {
                return true;
            }
        }
        return false;
    }

    /** Remembers the task that took the place reserved for it, until {@link #release}. */
    void track(TaskHandle handle) {
        live.add(handle);
    }

    void release(TaskHandle handle) {
        live.remove(handle);
        if (accepted.decrementAndGet() == 0) {
            synchronized (drained) {
                drained.notifyAll();
            }
        }
    }

    /** Waits until no accepted task is left, or until the deadline; true when drained. */
    boolean awaitDrained(long deadlineNanos, LongSupplier nanoTime) throws InterruptedException {
        synchronized (drained) {
            for (long left; accepted.get() > 0; ) {
                left = deadlineNanos - nanoTime.getAsLong();
                if (left <= 0) {
                    return false;
                }
                TimeUnit.NANOSECONDS.timedWait(drained, left);
            }
            return true;
        }
    }

    /** The accepted tasks not yet done, a snapshot. */
    List<TaskHandle> live() {
        return List.copyOf(live);
    }
}
