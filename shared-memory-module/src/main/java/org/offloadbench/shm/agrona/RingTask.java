package org.offloadbench.shm.agrona;

import java.nio.charset.StandardCharsets;
import org.offloadbench.core.offload.OffloadException;
import org.offloadbench.core.offload.TaskResult;
import org.offloadbench.core.offload.support.TaskHandle;

/**
 * What the queue and a driver keep of a task beside its {@link TaskHandle} (which alone decides the outcome):
 * the request's fields, and how often it was sent. The input is the lifecycle's copy (COPY) or the caller's
 * array (TRANSFER), kept for a retry.
 */
final class RingTask {
    final TaskHandle handle;
    final byte[] workloadId;
    final byte[] input;
    final long timeoutNanos;
    final long submitNanos;
    /** Written by the driver that runs it; a retry is taken by another driver after a queue hand-off. */
    volatile int attempts;

    RingTask(TaskHandle handle) {
        this.handle = handle;
        this.workloadId = handle.task().workloadId().getBytes(StandardCharsets.UTF_8);
        this.input = handle.input();
        this.timeoutNanos = handle.task().timeoutNanos();
        this.submitNanos = handle.submitNanos();
    }

    boolean isDone() {
        return handle.isDone();
    }

    void complete(TaskResult result) {
        handle.complete(result);
    }

    void fail(OffloadException e) {
        handle.fail(e);
    }
}
