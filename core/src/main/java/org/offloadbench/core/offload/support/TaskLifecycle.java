package org.offloadbench.core.offload.support;

import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;

import org.offloadbench.core.offload.FailureKind;
import org.offloadbench.core.offload.OffloadException;
import org.offloadbench.core.offload.OffloaderStats;
import org.offloadbench.core.offload.Task;
import org.offloadbench.core.offload.TaskResult;
import org.offloadbench.core.workload.Workload;

/**
 * The one task lifecycle every model uses: admission against a bounded queue with a clear rejection, one
 * {@link TaskHandle} per accepted task (exactly-once QUEUED -> RUNNING -> DONE), the timeout counted from the
 * start of execution, cancel (cancelling the returned future counts), the counters behind
 * {@link OffloaderStats}, and the {@link #close(Duration, Shutdown)} drain. A model adds only how a task
 * reaches a worker ({@link Model#dispatch}) and how a task ended from outside is stopped there
 * ({@link Model#stopped}).
 *
 * <p>Submit: a closed lifecycle fails the future at once (counted as failed); a full queue fails it with
 * REJECTED (counted as rejected); with {@link LifecycleSettings#copyOnSubmit()} a COPY input is cloned only
 * once the task has a place, so a rejection costs no allocation. Submit never throws for a per-task problem.
 *
 * <p>Close: stop accepting, let accepted tasks finish until the timeout, fail the rest with CLOSED
 * (interrupting those running here, telling the model about those on workers), stop the workers, and abandon
 * (and count) any thread still stuck in a workload that ignores interrupts.
 */
public final class TaskLifecycle {
    private static final Duration MAX_CLOSE_WAIT = Duration.ofDays(365);

    /** What a model plugs into the lifecycle. */
    public interface Model {
        /** Hands an accepted task to a worker (or queues it for one). May throw only when shutting down. */
        void dispatch(TaskHandle handle);

        /**
         * A task was ended from outside (timeout, cancel, close, abort) while {@code from} QUEUED or RUNNING;
         * called after it was counted, before its future completes. A remote model takes it out of its queue,
         * or tells the transport to stop it (which may mean killing and replacing its worker). In-process
         * runners need nothing here: the handle interrupts the thread itself.
         */
        default void stopped(TaskHandle handle, TaskHandle.State from) {
        }

        /**
         * A thread ignored its interrupt past the grace period and is abandoned (already counted); the model
         * replaces it unless {@code closing}.
         */
        default void runnerAbandoned(Thread stuck, boolean closing) {
        }

        /** The message of a REJECTED failure: what is full, and what to do about it. */
        String queueFullMessage();
    }

    /** How a model's workers stop at close. */
    public interface Shutdown {
        /** The drain ran out of time: the tasks still live are about to be failed CLOSED. */
        default void beforeCutShort() {
        }

        /** Makes every worker stop, waiting for them until {@code deadlineNanos}. */
        void stopWorkers(long deadlineNanos) throws InterruptedException;
    }

    private final LifecycleSettings settings;
    private final Model model;
    private final TaskCounters counters = new TaskCounters();
    private final Admission admission;
    private final TaskTimers timers;
    private final Set<TaskHandle> running = ConcurrentHashMap.newKeySet();
    private final AtomicBoolean closed = new AtomicBoolean();
    private final Object closeLock = new Object();
    private Boolean closeResult; // guarded by closeLock

    public TaskLifecycle(LifecycleSettings settings, Model model) {
        this.settings = Objects.requireNonNull(settings, "settings");
        this.model = Objects.requireNonNull(model, "model");
        this.admission = new Admission(settings.admissionLimit());
        this.timers = settings.timers() != null ? settings.timers() : new Watchdog(settings.model() + "-watchdog");
    }

    public LifecycleSettings settings() {
        return settings;
    }

    public TaskCounters counters() {
        return counters;
    }

    public TaskTimers timers() {
        return timers;
    }

    public long nanoTime() {
        return settings.nanoTime().getAsLong();
    }

    public boolean isClosed() {
        return closed.get();
    }

    /** Tasks accepted and not yet done. */
    public int accepted() {
        return admission.accepted();
    }

