package org.offloadbench.shm.agrona;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedDeque;
import org.offloadbench.core.offload.FailureKind;
import org.offloadbench.core.offload.OffloadException;

/**
 * The queue in front of the drivers; core's {@code TaskLifecycle} has already admitted (and bounded) what
 * comes in. Once shut (the model gave up respawning, or close) every task offered fails with the shut reason;
 * a driver finds an empty queue without taking a lock. A retry goes to the front: it was admitted once.
 */
final class TaskQueue {
    private final ConcurrentLinkedDeque<RingTask> tasks = new ConcurrentLinkedDeque<>();
    private OffloadException shut; // guarded by this

    /** Queues the task, or fails it with the shut reason. */
    synchronized void offer(RingTask task) {
        if (shut != null) {
            task.fail(new OffloadException(shut.kind(), strip(shut)));
        } else {
            tasks.addLast(task);
        }
    }

    synchronized void retry(RingTask task) {
        if (shut != null) {
            task.fail(new OffloadException(shut.kind(), strip(shut)));
            return;
        }
        tasks.addFirst(task);
    }

    /** The next task or null; lock-free (a spinning driver polls it). */
    RingTask poll() {
        return tasks.pollFirst();
    }

    /** A cancelled task leaves the queue at once. */
    void remove(RingTask task) {
        tasks.removeFirstOccurrence(task);
    }

    /** From now on every task offered fails with {@code kind}; tasks still queued are failed too when {@code drop}. */
    void shut(FailureKind kind, String message, boolean drop) {
        List<RingTask> dropped = new ArrayList<>();
        synchronized (this) {
            shut = new OffloadException(kind, message);
            if (drop) {
                for (RingTask t; (t = tasks.pollFirst()) != null; ) {
                    dropped.add(t);
                }
            }
        }
        // complete outside the lock: a callback may submit again
        dropped.forEach(t -> t.fail(new OffloadException(kind, message)));
    }

    private static String strip(OffloadException e) {
        String prefix = e.kind() + ": ";
        return e.getMessage().startsWith(prefix) ? e.getMessage().substring(prefix.length()) : e.getMessage();
    }
}
