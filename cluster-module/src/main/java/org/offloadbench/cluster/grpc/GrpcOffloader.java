package org.offloadbench.cluster.grpc;

import io.grpc.CallOptions;
import io.grpc.ClientCall;
import io.grpc.ConnectivityState;
import io.grpc.ManagedChannel;
import io.grpc.Metadata;
import io.grpc.Status;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.function.LongSupplier;
import org.offloadbench.cluster.local.LocalWorkers;
import org.offloadbench.core.offload.OffloadException;
import org.offloadbench.core.offload.Offloader;
import org.offloadbench.core.offload.OffloaderStats;
import org.offloadbench.core.offload.Task;
import org.offloadbench.core.offload.TaskResult;
import org.offloadbench.core.wire.Frame;
import org.offloadbench.core.wire.FrameCodec;
import org.offloadbench.core.wire.FrameException;

/**
 * cluster/grpc's coordinator: one {@link ManagedChannel} whose {@code round_robin} policy spreads unary
 * calls over the workers. No lane threads: a submit starts its call from the caller's thread when a place
 * is free, and the call's close starts the next waiting task.
 *
 * <p>Admission: at most {@code lanes} (workers x worker concurrency) calls at once, {@code queueCapacity}
 * more wait here, beyond that a submit is REJECTED through its future. A task counts as queued until its
 * worker's response headers say it started, then as in flight. Timeouts are enforced by the worker from the
 * start of execution; the call's deadline (timeout plus {@code deadlineMarginMillis}) is only a backstop.
 * Cancelling a future cancels its call (a queued task never runs). A worker that goes away with a call is
 * retried once (the channel picks another READY worker); workloads are pure, so this cannot change a result.
 */
public final class GrpcOffloader implements Offloader {
    /** How long a call waits for any worker to become ready before it fails WORKER_CRASHED. */
    static final long NO_WORKER_WAIT_MILLIS = 10_000;

    private final String name;
    private final GrpcOptions options;
    private final int lanes;
    private final int queueCapacity;
    private final ManagedChannel channel;
    private final LocalWorkers localWorkers;
    private final int remoteWorkers;
    private final FrameCodec codec;
    private final GrpcReplies replies;
    private final LongSupplier nanoTime;
    private final ScheduledExecutorService timer;

    private final Object lock = new Object();
    private final ArrayDeque<GrpcTask> waiting = new ArrayDeque<>();
    private final Set<GrpcTask> active = ConcurrentHashMap.newKeySet();
    private int queued;
    private int inFlight;
    private int outstanding;
    private volatile boolean closed;
    private volatile Boolean closeResult;

    private final GrpcCounters counters;

