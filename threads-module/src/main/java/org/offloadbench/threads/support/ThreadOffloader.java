package org.offloadbench.threads.support;

import java.time.Duration;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;

import org.offloadbench.core.offload.FailureKind;
import org.offloadbench.core.offload.OffloadException;
import org.offloadbench.core.offload.Offloader;
import org.offloadbench.core.offload.OffloaderStats;
import org.offloadbench.core.offload.Task;
import org.offloadbench.core.offload.TaskResult;
import org.offloadbench.core.workload.WorkloadCatalogue;

/**
 * What the four thread models have in common; a model adds only how a task reaches a thread
 * ({@link #dispatch}), what replacing a stuck thread means for it ({@link #onRunnerAbandoned}) and how its
 * threads stop ({@link #stopWorkers}).
 *
 * <p>Submit: a closed offloader or an unknown workload fails the future at once (counted as failed); a
 * {@link Task.Handoff#COPY} input is cloned here, in the caller's thread, so the caller may reuse its array
 * the moment submit returns (the structured-clone analog), while {@link Task.Handoff#TRANSFER} hands the
 * array over as is; a full queue fails the future with REJECTED. Submit never throws for a per-task problem.
 *
 * <p>Close: stop accepting, let accepted tasks finish until the timeout, fail the rest with CLOSED
 * (interrupting those running), stop the threads, and abandon (and count) any thread still stuck in a
 * workload that ignores interrupts: such a thread cannot be stopped inside a JVM.
 */
public abstract class ThreadOffloader implements Offloader {
    private static final Duration MAX_CLOSE_WAIT = Duration.ofDays(365);
    private final ThreadModelSettings settings;
    private final WorkloadCatalogue catalogue;
    private final StatsCounters counters = new StatsCounters();
    private final Admission admission;
    private final Watchdog watchdog;
    private final Set<TaskHandle> running = ConcurrentHashMap.newKeySet();
    private final AtomicBoolean closed = new AtomicBoolean();
    private final TaskHandle.Owner owner = new HandleOwner();
    private final Object closeLock = new Object();
    private Boolean closeResult; // guarded by closeLock

    protected ThreadOffloader(ThreadModelSettings settings, WorkloadCatalogue catalogue) {
        this.settings = Objects.requireNonNull(settings, "settings");
        this.catalogue = Objects.requireNonNull(catalogue, "catalogue");
        this.admission = new Admission(settings.workers() + settings.queueCapacity());
        this.watchdog = new Watchdog(settings.model() + "-watchdog");
    }

    /** Hands an accepted task to a thread. May throw only if the model is shutting down. */
    protected abstract void dispatch(TaskHandle handle);

    /** Threads that serve tasks now (abandoned ones excluded). */
    protected abstract int workerCount();

    /**
     * A thread ignored its interrupt past the grace period and is abandoned (already counted); the model
     * replaces it unless {@code closing}.
     */
    protected abstract void onRunnerAbandoned(Thread stuck, boolean closing);

    /** Makes every thread exit, waiting for them until {@code deadlineNanos} (a stuck one may outlive it). */
    protected abstract void stopWorkers(long deadlineNanos) throws InterruptedException;

    @Override
    public final String name() {
        return settings.model();
    }

    protected final ThreadModelSettings settings() {
        return settings;
    }

    protected final StatsCounters counters() {
        return counters;
    }

    protected final boolean isClosed() {
        return closed.get();
    }

    @Override
    public final CompletableFuture<TaskResult> submit(Task task) {
        Objects.requireNonNull(task, "task");
        if (closed.get()) {
            return failAtSubmit(closedFailure());
        }
        if (!catalogue.contains(task.workloadId())) {
            return failAtSubmit(OffloadException.badRequest("unknown workload '" + task.workloadId() + "'; valid: "
                    + String.join(", ", catalogue.ids())));
        }
        if (!admission.tryReserve()) {
            counters.rejected();
            return CompletableFuture.failedFuture(OffloadException.rejected("queue full: " + settings.workers()
                    + " running and " + settings.queueCapacity() + " queued (queueCapacity) in " + name()
                    + "; retry later or raise queueCapacity"));
        }
        // the copy happens only once the task has a place, so a rejection costs no allocation
        byte[] input = task.handoff() == Task.Handoff.COPY ? task.input().clone() : task.input();
        TaskHandle handle = TaskHandle.create(task, catalogue.get(task.workloadId()), input, owner);
        admission.track(handle);
        counters.queued();
        if (closed.get()) {
            // close began after the first check; its sweep may have missed this task, so end it here
            handle.fail(closedFailure());
            return handle.future();
        }
        try {
            dispatch(handle);
        } catch (RuntimeException e) {
            handle.fail(closed.get() ? closedFailure()
                    : new OffloadException(FailureKind.WORKER_CRASHED, name() + " could not dispatch: " + e, e));
        }
        return handle.future();
    }

    @Override
    public final OffloaderStats stats() {
        return counters.snapshot(workerCount());
    }

    @Override
    public final boolean close(Duration timeout) {
        synchronized (closeLock) {
            if (closeResult == null) {
                closeResult = closeOnce(timeout);
            }
            return closeResult;
        }
    }

    private boolean closeOnce(Duration timeout) {
        closed.set(true);
        long now = settings.nanoTime().getAsLong();
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
            for (TaskHandle handle : admission.live()) {
                handle.fail(OffloadException.closed(name() + " was closed before the task finished"));
            }
        }
        // give interrupted tasks the grace period to return, even when the timeout is already spent
        long stopDeadline = Math.max(deadline, settings.nanoTime().getAsLong() + settings.abandonGraceNanos());
        try {
            stopWorkers(stopDeadline);
        } catch (InterruptedException e) {
            interrupted = true;
        }
        for (TaskHandle handle : running) {
            handle.abandonIfStillRunning();
        }
        try {
            watchdog.stop();
        } catch (InterruptedException e) {
            interrupted = true;
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
        return drained;
    }

    private CompletableFuture<TaskResult> failAtSubmit(OffloadException failure) {
        counters.failedAtSubmit();
        return CompletableFuture.failedFuture(failure);
    }

    private OffloadException closedFailure() {
        return OffloadException.closed(name() + " is closed and accepts no more tasks");
    }

    private final class HandleOwner implements TaskHandle.Owner {
        @Override
        public StatsCounters counters() {
            return counters;
        }

        @Override
        public Watchdog watchdog() {
            return watchdog;
        }

        @Override
        public ThreadModelSettings settings() {
            return settings;
        }

        @Override
        public void released(TaskHandle handle) {
            admission.release(handle);
        }

        @Override
        public void started(TaskHandle handle) {
            running.add(handle);
        }

        @Override
        public void ended(TaskHandle handle) {
            running.remove(handle);
        }

        @Override
        public void runnerStuck(TaskHandle handle, Thread stuck) {
            counters.abandoned();
            running.remove(handle);
            onRunnerAbandoned(stuck, closed.get());
        }
    }
}
