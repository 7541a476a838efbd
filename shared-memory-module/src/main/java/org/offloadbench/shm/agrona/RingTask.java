package org.offloadbench.shm.agrona;

import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;
import org.offloadbench.core.offload.OffloadException;
import org.offloadbench.core.offload.Task;
import org.offloadbench.core.offload.TaskResult;

/** A submitted task on its way through the queue and a driver; the input is kept for a retry. */
final class RingTask {
    final byte[] workloadId;
    final byte[] input;
    final long timeoutNanos;
    final long submitNanos;
    final CompletableFuture<TaskResult> future;
    /** Written by the driver that runs it; a retry is taken by another driver after a queue hand-off. */
    volatile int attempts;

    RingTask(Task task, long submitNanos, long callerSpinNanos) {
        this.future = new SpinningFuture<>(callerSpinNanos);
        this.workloadId = task.workloadId().getBytes(StandardCharsets.UTF_8);
        // copy on send: the caller may reuse its array as soon as submit returns; a transfer is used as it is
        this.input = task.handoff() == Task.Handoff.COPY ? task.input().clone() : task.input();
        this.timeoutNanos = task.timeoutNanos();
        this.submitNanos = submitNanos;
    }

    void fail(OffloadException e) {
        future.completeExceptionally(e);
    }
}
