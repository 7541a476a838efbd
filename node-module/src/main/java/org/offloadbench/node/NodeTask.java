package org.offloadbench.node;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import org.offloadbench.core.offload.Task;
import org.offloadbench.core.offload.TaskResult;

/** One submitted task of a pipe model: whoever flips {@link #finish} first owns its outcome. */
final class NodeTask extends CompletableFuture<TaskResult> {
    final long id;
    final Task task;
    final byte[] input;
    final long submitNanos;
    long sentNanos;
    private final NodePipeOffloader owner;
    private final AtomicBoolean finished = new AtomicBoolean();

    NodeTask(NodePipeOffloader owner, long id, Task task, byte[] input, long submitNanos) {
        this.owner = owner;
        this.id = id;
        this.task = task;
        this.input = input;
        this.submitNanos = submitNanos;
    }

    /** True for the one caller that may complete this task (and must count it). */
    boolean finish() {
        return finished.compareAndSet(false, true);
    }

    /** Cancel reaches the task: a queued one never runs; a running one's node worker is terminated. */
    @Override
    public boolean cancel(boolean mayInterruptIfRunning) {
        if (!finish()) {
            return false;
        }
        owner.cancelled(this);
        return super.cancel(mayInterruptIfRunning);
    }
}
