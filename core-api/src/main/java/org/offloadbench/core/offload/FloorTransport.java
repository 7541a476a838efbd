package org.offloadbench.core.offload;

/**
 * The transport a model's hand-off crosses, which names the calibration floor it is compared with: a model
 * is held against the C program that moves the same bytes through the same kind of channel.
 */
public enum FloorTransport {
    /** Threads of one process handing work over through memory and a futex (or spinning on it). */
    THREAD_HANDOFF("thread-handoff"),
    /** Anonymous pipes between processes (stdin/stdout of a child). */
    PIPE("pipe"),
    /** Unix domain sockets. */
    UNIX_SOCKET("unix-socket"),
    /** TCP over loopback. */
    TCP("tcp"),
    /** A memory-mapped region shared between processes. */
    SHARED_MEMORY("shared-memory"),
    /** The model did not say; the report compares it with no floor. */
    UNKNOWN("unknown");

    private final String label;

    FloorTransport(String label) {
        this.label = label;
    }

    /** The lower-case name used in results and on the page. */
    public String label() {
        return label;
    }
}