    /** Takes ownership of the channel and of {@code localWorkers} (null when the workers are remote). */
    GrpcOffloader(String name, GrpcOptions options, int lanes, int queueCapacity, ManagedChannel channel,
                  LocalWorkers localWorkers, int remoteWorkers, FrameCodec codec, LongSupplier nanoTime) {
        this.name = Objects.requireNonNull(name, "name");
        this.options = options;
        this.lanes = lanes;
        this.queueCapacity = queueCapacity;
        this.channel = channel;
        this.localWorkers = localWorkers;
        this.remoteWorkers = remoteWorkers;
        this.codec = codec;
        this.replies = new GrpcReplies(name, codec, options.deadlineMarginMillis());
        this.counters = new GrpcCounters(name);
        this.nanoTime = nanoTime;
        ScheduledThreadPoolExecutor t = new ScheduledThreadPoolExecutor(1, r -> {
            Thread thread = new Thread(r, name + "-timer");
            thread.setDaemon(true);
            return thread;
        });
        t.setRemoveOnCancelPolicy(true);
        this.timer = t;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public CompletableFuture<TaskResult> submit(Task task) {
        Objects.requireNonNull(task, "task");
        if (closed) {
            counters.failed.increment();
            return CompletableFuture.failedFuture(OffloadException.closed(name + " is closed"));
        }
        int limit = codec.limits().maxPayloadBytes();
        if (task.input().length > limit) {
            counters.failed.increment();
            return CompletableFuture.failedFuture(OffloadException.badRequest(name + ": an input of "
                    + task.input().length + " bytes is over the frame limit of " + limit + " bytes (gRPC's message "
                    + "limit is " + GrpcWire.maxMessageBytes(codec.limits()) + " bytes with the frame header; option "
                    + "maxPayloadBytes)"));
        }
        byte[] request;
        try {
            // copies the input: the caller may reuse its array at once
            request = codec.encode(new Frame.Request(1, task.workloadId(), task.timeoutNanos(), task.input()));
        } catch (FrameException | IllegalArgumentException e) {
            counters.failed.increment();
            return CompletableFuture.failedFuture(OffloadException.badRequest(name + ": " + e.getMessage()));
        }
        GrpcTask t = new GrpcTask(this, task, request, nanoTime.getAsLong());
        synchronized (lock) {
            if (closed) {
                counters.failed.increment();
                return CompletableFuture.failedFuture(OffloadException.closed(name + " is closed"));
            }
            if (queued + inFlight >= lanes + queueCapacity) {
                counters.rejected.increment();
                return CompletableFuture.failedFuture(OffloadException.rejected(name + " queue is full: " + inFlight
                        + " in flight, " + queued + " queued (capacity " + queueCapacity + ")"));
            }
            queued++;
            if (outstanding < lanes && waiting.isEmpty()) {
                outstanding++;
                t.state.set(GrpcTask.ACTIVE);
                active.add(t);
            } else {
                waiting.add(t);
                return t.future;
            }
        }
        startAttempt(t);
        return t.future;
    }

    private void startAttempt(GrpcTask t) {
        CallOptions callOptions = CallOptions.DEFAULT.withWaitForReady();
        if (t.task.timeoutNanos() > 0) {
            callOptions = callOptions.withDeadlineAfter(t.task.timeoutNanos()
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
            timer.schedule(() -> {
                if (attempt.worker == null && t.state.get() == GrpcTask.ACTIVE
                        && channel.getState(false) != ConnectivityState.READY) {
                    attempt.noWorker = true;
                    call.cancel("no worker became ready within " + NO_WORKER_WAIT_MILLIS + " ms", null);
                }
            }, NO_WORKER_WAIT_MILLIS, TimeUnit.MILLISECONDS);
        }
    }

    /** A worker's response headers: the task runs now. */
    void markRunning(GrpcTask t) {
        synchronized (lock) {
            if (!t.uncounted && !t.running) {
                t.running = true;
                queued--;
                inFlight++;
            }
        }
    }

    void attemptClosed(GrpcTask.Attempt attempt, Status status, Metadata trailers) {
        GrpcTask t = attempt.task;
        counters.noteAbandoned(attempt.worker, trailers);
        if (t.state.get() != GrpcTask.ACTIVE) {
            release(t); // cancelled or cut short by close: already decided and counted
            return;
        }
        if (status.isOk() && attempt.reply != null) {
            Object outcome = replies.fromFrame(attempt.reply, attempt.worker, Math.max(0L, t.sentNanos - t.submitNanos));
            if (outcome instanceof TaskResult r) {
                finish(t, r, null);
            } else {
                finish(t, null, (OffloadException) outcome);
            }
        } else if (attempt.noWorker) {
            finish(t, null, OffloadException.workerCrashed(name + ": no worker became ready within "
                    + NO_WORKER_WAIT_MILLIS + " ms (" + describeWorkers() + ")"));
        } else if (GrpcReplies.workerLost(status) || status.isOk()) {
            if (options.retry() && t.attempts < 2 && !closed) {
                counters.retried.increment();
                synchronized (lock) {
                    if (!t.uncounted && t.running) {
                        t.running = false; // queued again until the next worker starts it
                        inFlight--;
                        queued++;
                    }
                }
                startAttempt(t);
                return;
            }
            finish(t, null, replies.lost(status, attempt.worker, t.attempts > 1, options.retry()));
        } else {
            finish(t, null, replies.fromStatus(status, t.task.timeoutNanos()));
        }
    }

    /** Decides the task once, counts it once, frees its place, completes its future, starts the next task. */
    private void finish(GrpcTask t, TaskResult result, OffloadException failure) {
        if (!t.state.compareAndSet(GrpcTask.ACTIVE, GrpcTask.DONE)) {
            release(t);
            return;
        }
        counters.count(failure);
        GrpcTask next = freePlace(t);
        t.future.completeInternally(result, failure);
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

    /** Uncounts a decided task and gives its place to the next waiting one, which the caller must start. */
    private GrpcTask freePlace(GrpcTask t) {
        synchronized (lock) {
            if (t.released) {
                return null;
            }
            t.released = true;
            if (!t.uncounted) {
                t.uncounted = true;
                if (t.running) {
                    inFlight--;
                } else {
                    queued--;
                }
            }
            active.remove(t);
            GrpcTask next = waiting.poll();
            if (next == null) {
                outstanding--;
            } else {
                next.state.set(GrpcTask.ACTIVE);
                active.add(next);
            }
            lock.notifyAll();
            return next;
        }
    }

    /** From the caller's future. */
    boolean cancel(GrpcTask t) {
        synchronized (lock) {
            if (t.state.get() == GrpcTask.WAITING) {
                waiting.remove(t);
                t.state.set(GrpcTask.DONE);
                t.uncounted = true;
                t.released = true;
                queued--;
                counters.cancelled.increment();
                lock.notifyAll();
                return true;
            }
        }
        if (!t.state.compareAndSet(GrpcTask.ACTIVE, GrpcTask.DONE)) {
            return false;
        }
        counters.cancelled.increment();
        t.cancelCall("cancelled by the caller"); // its close frees the place
        return true;
    }

    @Override
    public OffloaderStats stats() {
        int q;
        int f;
        synchronized (lock) {
            q = queued;
            f = inFlight;
        }
        int workers = closeResult != null ? 0 : localWorkers != null ? localWorkers.alive() : remoteWorkers;
        return new OffloaderStats(workers, q, f, counters.completed.sum(), counters.failed.sum(),
                counters.timedOut.sum(), counters.rejected.sum(), counters.cancelled.sum(),
                localWorkers == null ? 0 : localWorkers.respawned(), counters.abandoned());
    }

    /** Tasks sent a second time after their worker went away. */
    public long retried() {
        return counters.retried.sum();
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

    @Override
    public boolean close(Duration timeout) {
        synchronized (lock) {
            if (closed) {
                Boolean r = closeResult;
                return r == null || r;
            }
            closed = true;
        }
        boolean clean = awaitLock(() -> queued + inFlight == 0, timeout.toNanos());
        if (!clean) {
            List<GrpcTask> cut;
            synchronized (lock) {
                cut = new ArrayList<>(waiting);
                waiting.clear();
                for (GrpcTask t : cut) {
                    t.state.set(GrpcTask.DONE);
                    t.uncounted = true;
                    t.released = true;
                    queued--;
                }
            }
            for (GrpcTask t : cut) {
                counters.failed.increment();
                t.future.completeInternally(null, OffloadException.closed(name + " closed before the task ran"));
            }
            for (GrpcTask t : List.copyOf(active)) {
                if (t.state.compareAndSet(GrpcTask.ACTIVE, GrpcTask.DONE)) {
                    counters.failed.increment();
                    t.future.completeInternally(null, OffloadException.closed(name + " closed while the task ran"));
                }
                t.cancelCall(name + " closed");
            }
            awaitLock(() -> outstanding == 0, TimeUnit.SECONDS.toNanos(5));
        }
        channel.shutdownNow();
        try {
            if (!channel.awaitTermination(5, TimeUnit.SECONDS)) {
                System.err.println(name + ": the gRPC channel did not terminate within 5 s");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        timer.shutdownNow();
        if (localWorkers != null) {
            localWorkers.close();
        }
        closeResult = clean;
        return clean;
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
