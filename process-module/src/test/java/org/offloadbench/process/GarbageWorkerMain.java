package org.offloadbench.process;

import java.io.DataInputStream;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import org.offloadbench.core.wire.Frame;
import org.offloadbench.core.wire.FrameCodec;
import org.offloadbench.core.workload.Checksums;

/**
 * A child that says READY like a worker and then answers its first request with bytes that are no frame, or,
 * with the argument {@code bad-checksum}, with a well-formed RESPONSE whose checksum is not that of its payload.
 */
public final class GarbageWorkerMain {
    private GarbageWorkerMain() {
    }

    public static void main(String[] args) throws IOException {
        OutputStream out = new FileOutputStream(FileDescriptor.out);
        FrameCodec codec = FrameCodec.withDefaults();
        out.write(codec.encode(new Frame.Ready(ProcessHandle.current().pid(), 1, codec.limits().maxPayloadBytes())));
        out.flush();
        DataInputStream in = new DataInputStream(System.in);
        Frame first = codec.read(in);
        if (first instanceof Frame.Request request && args.length > 0 && args[0].equals("bad-checksum")) {
            long wrong = Checksums.of(request.payload()) ^ 0x5A5AL;
            out.write(codec.encode(new Frame.Response(request.requestId(), wrong, 0L, 0L, request.payload())));
            out.flush();
        } else if (first != null) {
            out.write("HTTP/1.1 200 OK\r\nthis is not a frame\r\n".getBytes(StandardCharsets.US_ASCII));
            out.flush();
        }
        // stay until the parent kills us or closes our stdin
        while (in.read() >= 0) {
            // discard
        }
    }
}
