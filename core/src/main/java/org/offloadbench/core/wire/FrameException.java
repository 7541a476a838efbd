package org.offloadbench.core.wire;

import java.io.IOException;

/**
 * A frame could not be decoded (or encoded): bad magic, unknown version or kind, a length outside the
 * limits, a truncated stream, invalid UTF-8, a field out of range. The message names the field, the byte
 * offset inside the frame and, for sizes, the limit, so a corrupted stream can be diagnosed from a log.
 *
 * <p>A byte stream cannot be resynchronised after this: the reader must give up on the stream.
 */
public class FrameException extends IOException {
    private final long offset;

    public FrameException(String message, long offset) {
        super(message + " (at frame offset " + offset + ")");
        this.offset = offset;
    }

    /** Byte offset inside the frame where the problem was found; -1 when it is not about a position. */
    public long offset() {
        return offset;
    }
}