    /**
     * Accepts a task and hands it to {@link Model#dispatch}, or fails its future (closed, queue full).
     *
     * @param workload what {@link TaskHandle#runHere} runs; null for a task sent to a worker
     */
    public CompletableFuture<TaskResult> submit(Task task, Workload workload) {
        Objects.requireNonNull(task, "task");
        if (closed.get()) {
            return failAtSubmit(closedFailure());
        }
        if (!admission.tryReserve()) {
            counters.rejected();
            return CompletableFuture.failedFuture(OffloadException.rejected(model.queueFullMessage()));
        }
        // the copy happens only once the task has a place, so a rejection costs no allocation
        byte[] input = settings.copyOnSubmit() && task.handoff() == Task.Handoff.COPY ? task.input().clone()
                : task.input();
        TaskHandle handle = TaskHandle.create(this, task, workload, input, settings.futures().get());
        admission.track(handle);
        counters.queued();
        if (closed.get()) {
            // close began after the first check; its sweep may have missed this task, so end it here
            handle.abort(closedFailure());
            return handle.future();
        }
        try {
            model.dispatch(handle);
        } catch (RuntimeException e) {
            handle.abort(closed.get() ? closedFailure()
                    : new OffloadException(FailureKind.WORKER_CRASHED, settings.model() + " could not dispatch: " + e, e));
        }
        return handle.future();
    }

    /**
     * Refuses a task before it is accepted (unknown workload, oversized input, unavailable model): a failed
     * future, counted as rejected for REJECTED and as failed otherwise.
     */
    public CompletableFuture<TaskResult> failAtSubmit(OffloadException failure) {
        if (failure.kind() == FailureKind.REJECTED) {
            counters.rejected();
        } else {
            counters.failedAtSubmit();
        }
        CompletableFuture<TaskResult> future = settings.futures().get();
        future.completeExceptionally(failure);
        return future;
    }

    /** The live counters, with {@code workers} alive now. */
    public OffloaderStats stats(int workers) {
        return counters.snapshot(workers);
    }

    /** The accepted tasks not yet done, a snapshot. */
    public List<TaskHandle> live() {
        return admission.live();
    }

    /** Stop accepting; true for the first caller. {@link #close} does it too. */
    public boolean stopAccepting() {
        return closed.compareAndSet(false, true);
    }

    /**
     * Stops accepting, waits for accepted tasks until {@code timeout}, fails the rest with CLOSED, stops the
     * workers and the timers. Idempotent: a second call returns the first one's answer.
     *
     * @return true when every accepted task finished within the timeout
     */
    public boolean close(Duration timeout, Shutdown shutdown) {
        synchronized (closeLock) {
            if (closeResult == null) {
                closeResult = closeOnce(timeout, shutdown);
            }
            return closeResult;
        }
    }

    private boolean closeOnce(Duration timeout, Shutdown shutdown) {
        closed.set(true);
        long now = nanoTime();
        // saturate: Duration.ofDays(365_000) must mean "a very long time", not an overflow
        long timeoutNanos = timeout.compareTo(MAX_CLOSE_WAIT) > 0 ? MAX_CLOSE_WAIT.toNanos()
                : Math.max(0, timeout.toNanos());
        long deadline = now + timeoutNanos;
        boolean drained;
        boolean interrupted = false;
        try {
            drained = admission.awaitDrained(deadline, settings.nanoTime());
        } catch (InterruptedException e) {
            interrupted = true;
            drained = false;
        }
        if (!drained) {
            shutdown.beforeCutShort();
            for (TaskHandle handle : admission.live()) {
                handle.abort(OffloadException.closed(settings.model() + " was closed before the task finished"));
            }
        }
        // give interrupted tasks the grace period to return, even when the timeout is already spent
        long stopDeadline = Math.max(deadline, nanoTime() + settings.abandonGraceNanos());
        try {
            shutdown.stopWorkers(stopDeadline);
        } catch (InterruptedException e) {
            interrupted = true;
        }
        for (TaskHandle handle : running) {
            handle.abandonIfStillRunning();
        }
        try {
            timers.stop();
        } catch (InterruptedException e) {
            interrupted = true;
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
        return drained;
    }

    private OffloadException closedFailure() {
        return OffloadException.closed(settings.model() + " is closed and accepts no more tasks");
    }

    // ------------------------------------------------------------------ called by TaskHandle

    boolean timesTasks() {
        return settings.timesTasks();
    }

    long abandonGraceNanos() {
        return settings.abandonGraceNanos();
    }

    void released(TaskHandle handle) {
        admission.release(handle);
    }

    void stopped(TaskHandle handle, TaskHandle.State from) {
        model.stopped(handle, from);
    }

    void runStarted(TaskHandle handle) {
        running.add(handle);
    }

    void runEnded(TaskHandle handle) {
        running.remove(handle);
    }

    void runnerStuck(TaskHandle handle, Thread stuck) {
        counters.abandoned();
        running.remove(handle);
        model.runnerAbandoned(stuck, closed.get());
    }
}
