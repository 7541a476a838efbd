package org.offloadbench.core.offload.support;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import org.offloadbench.core.offload.OffloadException;
import org.offloadbench.core.offload.Task;
import org.offloadbench.core.offload.TaskResult;
import org.offloadbench.core.offload.support.TaskCounters.Outcome;
import org.offloadbench.core.workload.Checksums;
import org.offloadbench.core.workload.Workload;
import org.offloadbench.core.workload.WorkloadException;

/**
 * One task's life: QUEUED, then RUNNING (on a thread of this JVM, or sent to a worker), then DONE exactly
 * once. Every model's tasks live in one of these, created by {@link TaskLifecycle#submit}.
 *
 * <p>Whoever moves the task to DONE first wins (the thread that ran it, the answer from a worker, its timeout,
 * the caller cancelling the future, close), and only the winner counts the outcome and completes the future;
 * the others find it done and do nothing. That single compare-and-set is what makes every task count once.
 * The outcome is counted before the future completes, so stats read right after a {@code get()} include it.
 *
 * <p>Two ways to run. In-process: {@link #runHere} runs the workload on the calling thread; a task ended from
 * outside while it runs (timeout, cancel, close) gets that thread interrupted, and if it is still inside the
 * workload after the grace period the model is told the thread is stuck and abandons it. Interrupts are sent
 * only while this task's workload runs on that thread (both under this object's lock), so an interrupt meant
 * for one task never lands in the next task on the same thread. Remote: the model calls {@link #start} when it
 * sends the task, then {@link #complete} or {@link #fail} when the answer comes; a task ended from outside is
 * reported to {@link TaskLifecycle.Model#stopped}, which tells the transport (dequeue, or kill the worker).
 */
public final class TaskHandle {
    /** Where a task is in its life. */
    public enum State { QUEUED, RUNNING, DONE }

    private final TaskLifecycle owner;
    private final Task task;
    private final Workload workload;
    private final byte[] input;
    private final long submitNanos;
    private final CompletableFuture<TaskResult> future;
    private final AtomicReference<State> state = new AtomicReference<>(State.QUEUED);
    private volatile long startNanos;
    private volatile Thread waiter;
    private volatile TaskTimers.Timer timeoutTimer;
    private Thread runner;      // guarded by this: the thread inside the workload, null outside it
    private boolean abandoned;  // guarded by this
    private Runnable endHook;   // guarded by this
    private volatile Object attachment;

    private TaskHandle(TaskLifecycle owner, Task task, Workload workload, byte[] input,
                       CompletableFuture<TaskResult> future) {
        this.owner = owner;
        this.task = task;
        this.workload = workload;
        this.input = input;
        this.future = future;
        this.submitNanos = owner.nanoTime();
    }

    static TaskHandle create(TaskLifecycle owner, Task task, Workload workload, byte[] input,
                             CompletableFuture<TaskResult> future) {
        TaskHandle handle = new TaskHandle(owner, task, workload, input, future);
        // the caller may cancel (or complete) the returned future itself: treat that as a cancel of the task
        future.whenComplete((result, error) -> {
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

    /** The bytes to run or send: the caller's array, or the lifecycle's copy of it. */
    public byte[] input() {
        return input;
    }

    public State state() {
        return state.get();
    }

    public boolean isDone() {
        return state.get() == State.DONE;
    }

    /** When the task was accepted, on the lifecycle's clock. */
    public long submitNanos() {
        return submitNanos;
    }

    /** When it last started to run (0 before), on the lifecycle's clock. */
    public long startNanos() {
        return startNanos;
    }

    /** What the model keeps with this task (its request id, its worker); null until {@link #attach}. */
    public Object attachment() {
        return attachment;
    }

    /** Keeps the model's own record of this task with it, for {@link TaskLifecycle.Model#stopped}. */
    public void attach(Object modelState) {
        attachment = modelState;
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
        if (workload == null) {
            throw new IllegalStateException("task " + task.workloadId() + " was admitted without a workload to run");
        }
        if (!start(Thread.currentThread())) {
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
        long end = owner.nanoTime();
        if (failure == null) {
            end(Outcome.COMPLETED, new TaskResult(output, checksum, startNanos - submitNanos, end - startNanos,
                    workerId), null, false);
        } else {
            end(Outcome.FAILED, null, workloadFailure(failure), false);
        }
        return endRun();
    }

    /**
     * QUEUED to RUNNING, for a task a model sends to a worker: starts its timeout when the lifecycle times
     * tasks itself. False when the task already ended (cancelled while queued): do not send it.
     */
    public boolean start() {
        return start(null);
    }

    /**
     * RUNNING back to QUEUED: its worker died or was replaced and the task will be sent again. The timeout
     * restarts at the next {@link #start}. False when the task already ended.
     */
    public boolean requeue() {
        if (!state.compareAndSet(State.RUNNING, State.QUEUED)) {
            return false;
        }
        TaskTimers.Timer timer = timeoutTimer;
        if (timer != null) {
            timer.cancel();
        }
        owner.counters().requeued();
        return true;
    }

    /** Ends the task with a result from whoever ran it. False when it had already ended. */
    public boolean complete(TaskResult result) {
        return end(Outcome.COMPLETED, result, null, false);
    }

    /** Ends the task with a failure reported by whoever ran it (its worker, its transport). */
    public boolean fail(OffloadException failure) {
        return end(Outcome.of(failure.kind()), null, failure, false);
    }

    /**
     * Ends the task from outside (close, a failed dispatch, a backstop): interrupts it when it runs on a
     * thread here, and tells the model, which stops it on its worker.
     */
    public boolean abort(OffloadException failure) {
        return end(Outcome.of(failure.kind()), null, failure, true);
    }

    private boolean start(Thread runnerThread) {
        // runner is set in the same locked step as the state, so an end from outside always finds it
        synchronized (this) {
            if (!state.compareAndSet(State.QUEUED, State.RUNNING)) {
                return false;
            }
            runner = runnerThread;
        }
        startNanos = owner.nanoTime();
        owner.counters().started();
        if (runnerThread != null) {
            owner.runStarted(this);
        }
        if (task.hasTimeout() && owner.timesTasks()) {
            timeoutTimer = owner.timers().schedule(this::timeOut, task.timeoutNanos());
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
        TaskTimers.Timer timer = timeoutTimer;
        if (timer != null) {
            timer.cancel();
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
            owner.stopped(this, previous);
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
        owner.timers().schedule(this::abandonIfStillRunning, owner.abandonGraceNanos());
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
        owner.runEnded(this);
        return wasAbandoned;
    }

    private OffloadException workloadFailure(Throwable t) {
        if (t instanceof WorkloadException) {
            return OffloadException.workloadFailed(t.getMessage(), t);
        }
        return OffloadException.workloadFailed(task.workloadId() + " threw " + t, t);
    }
}
