package org.offloadbench.core.offload.transport;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.offloadbench.core.offload.FailureKind;
import org.offloadbench.core.offload.OffloadException;
import org.offloadbench.core.offload.support.TaskCounters;

/**
 * What a {@link TransportPool} does when a worker is lost or must go, by its {@link RecoveryPolicy}: a worker
 * killed on purpose (a timeout, a cancel, a backstop) or dead on its own gives back its in-flight tasks,
 * which are retried once or fail WORKER_CRASHED with the worker's death report; a replacement is asked for;
 * and once respawning is given up with no worker left, the queue fails UNAVAILABLE.
 */
final class WorkerLoss {
    private final TransportPool pool;
    private final PoolBooks books;
    private final WorkerStarter starter;
    private final TaskCounters counters;
    private final RecoveryPolicy recovery;

    WorkerLoss(TransportPool pool, PoolBooks books, WorkerStarter starter, TaskCounters counters) {
        this.pool = pool;
        this.books = books;
        this.starter = starter;
        this.counters = counters;
        this.recovery = pool.settings().recovery();
    }

    void backstopExpired(SentTask task, PoolWorker worker) {
        boolean mine;
        synchronized (books) {
            mine = books.takeIfOn(task, worker);
        }
        if (mine) {
            fail(task, FailureKind.TIMED_OUT, task.task.workloadId() + ": ran longer than its timeout of "
                    + task.task.timeoutNanos() + " ns and " + worker + " did not answer; it was killed");
            retire(worker, "it did not answer a timed-out task; it was killed");
        }
    }

    /** A task ended from outside: the caller cancelled it, or close cut it short. */
    void stopped(SentTask task) {
        PoolWorker worker = null;
        synchronized (books) {
            if (books.queue.remove(task)) {
                books.notifyAll();
            } else if (task.worker != null) {
                PoolWorker on = task.worker;
                worker = books.takeIfOn(task, on) ? on : null;
            }
        }
        if (worker != null) {
            retire(worker, "a task on it was cancelled; it was replaced to stop the task");
        }
    }

    /**
     * Kills a worker on purpose and replaces it; its other in-flight tasks go back to the front of the queue
     * (a deliberate kill is no crash of theirs, but it does use their one retry).
     */
    void retire(PoolWorker worker, String reason) {
        List<SentTask> neighbours;
        synchronized (books) {
            if (worker.state != PoolWorker.State.READY) {
                return;
            }
            worker.state = PoolWorker.State.RETIRING;
            worker.retireReason = reason;
            worker.replacementScheduled = true;
            books.workers.remove(worker);
            neighbours = books.takeAll(worker);
        }
        worker.worker.kill();
        requeueOrFail(neighbours, worker + " was killed by the pool (" + reason + ")");
        starter.scheduleRespawn();
        pool.pump();
    }

    /** The worker's answer stream ended: it exited, was killed, or sent garbage. */
    void workerGone(PoolWorker worker, String problem) {
        List<SentTask> orphans;
        boolean respawn;
        String reason;
        boolean closingNow;
        synchronized (books) {
            reason = worker.retireReason != null ? worker.retireReason
                    : problem != null ? problem : "exited unexpectedly";
            books.workers.remove(worker);
            closingNow = pool.isClosing();
            respawn = !closingNow && !worker.replacementScheduled && worker.state != PoolWorker.State.DEAD;
            worker.replacementScheduled = true;
            worker.state = PoolWorker.State.DEAD;
            orphans = books.takeAll(worker);
        }
        String exit = worker.worker.deathReport();
        worker.worker.close(Duration.ZERO);
        if (!orphans.isEmpty()) {
            String why = worker + " " + reason + exit;
            if (closingNow) {
                fail(orphans, FailureKind.CLOSED, pool.name() + " closed while the task ran; " + why);
            } else {
                requeueOrFail(orphans, why);
            }
        }
        if (respawn) {
            starter.scheduleRespawn();
        }
        failQueueIfNoWorkerLeft();
        pool.pump();
    }

    private void requeueOrFail(List<SentTask> tasks, String why) {
        List<SentTask> failed = new ArrayList<>();
        synchronized (books) {
            // reversed, so the oldest ends up first in the queue
            for (int i = tasks.size() - 1; i >= 0; i--) {
                SentTask task = tasks.get(i);
                if (task.isDone()) {
                    continue;
                }
                if (recovery.mayRetry(task.sends, pool.isClosing())) {
                    if (task.handle.requeue()) {
                        books.queue.addFirst(task);
                        counters.retried();
                    }
                } else {
                    failed.add(task);
                }
            }
            books.notifyAll();
        }
        fail(failed, FailureKind.WORKER_CRASHED, why + recovery.noRetryReason());
    }

    /** With respawning given up and no worker left, nothing will ever run the queue: empty it. */
    void failQueueIfNoWorkerLeft() {
        List<SentTask> doomed;
        String reason;
        synchronized (books) {
            reason = starter.gaveUpReason();
            if (reason == null || !books.workers.isEmpty() || starter.spawning() > 0) {
                return;
            }
            doomed = new ArrayList<>(books.queue);
            books.queue.clear();
        }
        fail(doomed, FailureKind.UNAVAILABLE, reason);
    }

    private void fail(List<SentTask> tasks, FailureKind kind, String why) {
        for (SentTask task : tasks) {
            fail(task, kind, why);
        }
    }

    static void fail(SentTask task, FailureKind kind, String why) {
        OffloadException e = kind == FailureKind.WORKLOAD_FAILED ? OffloadException.workloadFailed(why, null)
                : new OffloadException(kind, why);
        task.handle.fail(e);
    }
}
