package org.offloadbench.core.offload;

import java.util.Objects;

/**
 * One request: which workload, its input, an optional timeout and how the input is handed over.
 *
 * @param workloadId  id of a workload in the catalogue
 * @param input       the input bytes; models that copy on send never touch the caller's array afterwards
 * @param timeoutNanos time the task may run, counted from the start of its execution; 0 means no timeout
 * @param handoff     copy the input (the default, like structured clone) or take ownership of it
 */
public record Task(String workloadId, byte[] input, long timeoutNanos, Handoff handoff) {

    public Task {
        Objects.requireNonNull(workloadId, "workloadId");
        Objects.requireNonNull(input, "input");
        Objects.requireNonNull(handoff, "handoff");
        if (timeoutNanos < 0) {
            throw new IllegalArgumentException("timeoutNanos must be >= 0, was " + timeoutNanos);
        }
    }

    public static Task of(String workloadId, byte[] input) {
        return new Task(workloadId, input, 0L, Handoff.COPY);
    }

    /**
     * A task that takes ownership of the buffer's bytes: the buffer is detached now, and any later access
     * through it throws, as with a transferred {@code ArrayBuffer} in Node.
     */
    public static Task transferring(String workloadId, TransferableBuffer buffer) {
        return new Task(workloadId, buffer.detach(), 0L, Handoff.TRANSFER);
    }

    public Task withTimeoutNanos(long nanos) {
        return new Task(workloadId, input, nanos, handoff);
    }

    public boolean hasTimeout() {
        return timeoutNanos > 0;
    }

    /** How the input crosses to the worker. */
    public enum Handoff {
        /** The model copies the input on send; the caller may reuse its array at once. */
        COPY,
        /** The caller gave up the array (see {@link TransferableBuffer}); the model may use it in place. */
        TRANSFER
    }
}
