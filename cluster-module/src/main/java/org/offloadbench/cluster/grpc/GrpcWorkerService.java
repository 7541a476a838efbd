package org.offloadbench.cluster.grpc;

import io.grpc.Metadata;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerServiceDefinition;
import io.grpc.Status;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.function.Supplier;
import org.offloadbench.cluster.worker.TaskDispatcher;
import org.offloadbench.cluster.worker.WorkerJob;
import org.offloadbench.cluster.worker.WorkerCounters;
import org.offloadbench.core.offload.FailureKind;
import org.offloadbench.core.wire.Frame;
import org.offloadbench.core.wire.FrameCodec;
import org.offloadbench.core.wire.FrameException;
import org.offloadbench.core.worker.TaskExecutor;

/**
 * The worker's two methods ({@link GrpcWire}). Run hands the decoded request to the cluster workers'
 * {@link TaskDispatcher} (bounded queue, timeout from the start of execution, interrupt and abandon on
 * cancel), sends the response headers when the task starts, and answers with one frame. A call the client
 * cancels (or whose connection ends) cancels its task.
 *
 * <p>Handlers run on gRPC's transport threads (the server uses a direct executor): they only decode and
 * hand over, never run a workload.
 */
final class GrpcWorkerService {
    private final TaskDispatcher dispatcher;
    private final TaskExecutor executor;
    private final WorkerCounters counters;
    private final FrameCodec codec;
    private final Supplier<String> workerId;

    GrpcWorkerService(TaskDispatcher dispatcher, TaskExecutor executor, WorkerCounters counters, FrameCodec codec,
                      Supplier<String> workerId) {
        this.dispatcher = dispatcher;
        this.executor = executor;
        this.counters = counters;
        this.codec = codec;
        this.workerId = workerId;
    }

    ServerServiceDefinition definition() {
        return ServerServiceDefinition.builder(GrpcWire.SERVICE)
                .addMethod(GrpcWire.RUN_AS_SERVED, this::startRun)
                .addMethod(GrpcWire.PING, ping())
                .build();
    }

    private ServerCallHandler<byte[], byte[]> ping() {
        return (call, headers) -> {
            call.request(1);
            return new ServerCall.Listener<>() {
                @Override
                public void onHalfClose() {
                    call.sendHeaders(new Metadata());
                    call.sendMessage(workerId.get().getBytes(StandardCharsets.UTF_8));
                    call.close(Status.OK, new Metadata());
                }
            };
        };
    }

    private ServerCall.Listener<byte[]> startRun(ServerCall<byte[], byte[]> call, Metadata headers) {
        RunCall run = new RunCall(call);
        call.request(2); // a second message would be a protocol error, as for any unary method
        return run;
    }

    /** One Run call. gRPC serialises the listener's callbacks; the answer comes from a task or timer thread. */
    private final class RunCall extends ServerCall.Listener<byte[]> {
        private final ServerCall<byte[], byte[]> call;
        private byte[] message;
        private volatile WorkerJob job;
        /** Guarded by this: the call was closed or cancelled; nothing more may be sent. */
        private boolean over;
        private boolean headersSent;

        RunCall(ServerCall<byte[], byte[]> call) {
            this.call = call;
        }

        @Override
        public void onMessage(byte[] bytes) {
            if (message != null) {
                synchronized (this) {
                    closeWith(Status.INVALID_ARGUMENT.withDescription("Run takes exactly one message"));
                }
                return;
            }
            message = bytes;
        }

        @Override
        public void onHalfClose() {
            if (message == null) {
                answer(executor.error(0, FailureKind.BAD_REQUEST, "Run needs one message, a REQUEST frame"));
                return;
            }
            Frame frame;
            try {
                frame = codec.decode(ByteBuffer.wrap(message));
            } catch (FrameException e) {
                answer(executor.error(0, FailureKind.BAD_REQUEST, "malformed REQUEST frame: " + e.getMessage()));
                return;
            }
            message = null;
            if (!(frame instanceof Frame.Request request)) {
                answer(executor.error(frame.requestId(), FailureKind.BAD_REQUEST, "expected a REQUEST frame, got "
                        + frame.kind()));
                return;
            }
            job = dispatcher.submit(request, this::started, this::answer);
            if (job == null) {
                answer(executor.error(request.requestId(), FailureKind.REJECTED, "worker " + workerId.get()
                        + " queue is full"));
            }
        }

        @Override
        public void onCancel() {
            synchronized (this) {
                over = true;
            }
            WorkerJob j = job;
            if (j != null) {
                dispatcher.cancel(j); // interrupts the task; abandons its thread if it ignores that
            }
        }

        /** Task thread, just before the workload starts: the client now counts the task as running. */
        private synchronized void started() {
            if (!over && !headersSent) {
                sendHeaders();
            }
        }

        private synchronized void answer(Frame frame) {
            if (over) {
                return;
            }
            byte[] bytes;
            try {
                bytes = codec.encode(frame);
            } catch (FrameException e) {
                closeWith(Status.INTERNAL.withDescription("cannot encode the answer: " + e.getMessage()));
                return;
            }
            if (!headersSent) {
                sendHeaders();
            }
            call.sendMessage(bytes);
            Metadata trailers = new Metadata();
            trailers.put(GrpcWire.ABANDONED, Long.toString(counters.abandoned()));
            call.close(Status.OK, trailers);
            over = true;
        }

        private void sendHeaders() {
            Metadata h = new Metadata();
            h.put(GrpcWire.WORKER, workerId.get());
            call.sendHeaders(h);
            headersSent = true;
        }

        private void closeWith(Status status) {
            if (!over) {
                over = true;
                call.close(status, new Metadata());
            }
        }
    }
}
