package org.offloadbench.hazelcast;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledFuture;

import org.offloadbench.core.offload.Task;
import org.offloadbench.core.offload.TaskResult;

/** One submitted task and where it is; every field but the future is guarded by the offloader's lock. */
final class Job {
    enum State { QUEUED, RUNNING, DONE }

    final Task task;
    final byte[] input;
    final long submittedNanos;
    final CompletableFuture<TaskResult> future = new CompletableFuture<>();
    State state = State.QUEUED;
    int attempts;
    long startedNanos;
    MemberSlot slot;
    Future<WorkloadReply> call;
    ScheduledFuture<?> timeout;

    Job(Task task, byte[] input, long submittedNanos) {
        this.task = task;
        this.input = input;
        this.submittedNanos = submittedNanos;
    }
}
