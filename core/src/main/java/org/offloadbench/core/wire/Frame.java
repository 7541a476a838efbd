package org.offloadbench.core.wire;

import java.util.Arrays;
import java.util.Objects;
import org.offloadbench.core.offload.FailureKind;

/**
 * One message of the worker protocol. Each kind is its own record, so a receiver handles exactly the
 * fields that kind has; {@link FrameCodec} documents the byte layout.
 *
 * <p>Records holding a payload compare it by content, so a decoded frame equals the frame that was
 * encoded.
 */
public sealed interface Frame {

    FrameKind kind();

    /** The request this frame is about; 0 for frames that are about the connection (READY, SHUTDOWN). */
    long requestId();

    /**
     * The worker is up. Sent once, first, by every worker.
     *
     * @param pid             the worker's process id (the parent checks it against the process it started)
     * @param concurrency     how many requests the worker runs at once
     * @param maxPayloadBytes the largest payload the worker accepts
     */
    record Ready(long pid, int concurrency, int maxPayloadBytes) implements Frame {
        public Ready {
            if (pid <= 0) {
                throw new IllegalArgumentException("pid must be > 0, was " + pid);
            }
            if (concurrency < 1) {
                throw new IllegalArgumentException("concurrency must be >= 1, was " + concurrency);
            }
            if (maxPayloadBytes < 0) {
                throw new IllegalArgumentException("maxPayloadBytes must be >= 0, was " + maxPayloadBytes);
            }
        }

        @Override
        public FrameKind kind() {
            return FrameKind.READY;
        }

        @Override
        public long requestId() {
            return 0L;
        }
    }

    /**
     * Run {@code workloadId} on {@code payload}.
     *
     * @param timeoutNanos how long the workload may run, counted from the start of its execution in the
     *                     worker (not from sending, so queueing and transport never eat the budget); 0 = none
     */
    record Request(long requestId, String workloadId, long timeoutNanos, byte[] payload) implements Frame {
        public Request {
            Objects.requireNonNull(workloadId, "workloadId");
            Objects.requireNonNull(payload, "payload");
            if (workloadId.isEmpty()) {
                throw new IllegalArgumentException("workloadId must not be empty");
            }
            if (timeoutNanos < 0) {
                throw new IllegalArgumentException("timeoutNanos must be >= 0, was " + timeoutNanos);
            }
        }

        @Override
        public FrameKind kind() {
            return FrameKind.REQUEST;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Request r && r.requestId == requestId && r.workloadId.equals(workloadId)
                    && r.timeoutNanos == timeoutNanos && Arrays.equals(r.payload, payload);
        }

        @Override
        public int hashCode() {
            return Objects.hash(requestId, workloadId, timeoutNanos) * 31 + Arrays.hashCode(payload);
        }

        @Override
        public String toString() {
            return "Request[requestId=" + requestId + ", workloadId=" + workloadId + ", timeoutNanos="
                    + timeoutNanos + ", payloadBytes=" + payload.length + "]";
        }
    }

    /**
     * The output of a request.
     *
     * @param checksum   CRC32C of the payload as computed by the worker ({@code Checksums}), 0 .. 2^32-1
     * @param queueNanos time the request waited inside the worker before it started
     * @param runNanos   time the workload ran
     */
    record Response(long requestId, long checksum, long queueNanos, long runNanos, byte[] payload)
            implements Frame {
        public Response {
            Objects.requireNonNull(payload, "payload");
            if (checksum < 0 || checksum > 0xFFFF_FFFFL) {
                throw new IllegalArgumentException("checksum must be an unsigned 32-bit value, was " + checksum);
            }
            if (queueNanos < 0 || runNanos < 0) {
                throw new IllegalArgumentException("queueNanos and runNanos must be >= 0, were "
                        + queueNanos + " and " + runNanos);
            }
        }

        @Override
        public FrameKind kind() {
            return FrameKind.RESPONSE;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Response r && r.requestId == requestId && r.checksum == checksum
                    && r.queueNanos == queueNanos && r.runNanos == runNanos && Arrays.equals(r.payload, payload);
        }

        @Override
        public int hashCode() {
            return Objects.hash(requestId, checksum, queueNanos, runNanos) * 31 + Arrays.hashCode(payload);
        }

        @Override
        public String toString() {
            return "Response[requestId=" + requestId + ", checksum=" + checksum + ", queueNanos=" + queueNanos
                    + ", runNanos=" + runNanos + ", payloadBytes=" + payload.length + "]";
        }
    }

    /**
     * A request failed (or, with requestId 0, the connection did: a malformed frame).
     *
     * @param failure what kind of failure, as the parent will report it
     * @param message what happened, in words a user can act on (a workload's own message as is)
     */
    record Error(long requestId, FailureKind failure, String message) implements Frame {
        public Error {
            Objects.requireNonNull(failure, "failure");
            Objects.requireNonNull(message, "message");
        }

        @Override
        public FrameKind kind() {
            return FrameKind.ERROR;
        }
    }

    /** Stop working on a request; the worker answers with an ERROR CANCELLED unless it already answered. */
    record Cancel(long requestId) implements Frame {
        @Override
        public FrameKind kind() {
            return FrameKind.CANCEL;
        }
    }

    /** Finish what is in flight, answer it, then exit. */
    record Shutdown() implements Frame {
        @Override
        public FrameKind kind() {
            return FrameKind.SHUTDOWN;
        }

        @Override
        public long requestId() {
            return 0L;
        }
    }
}
