package org.offloadbench.core.offload.transport;

import org.offloadbench.core.offload.Task;
import org.offloadbench.core.offload.support.TaskHandle;
import org.offloadbench.core.offload.support.TaskTimers;

/**
 * What a {@link TransportPool} keeps of one accepted task beside its {@link TaskHandle} (which alone decides
 * the outcome). The mutable fields are guarded by the pool's lock.
 */
final class SentTask {
    final long requestId;
    final TaskHandle handle;
    final Task task;
    /** The bytes sent: the caller's array, or the pool's own copy ({@link #inputIsPoolCopy}). */
    byte[] input;
    /** The input is an {@link InputCopies} array, free for reuse once a worker has answered. */
    boolean inputIsPoolCopy;
    /** How many times it was sent; a second send is the one retry. */
    int sends;
    /** The worker running it, null while it waits in the pool's queue. */
    PoolWorker worker;
    long dispatchNanos;
    /** Fires when a worker neither answers nor reports a timeout well after the task's own timeout. */
    TaskTimers.Timer backstop;

    SentTask(long requestId, TaskHandle handle) {
        this.requestId = requestId;
        this.handle = handle;
        this.task = handle.task();
        this.input = handle.input();
    }

    boolean isDone() {
        return handle.isDone();
    }
}
