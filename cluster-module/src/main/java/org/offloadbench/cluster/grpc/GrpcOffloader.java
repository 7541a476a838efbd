package org.offloadbench.cluster.grpc;

import io.grpc.CallOptions;
import io.grpc.ClientCall;
import io.grpc.ConnectivityState;
import io.grpc.ManagedChannel;
import io.grpc.Metadata;
import io.grpc.Status;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.function.LongSupplier;
import org.offloadbench.cluster.local.LocalWorkers;
import org.offloadbench.core.offload.OffloadException;
import org.offloadbench.core.offload.Offloader;
import org.offloadbench.core.offload.OffloaderStats;
import org.offloadbench.core.offload.Task;
import org.offloadbench.core.offload.TaskResult;
import org.offloadbench.core.offload.support.LifecycleSettings;
import org.offloadbench.core.offload.support.TaskHandle;
import org.offloadbench.core.offload.support.TaskLifecycle;
import org.offloadbench.core.offload.transport.RecoveryPolicy;
import org.offloadbench.core.wire.Frame;
import org.offloadbench.core.wire.FrameCodec;
import org.offloadbench.core.wire.FrameException;

/**
 * cluster/grpc's coordinator: one {@link ManagedChannel} whose {@code round_robin} policy spreads unary
 * calls over the workers. No lane threads: a submit starts its call from the caller's thread when a place
 * is free, and the call's close starts the next waiting task.
 *
 * <p>A task's life is core's {@link TaskLifecycle}: admission against {@code lanes + queueCapacity} (beyond
 * that a submit is REJECTED through its future), exactly-once completion, the counters, cancel and the close
 * drain. This class adds the transport: at most {@code lanes} (workers x worker concurrency) calls at once,
 * the rest wait here. A task counts as queued until its worker's response headers say it started, then as in
 * flight. Timeouts are enforced by the worker from the start of execution; the call's deadline (timeout plus
 * {@code deadlineMarginMillis}) is only a backstop. Cancelling a future cancels its call (a queued task never
 * runs). Recovery ({@link RecoveryPolicy}): a worker that goes away with a call is retried once (the channel
 * picks another READY worker; {@code retry=off} turns it off); workloads are pure, so this cannot change a
 * result; the local workers respawn as {@link LocalWorkers#RECOVERY} says.
 */
public final class GrpcOffloader implements Offloader {
    /** How long a call waits for any worker to become ready before it fails WORKER_CRASHED. */
    static final long NO_WORKER_WAIT_MILLIS = 10_000;

    private final String name;
    private final GrpcOptions options;
    private final RecoveryPolicy recovery;
    private final int lanes;
    private final ManagedChannel channel;
    private final LocalWorkers localWorkers;
    private final int remoteWorkers;
    private final FrameCodec codec;
    private final GrpcReplies replies;
    private final LongSupplier nanoTime;
    private final GrpcCounters counters;
    private final TaskLifecycle lifecycle;

    private final Object lock = new Object();
    private final ArrayDeque<GrpcTask> waiting = new ArrayDeque<>();
    private int outstanding;
    private volatile boolean stopped;

