package org.offloadbench.threads.support;

import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;

import org.offloadbench.core.offload.OffloadException;
import org.offloadbench.core.offload.Offloader;
import org.offloadbench.core.offload.OffloaderStats;
import org.offloadbench.core.offload.Task;
import org.offloadbench.core.offload.TaskResult;
import org.offloadbench.core.offload.support.LifecycleSettings;
import org.offloadbench.core.offload.support.TaskCounters;
import org.offloadbench.core.offload.support.TaskHandle;
import org.offloadbench.core.offload.support.TaskLifecycle;
import org.offloadbench.core.workload.WorkloadCatalogue;

/**
 * What the thread models have in common: core's {@link TaskLifecycle} (admission, exactly-once completion,
 * timeout from start, cancel, counters, close drain) with the workload run in this JVM
 * ({@link TaskHandle#runHere}). A model adds only how a task reaches a thread ({@link #dispatch}), what
 * replacing a stuck thread means for it ({@link #onRunnerAbandoned}) and how its threads stop
 * ({@link #stopWorkers}).
 *
 * <p>Submit: a closed offloader or an unknown workload fails the future at once (counted as failed); a
 * {@link Task.Handoff#COPY} input is cloned by the lifecycle, in the caller's thread, so the caller may reuse
 * its array the moment submit returns (the structured-clone analog), while {@link Task.Handoff#TRANSFER}
 * hands the array over as is; a full queue fails the future with REJECTED. Submit never throws for a
 * per-task problem.
 *
 * <p>Close: stop accepting, let accepted tasks finish until the timeout, fail the rest with CLOSED
 * (interrupting those running), stop the threads, and abandon (and count) any thread still stuck in a
 * workload that ignores interrupts: such a thread cannot be stopped inside a JVM.
 */
public abstract class ThreadOffloader implements Offloader {
    private final ThreadModelSettings settings;
    private final WorkloadCatalogue catalogue;
    private final TaskLifecycle lifecycle;

    protected ThreadOffloader(ThreadModelSettings settings, WorkloadCatalogue catalogue) {
        this.settings = Objects.requireNonNull(settings, "settings");
        this.catalogue = Objects.requireNonNull(catalogue, "catalogue");
        this.lifecycle = new TaskLifecycle(LifecycleSettings.of(settings.model(),
                        settings.workers() + settings.queueCapacity())
                .withAbandonGraceNanos(settings.abandonGraceNanos()).withClock(settings.nanoTime()), new Model());
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

    protected final TaskCounters counters() {
        return lifecycle.counters();
    }

    protected final boolean isClosed() {
        return lifecycle.isClosed();
    }

    @Override
    public final CompletableFuture<TaskResult> submit(Task task) {
        Objects.requireNonNull(task, "task");
        if (lifecycle.isClosed()) {
            return lifecycle.submit(task, null); // fails CLOSED, counted
        }
        if (!catalogue.contains(task.workloadId())) {
            return lifecycle.failAtSubmit(OffloadException.badRequest("unknown workload '" + task.workloadId()
                    + "'; valid: " + String.join(", ", catalogue.ids())));
        }
        return lifecycle.submit(task, catalogue.get(task.workloadId()));
    }

    @Override
    public final OffloaderStats stats() {
        return lifecycle.stats(workerCount());
    }

    @Override
    public final boolean close(Duration timeout) {
        return lifecycle.close(timeout, this::stopWorkers);
    }

    /** The lifecycle's view of a thread model. */
    private final class Model implements TaskLifecycle.Model {
        @Override
        public void dispatch(TaskHandle handle) {
            ThreadOffloader.this.dispatch(handle);
        }

        @Override
        public void runnerAbandoned(Thread stuck, boolean closing) {
            onRunnerAbandoned(stuck, closing);
        }

        @Override
        public String queueFullMessage() {
            return "queue full: " + settings.workers() + " running and " + settings.queueCapacity()
                    + " queued (queueCapacity) in " + name() + "; retry later or raise queueCapacity";
        }
    }
}
