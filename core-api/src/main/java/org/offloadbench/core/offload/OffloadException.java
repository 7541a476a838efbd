package org.offloadbench.core.offload;

import java.util.Objects;

/** A task failed; {@link #kind()} says how, the message says what happened in words a user can act on. */
public class OffloadException extends RuntimeException {
    private final FailureKind kind;

    public OffloadException(FailureKind kind, String message) {
        super(kind + ": " + message);
        this.kind = Objects.requireNonNull(kind, "kind");
    }

    public OffloadException(FailureKind kind, String message, Throwable cause) {
        super(kind + ": " + message, cause);
        this.kind = Objects.requireNonNull(kind, "kind");
    }

    public FailureKind kind() {
        return kind;
    }

    public static OffloadException rejected(String message) {
        return new OffloadException(FailureKind.REJECTED, message);
    }

    public static OffloadException timedOut(String message) {
        return new OffloadException(FailureKind.TIMED_OUT, message);
    }

    public static OffloadException cancelled(String message) {
        return new OffloadException(FailureKind.CANCELLED, message);
    }

    public static OffloadException workerCrashed(String message) {
        return new OffloadException(FailureKind.WORKER_CRASHED, message);
    }

    public static OffloadException workloadFailed(String message, Throwable cause) {
        return new OffloadException(FailureKind.WORKLOAD_FAILED, message, cause);
    }

    public static OffloadException badRequest(String message) {
        return new OffloadException(FailureKind.BAD_REQUEST, message);
    }

    public static OffloadException closed(String message) {
        return new OffloadException(FailureKind.CLOSED, message);
    }

    /** Unwraps CompletionException/ExecutionException layers to the OffloadException inside, if any. */
    public static OffloadException find(Throwable t) {
        for (Throwable c = t; c != null; c = c.getCause()) {
            if (c instanceof OffloadException oe) {
                return oe;
            }
        }
        return null;
    }
}
