package org.offloadbench.shm;

import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicReference;
import org.offloadbench.core.offload.FailureKind;
import org.offloadbench.core.offload.support.TaskHandle;

/**
 * One execution of a workload on a channel, the transport's record beside the task's {@link TaskHandle}
 * (which alone decides the task's outcome): what to run, how long it may run, and the first reason its round
 * trip was stopped, if any (set once by whoever stops it: the watchdog, a cancel, close, a dying child). A
 * lease holder's call has no handle: it is not a queued task.
 */
final class Call implements Queued {
    /** The task, or null for a lease holder's call. */
    final TaskHandle handle;
    final String workloadId;
    final byte[] workloadIdUtf8;
    /** The input to copy into the slot, or null when the caller wrote it there itself (zero-copy). */
    final byte[] input;
    final int inputBytes;
    final long timeoutNanos;
    private final AtomicReference<FailureKind> abort = new AtomicReference<>();
    /**
     * A heap copy of an input that lay only in a slot (fast path, lease) whose worker thread was abandoned
     * with it when no spare slot was free: the retry copies it into the slot it gets. Null otherwise.
     */
    volatile byte[] savedInput;
    /** When the watchdog first saw the slot claimed: the start of execution, for the timeout. */
    volatile long claimSeenNanos;
    /** The channel running it; set before it starts, so a cancel knows whom to stop. */
    volatile Channel channel;

    Call(TaskHandle handle, String workloadId, byte[] input, int inputBytes, long timeoutNanos) {
        this.handle = handle;
        this.workloadId = workloadId;
        this.workloadIdUtf8 = workloadId.getBytes(StandardCharsets.UTF_8);
        this.input = input;
        this.inputBytes = inputBytes;
        this.timeoutNanos = timeoutNanos;
    }

    /** Records the reason; true when this was the first. */
    boolean abort(FailureKind reason) {
        return abort.compareAndSet(null, reason);
    }

    boolean aborted() {
        return abort.get() != null;
    }

    FailureKind abortReason() {
        return abort.get();
    }

    /** Before a retry: a crash of the previous attempt must not stop the next. */
    void resetForRetry() {
        abort.compareAndSet(FailureKind.WORKER_CRASHED, null);
        claimSeenNanos = 0L;
    }
}
