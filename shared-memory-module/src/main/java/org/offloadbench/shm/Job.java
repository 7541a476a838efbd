package org.offloadbench.shm;

import java.util.concurrent.CompletableFuture;
import org.offloadbench.core.offload.TaskResult;

/** What waits in the offloader's queue: a task (copy path) or a request for a zero-copy lease. */
final class Job {
    final Call call;
    final CompletableFuture<TaskResult> future;
    final CompletableFuture<ShmLease> lease;
    final long submitNanos;
    /** The channel running it; set when a driver takes it, so a cancel knows whom to stop. */
    volatile Channel channel;

    private Job(Call call, CompletableFuture<TaskResult> future, CompletableFuture<ShmLease> lease, long submitNanos) {
        this.call = call;
        this.future = future;
        this.lease = lease;
        this.submitNanos = submitNanos;
    }

    static Job task(Call call, long submitNanos) {
        return new Job(call, new CompletableFuture<>(), null, submitNanos);
    }

    static Job lease(long submitNanos) {
        return new Job(null, null, new CompletableFuture<>(), submitNanos);
    }

    boolean isLease() {
        return lease != null;
    }

    boolean isDone() {
        return isLease() ? lease.isDone() : future.isDone();
    }
}
