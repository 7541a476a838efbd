package org.offloadbench.cluster.grpc;

import io.grpc.Status;
import java.nio.ByteBuffer;
import java.util.concurrent.TimeUnit;
import org.offloadbench.core.offload.OffloadException;
import org.offloadbench.core.offload.TaskResult;
import org.offloadbench.core.wire.Frame;
import org.offloadbench.core.wire.FrameCodec;
import org.offloadbench.core.wire.FrameException;

/** Turns what a call ended with (a frame, or a gRPC status) into a result or a failure with its kind. */
final class GrpcReplies {
    private final String model;
    private final FrameCodec codec;
    private final long deadlineMarginMillis;

    GrpcReplies(String model, FrameCodec codec, long deadlineMarginMillis) {
        this.model = model;
        this.codec = codec;
        this.deadlineMarginMillis = deadlineMarginMillis;
    }

    /** A worker went away with the call (killed, crashed, its connection reset): worth one more try. */
    static boolean workerLost(Status status) {
        return switch (status.getCode()) {
            case UNAVAILABLE, CANCELLED, INTERNAL, UNKNOWN -> true;
            default -> false;
        };
    }

    /**
     * @return a {@link TaskResult} or an {@link OffloadException}
     */
    Object fromFrame(byte[] reply, String worker, long clientQueueNanos) {
        Frame frame;
        try {
            frame = codec.decode(ByteBuffer.wrap(reply));
        } catch (FrameException e) {
            return OffloadException.workerCrashed(model + ": worker " + worker + " answered a malformed frame: "
                    + e.getMessage());
        }
        if (frame instanceof Frame.Response r) {
            return new TaskResult(r.payload(), r.checksum(), clientQueueNanos + r.queueNanos(), r.runNanos(),
                    worker == null ? "?" : worker);
        }
        if (frame instanceof Frame.Error e) {
            return new OffloadException(e.failure(), model + ": worker " + worker + ": " + e.message());
        }
        return OffloadException.workerCrashed(model + ": worker " + worker + " answered a " + frame.kind()
                + " frame instead of RESPONSE or ERROR");
    }

    /** A call that ended without a frame, for a reason other than a lost worker. */
    OffloadException fromStatus(Status status, long timeoutNanos) {
        String what = status.getCode() + (status.getDescription() == null ? "" : ": " + status.getDescription());
        return switch (status.getCode()) {
            case DEADLINE_EXCEEDED -> OffloadException.timedOut(model + ": no answer within the call's deadline, "
                    + "the task's timeout of " + TimeUnit.NANOSECONDS.toMillis(timeoutNanos) + " ms plus a margin of "
                    + deadlineMarginMillis + " ms (the worker enforces the timeout from the start of execution; the "
                    + "deadline is only the backstop for a worker that cannot answer): " + what);
            case RESOURCE_EXHAUSTED -> OffloadException.badRequest(model + ": a message was over gRPC's limit of "
                    + GrpcWire.maxMessageBytes(codec.limits()) + " bytes (a frame of at most "
                    + codec.limits().maxPayloadBytes() + " payload bytes; option maxPayloadBytes): " + what);
            default -> OffloadException.workerCrashed(model + ": the call failed: " + what);
        };
    }

    /** The worker died before answering, with or without a retry. */
    OffloadException lost(Status status, String worker, boolean retried, boolean retryOn) {
        String what = status.getCode() + (status.getDescription() == null ? "" : ": " + status.getDescription());
        String where = worker == null ? "its worker" : "worker " + worker;
        String tail = retried ? ", also on the retry on another worker" : retryOn ? "" : " (retry=off)";
        return OffloadException.workerCrashed(model + ": " + where + " went away before answering" + tail + ": "
                + what);
    }
}
