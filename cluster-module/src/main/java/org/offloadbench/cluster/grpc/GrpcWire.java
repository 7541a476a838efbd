package org.offloadbench.cluster.grpc;

import io.grpc.Drainable;
import io.grpc.KnownLength;
import io.grpc.Metadata;
import io.grpc.MethodDescriptor;
import io.grpc.Status;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import org.offloadbench.core.wire.FrameLimits;

/**
 * What the coordinator and a gRPC worker agree on, without code generation: two UNARY methods whose
 * messages are plain byte arrays.
 *
 * <pre>
 *   offloadbench.Worker/Run    request  = core's REQUEST frame (workload id, timeout from start, input)
 *                              response = core's RESPONSE frame (output, its CRC32C, queue and run nanos)
 *                                         or its ERROR frame (failure kind and message)
 *                              headers  = sent when the task STARTS running (x-offload-worker: pid@host:port),
 *                                         so the client counts the task in flight only once it runs
 *                              trailers = x-offload-abandoned: threads this worker has given up on so far
 *   offloadbench.Worker/Ping   request  = empty; response = the worker's id, UTF-8 (warm-up of the channel)
 * </pre>
 *
 * A frame is {@link org.offloadbench.core.wire.FrameCodec}'s binary layout (length-prefixed, hard limits, no
 * Java serialization); the gRPC message limit on both sides is the frame limit, so gRPC refuses a larger
 * message (RESOURCE_EXHAUSTED) before it buffers it.
 */
final class GrpcWire {
    static final String SERVICE = "offloadbench.Worker";

    static final MethodDescriptor<byte[], byte[]> RUN = method("Run", MethodDescriptor.MethodType.UNARY);
    static final MethodDescriptor<byte[], byte[]> PING = method("Ping", MethodDescriptor.MethodType.UNARY);

    /**
     * Run as the worker registers it. On the wire it is the same exchange as {@link #RUN} (one request, one
     * response, trailers), and the worker answers exactly once; but grpc-java's server holds a UNARY method's
     * response headers until the response (an optimisation), and the start headers must reach the client
     * when the task starts, not with its answer. A server-streaming descriptor flushes them at once.
     */
    static final MethodDescriptor<byte[], byte[]> RUN_AS_SERVED = method("Run",
            MethodDescriptor.MethodType.SERVER_STREAMING);

    static final Metadata.Key<String> WORKER = Metadata.Key.of("x-offload-worker", Metadata.ASCII_STRING_MARSHALLER);
    static final Metadata.Key<String> ABANDONED = Metadata.Key.of("x-offload-abandoned",
            Metadata.ASCII_STRING_MARSHALLER);

    private GrpcWire() {
    }

    private static MethodDescriptor<byte[], byte[]> method(String name, MethodDescriptor.MethodType type) {
        return MethodDescriptor.<byte[], byte[]>newBuilder()
                .setType(type)
                .setFullMethodName(MethodDescriptor.generateFullMethodName(SERVICE, name))
                .setRequestMarshaller(BytesMarshaller.INSTANCE)
                .setResponseMarshaller(BytesMarshaller.INSTANCE)
                .build();
    }

    /** gRPC's message limit for a frame limit: the largest whole frame, header included. */
    static int maxMessageBytes(FrameLimits limits) {
        return limits.maxFrameBytes();
    }

    /** Byte arrays as they are; the stream tells gRPC its length and drains in one write (no re-buffering). */
    enum BytesMarshaller implements MethodDescriptor.Marshaller<byte[]> {
        INSTANCE;

        @Override
        public InputStream stream(byte[] value) {
            return new KnownLengthBytes(value);
        }

        @Override
        public byte[] parse(InputStream stream) {
            try {
                return stream.readAllBytes();
            } catch (IOException e) {
                throw Status.INTERNAL.withDescription("reading a message failed: " + e).withCause(e)
                        .asRuntimeException();
            }
        }
    }

    private static final class KnownLengthBytes extends ByteArrayInputStream implements KnownLength, Drainable {
        KnownLengthBytes(byte[] bytes) {
            super(bytes);
        }

        @Override
        public int drainTo(OutputStream target) throws IOException {
            int n = count - pos;
            target.write(buf, pos, n);
            pos = count;
            return n;
        }
    }
}
