package org.offloadbench.core.workload;

/** Thrown by a workload for input it cannot process; the message is shown to the user as is. */
public class WorkloadException extends RuntimeException {
    public WorkloadException(String message) {
        super(message);
    }

    public WorkloadException(String message, Throwable cause) {
        super(message, cause);
    }
}
