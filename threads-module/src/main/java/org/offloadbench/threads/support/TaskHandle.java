package org.offloadbench.threads.support;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import org.offloadbench.core.offload.OffloadException;
import org.offloadbench.core.offload.Task;
import org.offloadbench.core.offload.TaskResult;
import org.offloadbench.core.workload.Checksums;
import org.offloadbench.core.workload.Workload;
import org.offloadbench.core.workload.WorkloadException;
import org.offloadbench.threads.support.StatsCounters.Outcome;

/**
 * One task's life: QUEUED, then RUNNING on some thread, then DONE exactly once.
 *
 * <p>Whoever moves the task to DONE first wins (the thread that ran it, its timeout, the caller cancelling
 * the future, close), and only the winner counts the outcome and completes the future; the others find it
 * done and do nothing. That single compare-and-set is what makes every task count once in the stats.
 *
 * <p>When a task is ended from outside while it runs (timeout, cancel, close), its thread is interrupted;
 * if it is still inside the workload after the grace period, the owner is told the thread is stuck and
 * abandons it. Interrupts are sent only while this task's workload runs on that thread (both under this
 * object's lock), so an interrupt meant for one task never lands in the next task on the same thread.
 */
public final class TaskHandle {
    private enum State { QUEUED, RUNNING, DONE }

    /** What a handle needs from the offloader that owns it. */
    interface Owner {
        StatsCounters counters();

        Watchdog watchdog();

        ThreadModelSettings settings();

        void released(TaskHandle handle);

        void started(TaskHandle handle);

        void ended(TaskHandle handle);

        void runnerStuck(TaskHandle handle, Thread stuck);
    }

    private final Task task;
    private final Workload workload;
    private final byte[] input;
    private final Owner owner;
    private final long submitNanos;
    private final CompletableFuture<TaskResult> future = new CompletableFuture<>();
    private final AtomicReference<State> state = new AtomicReference<>(State.QUEUED);
    private volatile long startNanos;
    private volatile Thread waiter;
    private volatile ScheduledFuture<?> timeoutTimer;
    private Thread runner;      // guarded by this: the thread inside the workload, null outside it
    private boolean abandoned;  // guarded by this
    private Runnable endHook;   // guarded by this

    private TaskHandle(Task task, Workload workload, byte[] input, Owner owner) {
        this.task = task;
        this.workload = workload;
        this.input = input;
        this.owner = owner;
        this.submitNanos = owner.settings().nanoTime().getAsLong();
    }

    static TaskHandle create(Task task, Workload workload, byte[] input, Owner owner) {
        TaskHandle handle = new TaskHandle(task, workload, input, owner);
        // the caller may cancel (or complete) the returned future itself: treat that as a cancel of the task
        handle.future.whenComplete((result, error) -> {
            if (handle.state.get() != State.DONE) {
                handle.end(Outcome.CANCELLED, null, null, true);
            }
        });
        return handle;
    }

    public CompletableFuture<TaskResult> future() {
        return future;
    }

    public Task task() {
        return task;
    }

    public boolean isDone() {
        return state.get() == State.DONE;
    }

    /**
     * Names the thread that will run this task and waits for its turn (one virtual thread per task): ending
     * the task while still queued interrupts that wait.
     */
    public void setWaiter(Thread thread) {
        waiter = thread;
    }

    /**
     * Runs {@code hook} once when the task ends, before its future completes (at once if it already has).
     * The mailbox model keeps each inbox's load with it, so a caller that sees a result and submits again
     * already sees that worker as free.
     */
    public void onEnd(Runnable hook) {
        synchronized (this) {
            if (state.get() != State.DONE) {
                endHook = hook;
                return;
            }
        }
        hook.run();
    }

