package org.offloadbench.core.wire;

import java.io.BufferedOutputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.OutputStream;
import java.util.Objects;

/**
 * Writes whole frames to one stream from many threads. Each {@link #write} holds the lock for the whole
 * frame and flushes, so frames never interleave and never sit in a buffer while the peer waits.
 */
public final class FrameWriter implements Closeable {
    private final FrameCodec codec;
    private final OutputStream out;

    public FrameWriter(FrameCodec codec, OutputStream out) {
        this.codec = Objects.requireNonNull(codec, "codec");
        // the buffer joins the small header and a small payload into one write (one syscall on a pipe)
        this.out = new BufferedOutputStream(Objects.requireNonNull(out, "out"), 64 * 1024);
    }

    public FrameCodec codec() {
        return codec;
    }

    public void write(Frame frame) throws IOException {
        // size checks happen before any byte is written, so a refused frame never leaves half a frame
        codec.encodedSize(frame);
        synchronized (this) {
            codec.write(frame, out);
            out.flush();
        }
    }

    @Override
    public synchronized void close() throws IOException {
        out.close();
    }
}
