package org.offloadbench.shm.agrona;

import java.nio.charset.StandardCharsets;
import org.agrona.DirectBuffer;
import org.agrona.MutableDirectBuffer;
import org.agrona.concurrent.ringbuffer.RingBuffer;
import org.offloadbench.core.offload.FailureKind;

/**
 * The two message layouts on the rings: a small fixed header and the payload, written straight into the
 * space a ring hands out ({@link RingBuffer#tryClaim}); never Java serialization. Little-endian (Agrona's
 * default order), every length checked against the record's own length before use.
 *
 * <pre>
 * request  (type 1): taskId:8 submitNanos:8 timeoutNanos:8 workloadIdBytes:4 payloadBytes:4 workloadId payload
 * response (type 2): taskId:8 checksum:8 queueNanos:8 runNanos:8 status:4 payloadBytes:4 payload
 *                    status 0 = output follows; otherwise FailureKind ordinal + 1 and a UTF-8 message
 * </pre>
 * {@code submitNanos} is the parent's {@link System#nanoTime()} at submit; the child's queue time is its own
 * start minus that, which holds because both read the machine's one monotonic clock (CLOCK_MONOTONIC).
 */
final class RingMessages {
    static final int REQUEST = 1;
    static final int RESPONSE = 2;
    static final int REQUEST_HEADER_BYTES = 32;
    static final int RESPONSE_HEADER_BYTES = 40;
    static final int MAX_WORKLOAD_ID_BYTES = 255;

    private RingMessages() {
    }

    static int requestLength(byte[] workloadId, int payloadBytes) {
        return REQUEST_HEADER_BYTES + workloadId.length + payloadBytes;
    }

    static void writeRequest(MutableDirectBuffer buffer, int index, long taskId, long submitNanos, long timeoutNanos,
                             byte[] workloadId, byte[] payload) {
        buffer.putLong(index, taskId);
        buffer.putLong(index + 8, submitNanos);
        buffer.putLong(index + 16, timeoutNanos);
        buffer.putInt(index + 24, workloadId.length);
        buffer.putInt(index + 28, payload.length);
        buffer.putBytes(index + REQUEST_HEADER_BYTES, workloadId);
        buffer.putBytes(index + REQUEST_HEADER_BYTES + workloadId.length, payload);
    }

    /** A request as the child copies it out of the ring. */
    record Request(long taskId, long submitNanos, long timeoutNanos, String workloadId, byte[] payload) {
    }

    /** @throws IllegalArgumentException when the lengths inside do not fit the record */
    static Request readRequest(DirectBuffer buffer, int index, int length) {
        if (length < REQUEST_HEADER_BYTES) {
            throw new IllegalArgumentException("request record of " + length + " bytes is shorter than its header");
        }
        int idBytes = buffer.getInt(index + 24);
        int payloadBytes = buffer.getInt(index + 28);
        if (idBytes < 0 || idBytes > MAX_WORKLOAD_ID_BYTES || payloadBytes < 0
                || (long) REQUEST_HEADER_BYTES + idBytes + payloadBytes != length) {
            throw new IllegalArgumentException("request record of " + length + " bytes claims a " + idBytes
                    + "-byte workload id and a " + payloadBytes + "-byte payload");
        }
        byte[] id = new byte[idBytes];
        buffer.getBytes(index + REQUEST_HEADER_BYTES, id);
        byte[] payload = new byte[payloadBytes];
        buffer.getBytes(index + REQUEST_HEADER_BYTES + idBytes, payload);
        return new Request(buffer.getLong(index), buffer.getLong(index + 8), buffer.getLong(index + 16),
                new String(id, StandardCharsets.UTF_8), payload);
    }

    static void writeResponse(MutableDirectBuffer buffer, int index, long taskId, long checksum, long queueNanos,
                              long runNanos, int status, byte[] payload) {
        buffer.putLong(index, taskId);
        buffer.putLong(index + 8, checksum);
        buffer.putLong(index + 16, queueNanos);
        buffer.putLong(index + 24, runNanos);
        buffer.putInt(index + 32, status);
        buffer.putInt(index + 36, payload.length);
        buffer.putBytes(index + RESPONSE_HEADER_BYTES, payload);
    }

    static int status(FailureKind failure) {
        return failure.ordinal() + 1;
    }

    /** A response as the parent copies it out of the ring. */
    record Response(long taskId, long checksum, long queueNanos, long runNanos, int status, byte[] payload) {
        boolean ok() {
            return status == 0;
        }

        /** The failure of an error response; BAD_REQUEST for a status this version does not know. */
        FailureKind failure() {
            FailureKind[] kinds = FailureKind.values();
            return status >= 1 && status <= kinds.length ? kinds[status - 1] : FailureKind.BAD_REQUEST;
        }

        String message() {
            return new String(payload, StandardCharsets.UTF_8);
        }
    }

    /** @throws IllegalArgumentException when the lengths inside do not fit the record */
    static Response readResponse(DirectBuffer buffer, int index, int length) {
        if (length < RESPONSE_HEADER_BYTES) {
            throw new IllegalArgumentException("response record of " + length + " bytes is shorter than its header");
        }
        int payloadBytes = buffer.getInt(index + 36);
        if (payloadBytes < 0 || (long) RESPONSE_HEADER_BYTES + payloadBytes != length) {
            throw new IllegalArgumentException("response record of " + length + " bytes claims a " + payloadBytes
                    + "-byte payload");
        }
        byte[] payload = new byte[payloadBytes];
        buffer.getBytes(index + RESPONSE_HEADER_BYTES, payload);
        return new Response(buffer.getLong(index), buffer.getLong(index + 8), buffer.getLong(index + 16),
                buffer.getLong(index + 24), buffer.getInt(index + 32), payload);
    }
}
