package org.offloadbench.cluster.http;

/** The header names of the worker protocol, one place for both sides. */
public final class OffloadHeaders {
    /** CRC32C of the output, decimal ({@link org.offloadbench.core.workload.Checksums}). */
    public static final String CHECKSUM = "X-Offload-Checksum";
    /** Time the request waited in the worker before it ran, ns. */
    public static final String QUEUE_NANOS = "X-Offload-Queue-Nanos";
    /** Time the workload ran, ns. */
    public static final String RUN_NANOS = "X-Offload-Run-Nanos";
    /** Which worker answered: {@code pid@host:port}. */
    public static final String WORKER = "X-Offload-Worker";
    /** Request header: timeout counted from the start of execution, ns; absent or 0 = none. */
    public static final String TIMEOUT_NANOS = "X-Offload-Timeout-Nanos";
    /** On every error answer: the {@link org.offloadbench.core.offload.FailureKind} name. */
    public static final String FAILURE = "X-Offload-Failure";

    /**
     * Request header: {@code true} asks the worker for an interim {@code 102 Processing} answer when the task
     * starts running, so the client knows the difference between "sent" and "running".
     */
    public static final String NOTIFY_START = "X-Offload-Notify-Start";

    /** The path prefix of the run endpoint; the workload id follows. */
    public static final String RUN_PATH = "/v1/run/";

    private OffloadHeaders() {
    }
}