    /**
     * Runs the task on the calling thread, unless it ended while queued.
     *
     * @return true when the calling thread was abandoned meanwhile (it ignored an interrupt past the grace
     *         period and has already been replaced): it must stop serving and just exit
     */
    public boolean runHere(String workerId) {
        if (!start()) {
            return false;
        }
        byte[] output = null;
        long checksum = 0;
        Throwable failure = null;
        try {
            output = workload.execute(input);
            checksum = Checksums.of(output);
        } catch (Throwable t) { // an Error in a workload fails that task, and the worker lives on
            failure = t;
        }
        long end = owner.settings().nanoTime().getAsLong();
        if (failure == null) {
            end(Outcome.COMPLETED, new TaskResult(output, checksum, startNanos - submitNanos, end - startNanos,
                    workerId), null, false);
        } else {
            end(Outcome.FAILED, null, workloadFailure(failure), false);
        }
        return endRun();
    }

    /** Ends the task from outside (close, a failed dispatch); interrupts it when it is running. */
    void fail(OffloadException failure) {
        end(Outcome.FAILED, null, failure, true);
    }

    private boolean start() {
        // runner is set in the same locked step as the state, so an end from outside always finds it
        synchronized (this) {
            if (!state.compareAndSet(State.QUEUED, State.RUNNING)) {
                return false;
            }
            runner = Thread.currentThread();
        }
        startNanos = owner.settings().nanoTime().getAsLong();
        owner.counters().started();
        owner.started(this);
        if (task.hasTimeout()) {
            timeoutTimer = owner.watchdog().schedule(this::timeOut, task.timeoutNanos());
        }
        return true;
    }

    private void timeOut() {
        String on;
        synchronized (this) {
            on = runner == null ? "" : " on " + runner.getName();
        }
        end(Outcome.TIMED_OUT, null, OffloadException.timedOut(task.workloadId() + " ran past its timeout of "
                + TimeUnit.NANOSECONDS.toMillis(task.timeoutNanos()) + " ms, counted from the start of its "
                + "execution" + on), true);
    }

    /** The one place a task becomes DONE. Returns false when it already was. */
    private boolean end(Outcome outcome, TaskResult result, OffloadException failure, boolean fromOutside) {
        State previous;
        do {
            previous = state.get();
            if (previous == State.DONE) {
                return false;
            }
        } while (!state.compareAndSet(previous, State.DONE));

        if (previous == State.QUEUED) {
            owner.counters().leftQueue();
        } else {
            owner.counters().stoppedRunning();
        }
        owner.counters().ended(outcome);
        ScheduledFuture<?> timer = timeoutTimer;
        if (timer != null) {
            timer.cancel(false);
        }
        owner.released(this);
        Runnable hook;
        synchronized (this) {
            hook = endHook;
            endHook = null;
        }
        if (hook != null) {
            hook.run();
        }
        if (fromOutside) {
            if (previous == State.RUNNING) {
                interruptRunner();
            } else {
                Thread w = waiter;
                if (w != null) {
                    w.interrupt();
                }
            }
        }
        if (result != null) {
            future.complete(result);
        } else if (failure != null) {
            future.completeExceptionally(failure);
        }
        return true;
    }

    private void interruptRunner() {
        synchronized (this) {
            if (runner == null) {
                return;
            }
            runner.interrupt();
        }
        owner.watchdog().schedule(this::abandonIfStillRunning, owner.settings().abandonGraceNanos());
    }

    /** Abandons the runner if it is still inside the workload; idempotent. Used after the grace and at close. */
    void abandonIfStillRunning() {
        Thread stuck;
        synchronized (this) {
            if (runner == null || abandoned) {
                return;
            }
            abandoned = true;
            stuck = runner;
        }
        owner.runnerStuck(this, stuck);
    }

    private boolean endRun() {
        boolean wasAbandoned;
        synchronized (this) {
            runner = null;
            // clear an interrupt aimed at this task, so it cannot reach the next one this thread runs
            Thread.interrupted();
            wasAbandoned = abandoned;
        }
        owner.ended(this);
        return wasAbandoned;
    }

    private OffloadException workloadFailure(Throwable t) {
        if (t instanceof WorkloadException) {
            return OffloadException.workloadFailed(t.getMessage(), t);
        }
        return OffloadException.workloadFailed(task.workloadId() + " threw " + t, t);
    }
}
