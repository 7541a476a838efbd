package org.offloadbench.shm.agrona;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedDeque;
import org.offloadbench.core.offload.FailureKind;
import org.offloadbench.core.offload.OffloadException;

/**
 * The bounded queue in front of the drivers. Admission is under one lock so a full queue rejects exactly
 * and a submit racing with close is either queued before the queue is shut (and then failed by it) or
 * refused; a driver finds an empty queue without taking the lock. A retry goes to the front, outside the
 * bound: it was admitted once.
 */
final class TaskQueue {
    private final int capacity;
    private final ConcurrentLinkedDeque<RingTask> tasks = new ConcurrentLinkedDeque<>();
    private int size; // guarded by this; tasks.size() is O(n)
    private int taken; // guarded by this: polled by a driver and not yet finished()
    private OffloadException shut;

    TaskQueue(int capacity) {
        this.capacity = capacity;
    }

    /** Queues the task or fails its future: REJECTED when full, the shut reason when shut. */
    synchronized void offer(RingTask task) {
        if (shut != null) {
            task.fail(new OffloadException(shut.kind(), strip(shut)));
        } else if (size >= capacity) {
            task.fail(OffloadException.rejected("shm/agrona: the queue is full (" + capacity + " tasks waiting "
                    + "beyond those running); raise the queue capacity or submit more slowly"));
        } else {
            tasks.addLast(task);
            size++;
        }
    }

    synchronized void retry(RingTask task) {
        if (shut != null) {
            task.fail(new OffloadException(shut.kind(), strip(shut)));
            return;
        }
        tasks.addFirst(task);
        size++;
    }

    /** The next task or null; lock-free while the queue is empty (a spinning driver polls it). */
    RingTask poll() {
        if (tasks.peekFirst() == null) {
            return null;
        }
        synchronized (this) {
            RingTask task = tasks.pollFirst();
            if (task != null) {
                size--;
                taken++;
            }
            return task;
        }
    }

    /** A cancelled task leaves the queue at once, freeing its place. */
    synchronized void remove(RingTask task) {
        if (tasks.removeFirstOccurrence(task)) {
            size--;
        }
    }

    /** A driver is done with a task it polled (after a retry has been queued again, if any). */
    synchronized void finished() {
        taken--;
    }

    /** Nothing queued and nothing held by a driver: one consistent look for close's drain. */
    synchronized boolean drained() {
        return size == 0 && taken == 0;
    }

    synchronized int size() {
        return size;
    }

    synchronized boolean isShut() {
        return shut != null;
    }

    /** From now on every submit fails with {@code kind}; tasks still queued are failed too when {@code drop}. */
    void shut(FailureKind kind, String message, boolean drop) {
        List<RingTask> dropped = new ArrayList<>();
        synchronized (this) {
            shut = new OffloadException(kind, message);
            if (drop) {
                for (RingTask t; (t = tasks.pollFirst()) != null; ) {
                    dropped.add(t);
                }
                size = 0;
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
