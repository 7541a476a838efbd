package org.offloadbench.cluster.grpc;

import io.grpc.ClientCall;
import io.grpc.Metadata;
import io.grpc.Status;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import org.offloadbench.core.offload.Task;
import org.offloadbench.core.offload.TaskResult;

/**
 * One submitted task of {@link GrpcOffloader}: its encoded request, its state, its current call. A task
 * is WAITING in the coordinator's queue, ACTIVE while a call carries it (one, or two with the retry), and
 * DONE once its future is decided; only the thread that moves it to DONE completes the future.
 */
final class GrpcTask {
    static final int WAITING = 0;
    static final int ACTIVE = 1;
    static final int DONE = 2;

    final Task task;
    /** Core's REQUEST frame, encoded once; a retry sends the same bytes. */
    final byte[] request;
    final long submitNanos;
    final AtomicInteger state = new AtomicInteger(WAITING);
    final TaskFuture future;

    /** Guarded by the offloader's lock: its worker said it started, so it counts in flight, not queued. */
    boolean running;
    /** Guarded by the offloader's lock: no longer counted as queued or in flight. */
    boolean uncounted;
    /** Guarded by the offloader's lock: its place among the calls in progress was given back. */
    boolean released;
    /** Calls made for it so far; touched only by the one thread starting or closing its current call. */
    int attempts;
    volatile long sentNanos;
    /** Guarded by this. */
    private ClientCall<byte[], byte[]> call;

    GrpcTask(GrpcOffloader owner, Task task, byte[] request, long submitNanos) {
        this.task = task;
        this.request = request;
        this.submitNanos = submitNanos;
        this.future = new TaskFuture(owner, this);
    }

    /** Makes {@code next} the current call and starts it, unless the task was decided meanwhile. */
    synchronized boolean start(ClientCall<byte[], byte[]> next, Attempt listener, long nowNanos) {
        if (state.get() != ACTIVE) {
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
            // a worker sends its headers when the task starts running (see GrpcWire)
            worker = headers.get(GrpcWire.WORKER);
            owner.markRunning(task);
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

    /** A future whose cancel reaches the task: a queued one never runs, a running one is interrupted. */
    static final class TaskFuture extends CompletableFuture<TaskResult> {
        private final GrpcOffloader owner;
        private final GrpcTask task;

        TaskFuture(GrpcOffloader owner, GrpcTask task) {
            this.owner = owner;
            this.task = task;
        }

        @Override
        public boolean cancel(boolean mayInterruptIfRunning) {
            return owner.cancel(task) && super.cancel(mayInterruptIfRunning);
        }

        void completeInternally(TaskResult result, Throwable failure) {
            if (failure == null) {
                super.complete(result);
            } else {
                super.completeExceptionally(failure);
            }
        }
    }
}
