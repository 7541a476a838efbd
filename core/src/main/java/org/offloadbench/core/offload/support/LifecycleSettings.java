package org.offloadbench.core.offload.support;

import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

import org.offloadbench.core.offload.TaskResult;

/**
 * How a {@link TaskLifecycle} behaves for one model.
 *
 * @param model             the model's name, for messages
 * @param admissionLimit    tasks accepted and not done at once (running slots plus queue capacity)
 * @param abandonGraceNanos grace between interrupting an in-process task and abandoning its thread
 * @param nanoTime          the clock for queue and run times and the close deadline
 * @param timesTasks        true: the lifecycle fails a task TIMED_OUT once it has run its timeout, counted from
 *                          {@link TaskHandle#start}; false: the worker times its tasks itself and answers
 *                          TIMED_OUT (the model may still keep a backstop)
 * @param copyOnSubmit      true: a {@link org.offloadbench.core.offload.Task.Handoff#COPY} input is cloned once
 *                          the task has a place, in the caller's thread; false: the model copies when it must
 * @param futures           makes the future {@code submit} returns (a model may return one that spins before
 *                          it parks, see {@link SpinningFuture})
 * @param timers            where timeouts and grace checks run; null for a {@link Watchdog} of the model's own
 */
public record LifecycleSettings(String model, int admissionLimit, long abandonGraceNanos, LongSupplier nanoTime,
                                boolean timesTasks, boolean copyOnSubmit,
                                Supplier<CompletableFuture<TaskResult>> futures, TaskTimers timers) {

    public static final long DEFAULT_ABANDON_GRACE_NANOS = TimeUnit.MILLISECONDS.toNanos(200);

    public LifecycleSettings {
        Objects.requireNonNull(model, "model");
        Objects.requireNonNull(nanoTime, "nanoTime");
        Objects.requireNonNull(futures, "futures");
        if (admissionLimit < 1) {
            throw new IllegalArgumentException(model + ": admissionLimit must be >= 1, was " + admissionLimit);
        }
        if (abandonGraceNanos < 0) {
            throw new IllegalArgumentException(model + ": abandonGraceNanos must be >= 0, was " + abandonGraceNanos);
        }
    }

    /**
     * The in-process defaults: the lifecycle times tasks, copies COPY inputs at submit, plain futures, the
     * system clock and a watchdog thread of its own.
     */
    public static LifecycleSettings of(String model, int admissionLimit) {
        return new LifecycleSettings(model, admissionLimit, DEFAULT_ABANDON_GRACE_NANOS, System::nanoTime, true,
                true, CompletableFuture::new, null);
    }

    public LifecycleSettings withAbandonGraceNanos(long nanos) {
        return new LifecycleSettings(model, admissionLimit, nanos, nanoTime, timesTasks, copyOnSubmit, futures, timers);
    }

    public LifecycleSettings withClock(LongSupplier clock) {
        return new LifecycleSettings(model, admissionLimit, abandonGraceNanos, clock, timesTasks, copyOnSubmit, futures,
                timers);
    }

    public LifecycleSettings withTimesTasks(boolean on) {
        return new LifecycleSettings(model, admissionLimit, abandonGraceNanos, nanoTime, on, copyOnSubmit, futures,
                timers);
    }

    public LifecycleSettings withCopyOnSubmit(boolean on) {
        return new LifecycleSettings(model, admissionLimit, abandonGraceNanos, nanoTime, timesTasks, on, futures,
                timers);
    }

    public LifecycleSettings withFutures(Supplier<CompletableFuture<TaskResult>> factory) {
        return new LifecycleSettings(model, admissionLimit, abandonGraceNanos, nanoTime, timesTasks, copyOnSubmit,
                factory, timers);
    }

    public LifecycleSettings withTimers(TaskTimers taskTimers) {
        return new LifecycleSettings(model, admissionLimit, abandonGraceNanos, nanoTime, timesTasks, copyOnSubmit,
                futures, taskTimers);
    }
}
