package org.offloadbench.core.wire;

/**
 * What a frame means. The code is the byte on the wire; codes are stable and never reused, so a newer
 * peer can add kinds without changing old ones.
 */
public enum FrameKind {
    /** Worker to parent, once, first: the worker is up and says who it is. */
    READY(1),
    /** Parent to worker: run a workload on the payload. */
    REQUEST(2),
    /** Worker to parent: the output of a request, with its checksum and timings. */
    RESPONSE(3),
    /** Worker to parent: a request failed; carries a failure kind and a message. */
    ERROR(4),
    /** Parent to worker: stop working on a request (the worker answers it with an ERROR CANCELLED). */
    CANCEL(5),
    /** Parent to worker: finish what is in flight, then exit. */
    SHUTDOWN(6);

    private final int code;

    FrameKind(int code) {
        this.code = code;
    }

    public int code() {
        return code;
    }

    /** @return the kind for {@code code}, or null when no kind has it */
    static FrameKind ofCode(int code) {
        for (FrameKind kind : values()) {
            if (kind.code == code) {
                return kind;
            }
        }
        return null;
    }
}
