package org.offloadbench.shm.slot;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.function.BooleanSupplier;

/**
 * Doorbell between processes: one byte down a pipe per event (the child's stdin and stdout). Exactly one
 * byte is written per ring and one read per wait, so no backlog builds up; the waiter reads first and then
 * finds the state already set (the byte was written after the release store). A blocked read ends with
 * end-of-file when the peer dies, which is how a waiting parent learns of a crash without polling.
 */
public final class StreamDoorbell implements Doorbell {
    private final InputStream in;
    private final OutputStream out;

    public StreamDoorbell(InputStream in, OutputStream out) {
        this.in = in;
        this.out = out;
    }

    @Override
    public void ring() throws IOException {
        out.write(1);
        out.flush();
    }

    @Override
    public boolean await(BooleanSupplier done) throws IOException {
        if (in.read() < 0) {
            throw new EOFException("the other side closed its doorbell pipe");
        }
        return true;
    }
}