    /** Takes ownership of the channel and of {@code localWorkers} (null when the workers are remote). */
    GrpcOffloader(String name, GrpcOptions options, int lanes, int queueCapacity, ManagedChannel channel,
                  LocalWorkers localWorkers, int remoteWorkers, FrameCodec codec, LongSupplier nanoTime) {
        this.name = Objects.requireNonNull(name, "name");
        this.options = options;
        this.recovery = LocalWorkers.recovery(options.retry());
        this.lanes = lanes;
        this.channel = channel;
        this.localWorkers = localWorkers;
        this.remoteWorkers = remoteWorkers;
        this.codec = codec;
        this.replies = new GrpcReplies(name, codec, options.deadlineMarginMillis());
        this.counters = new GrpcCounters(name);
        this.nanoTime = nanoTime;
        // the workers time their tasks; the encoded request is the copy of a COPY input
        this.lifecycle = new TaskLifecycle(LifecycleSettings.of(name, lanes + queueCapacity).withClock(nanoTime)
                .withTimesTasks(false).withCopyOnSubmit(false), new Model());
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public CompletableFuture<TaskResult> submit(Task task) {
        Objects.requireNonNull(task, "task");
        int limit = codec.limits().maxPayloadBytes();
        if (!lifecycle.isClosed() && task.input().length > limit) {
            return lifecycle.failAtSubmit(OffloadException.badRequest(name + ": an input of "
                    + task.input().length + " bytes is over the frame limit of " + limit + " bytes (gRPC's message "
                    + "limit is " + GrpcWire.maxMessageBytes(codec.limits()) + " bytes with the frame header; option "
                    + "maxPayloadBytes)"));
        }
        return lifecycle.submit(task, null);
    }

    /** What the lifecycle asks of this model: start or queue a call, stop one ended from outside. */
    private final class Model implements TaskLifecycle.Model {
        @Override
        public void dispatch(TaskHandle handle) {
            Task task = handle.task();
            byte[] request;
            try {
                // copies the input: the caller may reuse its array once submit returns
                request = codec.encode(new Frame.Request(1, task.workloadId(), task.timeoutNanos(), task.input()));
            } catch (FrameException | IllegalArgumentException e) {
                handle.fail(OffloadException.badRequest(name + ": " + e.getMessage()));
                return;
            }
            GrpcTask t = new GrpcTask(handle, request);
            handle.attach(t);
            synchronized (lock) {
                if (outstanding < lanes && waiting.isEmpty()) {
                    outstanding++;
                    t.active = true;
                } else {
                    waiting.add(t);
                    return;
                }
            }
            startAttempt(t);
        }

        @Override
        public void stopped(TaskHandle handle, TaskHandle.State from) {
            GrpcTask t = (GrpcTask) handle.attachment();
            if (t == null) {
                return;
            }
            synchronized (lock) {
                if (!t.active && !t.released && waiting.remove(t)) {
                    t.released = true; // it never held a place
                    return;
                }
            }
            t.cancelCall(lifecycle.isClosed() ? name + " closed" : "cancelled by the caller"); // its close frees the place
        }

        @Override
        public String queueFullMessage() {
            return name + " queue is full: " + lifecycle.counters().inFlight() + " in flight, "
                    + lifecycle.counters().queueDepth() + " queued (capacity "
                    + (lifecycle.settings().admissionLimit() - lanes) + ")";
        }
    }

    private void startAttempt(GrpcTask t) {
        Task task = t.handle.task();
        CallOptions callOptions = CallOptions.DEFAULT.withWaitForReady();
        if (task.timeoutNanos() > 0) {
            callOptions = callOptions.withDeadlineAfter(task.timeoutNanos()
                    + TimeUnit.MILLISECONDS.toNanos(options.deadlineMarginMillis()), TimeUnit.NANOSECONDS);
        }
        ClientCall<byte[], byte[]> call = channel.newCall(GrpcWire.RUN, callOptions);
        GrpcTask.Attempt attempt = new GrpcTask.Attempt(this, t);
        if (!t.start(call, attempt, nanoTime.getAsLong())) {
            release(t); // cancelled or closed before its call started
            return;
        }
        if (channel.getState(false) != ConnectivityState.READY) {
            // waitForReady holds a call while no worker is ready: bound that wait
            lifecycle.timers().schedule(() -> {
                if (attempt.worker == null && !t.handle.isDone() && channel.getState(false) != ConnectivityState.READY) {
                    attempt.noWorker = true;
                    call.cancel("no worker became ready within " + NO_WORKER_WAIT_MILLIS + " ms", null);
                }
            }, TimeUnit.MILLISECONDS.toNanos(NO_WORKER_WAIT_MILLIS));
        }
    }

    void attemptClosed(GrpcTask.Attempt attempt, Status status, Metadata trailers) {
        GrpcTask t = attempt.task;
        TaskHandle handle = t.handle;
        counters.noteAbandoned(attempt.worker, trailers);
        if (handle.isDone()) {
            release(t); // cancelled or cut short by close: already decided and counted
            return;
        }
        OffloadException failure = null;
        TaskResult result = null;
        if (status.isOk() && attempt.reply != null) {
            Object outcome = replies.fromFrame(attempt.reply, attempt.worker,
                    Math.max(0L, t.sentNanos - handle.submitNanos()));
            if (outcome instanceof TaskResult r) {
                result = r;
            } else {
                failure = (OffloadException) outcome;
            }
        } else if (attempt.noWorker) {
            failure = OffloadException.workerCrashed(name + ": no worker became ready within "
                    + NO_WORKER_WAIT_MILLIS + " ms (" + describeWorkers() + ")");
        } else if (GrpcReplies.workerLost(status) || status.isOk()) {
            if (recovery.mayRetry(t.attempts, lifecycle.isClosed())) {
                lifecycle.counters().retried();
                handle.requeue(); // queued again until the next worker starts it (no-op if it had not started)
                startAttempt(t);
                return;
            }
            failure = replies.lost(status, attempt.worker, t.attempts > 1, options.retry());
        } else {
            failure = replies.fromStatus(status, handle.task().timeoutNanos());
        }
        // the call is over: its place goes to the next task before this one's caller wakes up and submits again
        GrpcTask next = freePlace(t);
        if (result != null) {
            handle.complete(result);
        } else {
            handle.fail(failure);
        }
        if (next != null) {
            startAttempt(next);
        }
    }

    private void release(GrpcTask t) {
        GrpcTask next = freePlace(t);
        if (next != null) {
            startAttempt(next);
        }
    }

    /** Gives a finished call's place to the next waiting task, which the caller must start. */
    private GrpcTask freePlace(GrpcTask t) {
        synchronized (lock) {
            if (t.released) {
                return null;
            }
            t.released = true;
            GrpcTask next = waiting.poll();
            if (next == null) {
                outstanding--;
            } else {
                next.active = true;
            }
            lock.notifyAll();
            return next;
        }
    }

    @Override
    public OffloaderStats stats() {
        int workers = stopped ? 0 : localWorkers != null ? localWorkers.alive() : remoteWorkers;
        // respawns are the local workers' own count; abandoned tasks are what the workers' trailers report
        return lifecycle.stats(workers).withRecovery(localWorkers == null ? 0 : localWorkers.respawned(),
                counters.abandoned());
    }

    /** Tasks sent a second time after their worker went away. */
    public long retried() {
        return lifecycle.counters().retries();
    }

    /** The local workers, or null when they are remote. */
    public LocalWorkers localWorkers() {
        return localWorkers;
    }

    @Override
    public List<Long> workerPids() {
        return localWorkers == null ? List.of() : localWorkers.pids();
    }

    private String describeWorkers() {
        return localWorkers != null ? localWorkers.alive() + " of " + localWorkers.pids().size() + " local workers alive"
                : remoteWorkers + " remote workers, none ready";
    }

    /**
     * Drains (core's lifecycle: accepted tasks finish until the timeout, the rest fail CLOSED and their calls
     * are cancelled), waits for the cancelled calls to close, then stops the channel and the local workers.
     */
    @Override
    public boolean close(Duration timeout) {
        return lifecycle.close(timeout, deadlineNanos -> {
            awaitLock(() -> outstanding == 0, TimeUnit.SECONDS.toNanos(5));
            channel.shutdownNow();
            try {
                if (!channel.awaitTermination(5, TimeUnit.SECONDS)) {
                    System.err.println(name + ": the gRPC channel did not terminate within 5 s");
                }
            } finally {
                if (localWorkers != null) {
                    localWorkers.close();
                }
                stopped = true;
            }
        });
    }

    private boolean awaitLock(BooleanSupplier condition, long timeoutNanos) {
        long deadline = nanoTime.getAsLong() + timeoutNanos;
        synchronized (lock) {
            while (!condition.getAsBoolean()) {
                long left = deadline - nanoTime.getAsLong();
                if (left <= 0) {
                    return false;
                }
                try {
                    lock.wait(Math.max(1L, TimeUnit.NANOSECONDS.toMillis(left)));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return condition.getAsBoolean();
                }
            }
            return true;
        }
    }
}
