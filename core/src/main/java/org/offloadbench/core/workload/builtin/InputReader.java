package org.offloadbench.core.workload.builtin;

import java.nio.ByteBuffer;
import org.offloadbench.core.workload.WorkloadException;

/**
 * Reads a workload's binary input header field by field. Input may come from another process or host, so
 * every read is bounds-checked and a short, long or out-of-range input becomes a {@link WorkloadException}
 * that names the workload, the field and the offset, never an index or buffer exception.
 * Numbers are big-endian, as {@link ByteBuffer} writes them by default.
 */
final class InputReader {

    private final String workloadId;
    private final ByteBuffer buffer;

    private InputReader(String workloadId, ByteBuffer buffer) {
        this.workloadId = workloadId;
        this.buffer = buffer;
    }

    static InputReader of(String workloadId, byte[] input) {
        if (input == null) {
            throw new WorkloadException(workloadId + ": input is null");
        }
        return new InputReader(workloadId, ByteBuffer.wrap(input));
    }

    int readInt(String field) {
        require(field, Integer.BYTES);
        return buffer.getInt();
    }

    long readLong(String field) {
        require(field, Long.BYTES);
        return buffer.getLong();
    }

    int readInt(String field, int min, int max) {
        int value = readInt(field);
        if (value < min || value > max) {
            throw fail(field + " is " + value + "; valid: " + min + " .. " + max);
        }
        return value;
    }

    long readLong(String field, long min, long max) {
        long value = readLong(field);
        if (value < min || value > max) {
            throw fail(field + " is " + value + "; valid: " + min + " .. " + max);
        }
        return value;
    }

    byte[] readBytes(String field, int length) {
        require(field, length);
        byte[] bytes = new byte[length];
        buffer.get(bytes);
        return bytes;
    }

    /** Offset of the next unread byte; with {@link #remaining()} it lets a caller read the rest in place. */
    int position() {
        return buffer.position();
    }

    int remaining() {
        return buffer.remaining();
    }

    /** Declares the rest of the input to be {@code expectedBytes} long, counted by the header's fields. */
    void expectRemaining(String what, long expectedBytes) {
        if (buffer.remaining() != expectedBytes) {
            throw fail(what + " should be " + expectedBytes + " bytes after the " + buffer.position()
                    + "-byte header, but " + buffer.remaining() + " bytes follow");
        }
    }

    void expectEnd() {
        if (buffer.hasRemaining()) {
            throw fail(buffer.remaining() + " unexpected trailing bytes after offset " + buffer.position()
                    + " (input is " + buffer.capacity() + " bytes)");
        }
    }

    WorkloadException fail(String problem) {
        return new WorkloadException(workloadId + ": malformed input: " + problem);
    }

    WorkloadException fail(String problem, Throwable cause) {
        return new WorkloadException(workloadId + ": malformed input: " + problem, cause);
    }

    private void require(String field, int length) {
        if (length < 0 || buffer.remaining() < length) {
            throw fail(field + " needs " + length + " bytes at offset " + buffer.position() + " but only "
                    + buffer.remaining() + " remain (input is " + buffer.capacity() + " bytes)");
        }
    }
}
