package org.offloadbench.process;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledFuture;
import org.offloadbench.core.offload.Task;
import org.offloadbench.core.offload.TaskResult;

/**
 * One accepted task from submit to answer. The future is the single arbiter of the outcome: whoever
 * completes it first (an answer, a failure, the caller's cancel) decides, and only that one is counted.
 * The other fields are guarded by the pool's lock.
 */
final class PendingTask {
    final long requestId;
    final Task task;
    final CompletableFuture<TaskResult> future;
    final long submitNanos;
    /** The input is the pool's own copy ({@link InputCopies}), free for reuse once a child has answered. */
    final boolean inputIsPoolCopy;

    /** How many times it was sent to a child; a second send is the one retry. */
    int dispatches;
    /** The child running it, null while it waits in the parent's queue. */
    ChildWorker child;
    long dispatchNanos;
    /** Fires when a child neither answers nor reports a timeout well after the task's own timeout. */
    ScheduledFuture<?> backstop;

    /** @param spinGate whether and how long a caller blocked on the future spins before it parks */
    PendingTask(long requestId, Task task, long submitNanos, boolean inputIsPoolCopy, SpinGate spinGate) {
        this.future = new PipesFuture(spinGate);
        this.requestId = requestId;
        this.task = task;
        this.submitNanos = submitNanos;
        this.inputIsPoolCopy = inputIsPoolCopy;
    }

    boolean isDone() {
        return future.isDone();
    }
}
