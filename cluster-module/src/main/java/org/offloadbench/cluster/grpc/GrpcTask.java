package org.offloadbench.cluster.grpc;

import io.grpc.ClientCall;
import io.grpc.Metadata;
import io.grpc.Status;
import org.offloadbench.core.offload.support.TaskHandle;

/**
 * What {@link GrpcOffloader} keeps of one accepted task beside its {@link TaskHandle} (which alone decides
 * the outcome): its encoded request and its current call. A task waits in the coordinator's queue until it
 * holds one of the {@code lanes} places among the calls in progress, then a call carries it (one, or two with
 * the retry).
 */
final class GrpcTask {
    final TaskHandle handle;
    /** Core's REQUEST frame, encoded once; a retry sends the same bytes. */
    final byte[] request;

    /** Guarded by the offloader's lock: it holds a place among the calls in progress. */
    boolean active;
    /** Guarded by the offloader's lock: its place (or its wait for one) was given back. */
    boolean released;
    /** Calls made for it so far; touched only by the one thread starting or closing its current call. */
    int attempts;
    volatile long sentNanos;
    /** Guarded by this. */
    private ClientCall<byte[], byte[]> call;

    GrpcTask(TaskHandle handle, byte[] request) {
        this.handle = handle;
        this.request = request;
    }

    /** Makes {@code next} the current call and starts it, unless the task was decided meanwhile. */
    synchronized boolean start(ClientCall<byte[], byte[]> next, Attempt listener, long nowNanos) {
        if (handle.isDone()) {
            return false;
        }
        call = next;
        attempts++;
        sentNanos = nowNanos;
        next.start(listener, new Metadata());
        next.request(2); // a second message would be a protocol error, as for any unary method
        next.sendMessage(request);
        next.halfClose();
        return true;
    }

    /** Cancels the current call, if any: the worker sees the stream reset and interrupts the task. */
    synchronized void cancelCall(String why) {
        if (call != null) {
            call.cancel(why, null);
        }
    }

    /** The listener of one call made for this task; gRPC calls it serially. */
    static final class Attempt extends ClientCall.Listener<byte[]> {
        private final GrpcOffloader owner;
        final GrpcTask task;
        volatile String worker;
        volatile byte[] reply;
        /** Set by the coordinator's guard when no worker became ready for this call in time. */
        volatile boolean noWorker;

        Attempt(GrpcOffloader owner, GrpcTask task) {
            this.owner = owner;
            this.task = task;
        }

        @Override
        public void onHeaders(Metadata headers) {
            // a worker sends its headers when the task starts running (see GrpcWire): from now on in flight
            worker = headers.get(GrpcWire.WORKER);
            task.handle.start();
        }

        @Override
        public void onMessage(byte[] message) {
            reply = message;
        }

        @Override
        public void onClose(Status status, Metadata trailers) {
            owner.attemptClosed(this, status, trailers);
        }
    }
}
