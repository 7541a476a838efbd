package org.offloadbench.core.offload;

/** Why a task did not produce a result. Every {@link OffloadException} carries exactly one. */
public enum FailureKind {
    /** The bounded queue was full; the task never ran. */
    REJECTED,
    /** The task ran longer than its timeout, counted from the start of its execution. */
    TIMED_OUT,
    /** The caller cancelled the future. */
    CANCELLED,
    /** The worker running it died (process exit, lost connection, abandoned thread). */
    WORKER_CRASHED,
    /** The workload threw; the message is the workload's own. */
    WORKLOAD_FAILED,
    /** The request itself was wrong: unknown workload, oversized input, malformed frame. */
    BAD_REQUEST,
    /** The offloader was closed before the task finished. */
    CLOSED,
    /** The model cannot run here (missing JDK feature, missing nginx, ...). */
    UNAVAILABLE
}
