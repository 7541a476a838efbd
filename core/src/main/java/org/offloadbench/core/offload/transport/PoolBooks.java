package org.offloadbench.core.offload.transport;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

/**
 * Which task waits and which worker runs what, for a {@link TransportPool}: the queue, the workers in
 * service, their in-flight tasks and the dispatch policy's choice. Every method is called with this object's
 * monitor held (it is the pool's lock); the pool completes tasks and talks to workers outside it.
 */
final class PoolBooks {
    private final PoolSettings settings;
    final List<PoolWorker> workers = new ArrayList<>();
    final List<PoolWorker> everyWorker = new ArrayList<>();
    final Deque<SentTask> queue = new ArrayDeque<>();
    private int inFlight;
    /** {@link #inFlight}, readable without the lock by the spin gate (written under the lock). */
    private volatile int inFlightView;
    private int cursor;

    PoolBooks(PoolSettings settings) {
        this.settings = settings;
    }

    /** Tasks on workers now; readable without the lock. */
    int inFlightView() {
        return inFlightView;
    }

    int inFlight() {
        return inFlight;
    }

    /** Puts a ready worker into service. */
    void add(PoolWorker worker) {
        workers.add(worker);
        everyWorker.add(worker);
    }

    /** Hands a task to a worker; false when it already ended (cancelled while queued). */
    boolean assign(SentTask task, PoolWorker worker) {
        if (!task.handle.start()) {
            return false;
        }
        task.worker = worker;
        task.sends++;
        task.dispatchNanos = task.handle.startNanos();
        worker.inFlight.put(task.requestId, task);
        inFlightView = ++inFlight;
        return true;
    }

    /** Assigns queued tasks to workers with free slots, oldest first; returns them, to be sent. */
    List<SentTask> assignQueued() {
        List<SentTask> sends = new ArrayList<>();
        while (!queue.isEmpty()) {
            PoolWorker worker = pick();
            if (worker == null) {
                break;
            }
            SentTask task = queue.pollFirst();
            if (assign(task, worker)) {
                sends.add(task);
            }
        }
        return sends;
    }

    /** The worker for the next task by the dispatch policy, or null when none has a free slot. */
    PoolWorker pick() {
        int n = workers.size();
        if (n == 0) {
            return null;
        }
        int limit = settings.inFlightPerWorker();
        PoolWorker best = null;
        for (int i = 0; i < n; i++) {
            PoolWorker c = workers.get((cursor + i) % n);
            int busy = c.inFlight.size();
            if (busy >= limit) {
                continue;
            }
            if (settings.dispatch() == DispatchPolicy.ROUND_ROBIN) {
                best = c;
                cursor = (cursor + i + 1) % n;
                break;
            }
            if (best == null || busy < best.inFlight.size()) {
                best = c;
            }
        }
        if (best != null && settings.dispatch() == DispatchPolicy.LEAST_BUSY) {
            cursor = (workers.indexOf(best) + 1) % n;
        }
        return best;
    }

    /** Removes a task from its worker at answer time; null when it is no longer there. */
    SentTask take(PoolWorker worker, long requestId) {
        SentTask task = worker.inFlight.remove(requestId);
        if (task != null) {
            settle(task);
        }
        return task;
    }

    /** Takes {@code task} off {@code worker} if it is still there; false when it left meanwhile. */
    boolean takeIfOn(SentTask task, PoolWorker worker) {
        boolean mine = task.worker == worker && worker.inFlight.remove(task.requestId) == task;
        if (mine) {
            settle(task);
        }
        return mine;
    }

    /** Every in-flight task of {@code worker}, taken off it. */
    List<SentTask> takeAll(PoolWorker worker) {
        List<SentTask> tasks = new ArrayList<>(worker.inFlight.values());
        worker.inFlight.clear();
        tasks.forEach(this::settle);
        return tasks;
    }

    /** A task leaves its worker: bookkeeping shared by every way out. */
    private void settle(SentTask task) {
        inFlightView = --inFlight;
        task.worker = null;
        if (task.backstop != null) {
            task.backstop.cancel();
            task.backstop = null;
        }
        notifyAll();
    }
}
