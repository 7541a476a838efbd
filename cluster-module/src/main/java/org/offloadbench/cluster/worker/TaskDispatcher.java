package org.offloadbench.cluster.worker;

import java.util.ArrayDeque;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.function.LongSupplier;
import org.offloadbench.core.offload.FailureKind;
import org.offloadbench.core.wire.Frame;
import org.offloadbench.core.worker.TaskExecutor;

/**
 * The worker's admission and execution: at most {@code concurrency} requests run, at most {@code maxQueued}
 * wait, more are refused. A request's timeout starts when it starts running. A request that times out or is
 * cancelled (its client hung up) is interrupted; if its thread does not stop within the abandon grace, the
 * worker stops waiting for it, counts it abandoned and gives its slot to the next request, so one task that
 * ignores interrupts cannot take the worker's capacity with it.
 *
 * <p>Two ways to run. Inline ({@link #claimInline}, {@link #runInline}): when a slot is free and nobody
 * waits, the connection thread that read the request runs it itself, so a short request crosses no thread at
 * all (each cross-core hand-off costs several microseconds, more than a noop task). The connection thread
 * cannot read while it computes, so the {@link InlineWatchdog} hands the connection to a new reader thread
 * once the request has run for {@link #HAND_OFF_AFTER_NANOS} (or reaches its timeout, whichever is first):
 * from then on a hang-up is noticed, a timeout answered and an abandon done exactly as for a pooled request.
 * Pooled ({@link #submit}): a request that had to wait for a slot runs on a task thread.
 *
 * <p>Also the admission and execution of cluster/grpc's worker, which uses {@link #submit} and {@link #cancel}.
 *
 * <p>Task threads come from an unbounded cached pool on purpose: the slot count, not the pool, limits how
 * many run; the pool only has to supply a fresh thread when an abandoned one is still stuck.
 */
public final class TaskDispatcher implements AutoCloseable {
    private final TaskExecutor executor;
    private final int concurrency;
    private final int maxQueued;
    private final long abandonGraceNanos;
    private final WorkerCounters counters;
    private final LongSupplier nanoTime;
    private final ThreadPoolExecutor taskThreads;
    private final ScheduledExecutorService timers;
    private final Object lock = new Object();
    private final ArrayDeque<WorkerJob> waiting = new ArrayDeque<>();
    private final InlineWatchdog watchdog;
    private int running;

    /**
     * How long a request runs inline before its connection gets another reader. Short enough that a client's
     * hang-up is noticed within a few milliseconds; long enough that typical short tasks never pay a hand-off.
     */
    static final long HAND_OFF_AFTER_NANOS = TimeUnit.MILLISECONDS.toNanos(1);
    private static final long WATCH_TICK_NANOS = TimeUnit.MILLISECONDS.toNanos(1);
    private static final long WATCH_LINGER_NANOS = TimeUnit.MILLISECONDS.toNanos(100);

    public TaskDispatcher(TaskExecutor executor, int concurrency, int maxQueued, long abandonGraceNanos,
                   WorkerCounters counters, LongSupplier nanoTime, Consumer<String> log) {
        this.executor = executor;
        this.concurrency = concurrency;
        this.maxQueued = maxQueued;
        this.abandonGraceNanos = abandonGraceNanos;
        this.counters = counters;
        this.nanoTime = nanoTime;
        AtomicInteger n = new AtomicInteger();
        this.taskThreads = new ThreadPoolExecutor(0, Integer.MAX_VALUE, 30, TimeUnit.SECONDS,
                new SynchronousQueue<>(), r -> daemon(r, "http-worker-task-" + n.incrementAndGet()));
        this.timers = new ScheduledThreadPoolExecutor(1, r -> daemon(r, "http-worker-timer"));
        ((ScheduledThreadPoolExecutor) timers).setRemoveOnCancelPolicy(true);
        this.watchdog = new InlineWatchdog("http-worker-watchdog", WATCH_TICK_NANOS, WATCH_LINGER_NANOS, nanoTime, log);
    }

    /**
     * Claims a free slot for the calling thread to run {@code request} itself with {@link #runInline}.
     *
     * @return the job, or null when no slot is free or requests are waiting (use {@link #submit})
     */
    WorkerJob claimInline(Frame.Request request, Consumer<Frame> onAnswer) {
        synchronized (lock) {
            if (running >= concurrency || !waiting.isEmpty()) {
                return null;
            }
            running++;
        }
        WorkerJob job = new WorkerJob(request, onAnswer, nanoTime.getAsLong());
        job.inline = true;
        job.watch = now -> check(job, now);
        return job;
    }

    /**
     * Runs a claimed job on the calling thread. {@code onHandOff} runs in the watchdog's thread if the job is
     * still running after {@link #HAND_OFF_AFTER_NANOS}: it must give the connection to another reader. The
     * job's answer is delivered after {@code onHandOff} has returned, never before.
     *
     * @return true when the calling thread still owns its connection, false when it was handed off
     */
    boolean runInline(WorkerJob job, Runnable onHandOff) {
        job.onHandOff = onHandOff;
        run(job);
        return job.phase.get() == WorkerJob.DONE_INLINE;
    }

    int concurrency() {
        return concurrency;
    }

    int running() {
        synchronized (lock) {
            return running;
        }
    }

    int queueDepth() {
        synchronized (lock) {
            return waiting.size();
        }
    }

    /**
     * Runs or queues the request; {@code onAnswer} gets exactly one RESPONSE or ERROR frame unless the job is
     * cancelled first.
     *
     * @return the job, or null when the queue is full (nothing will be answered)
     */
    WorkerJob submit(Frame.Request request, Consumer<Frame> onAnswer) {
        return submit(request, null, onAnswer);
    }

    /** As above; {@code onStart} (may be null) runs in the task thread just before the workload starts. */
    public WorkerJob submit(Frame.Request request, Runnable onStart, Consumer<Frame> onAnswer) {
        WorkerJob job = new WorkerJob(request, onAnswer, nanoTime.getAsLong());
        job.onStart = onStart;
        synchronized (lock) {
            if (running < concurrency) {
                running++;
            } else if (waiting.size() < maxQueued) {
                waiting.add(job);
                return job;
            } else {
                counters.rejected.increment();
                return null;
            }
        }
        start(job);
        return job;
    }

    private void start(WorkerJob job) {
        taskThreads.execute(() -> run(job));
    }

    private void run(WorkerJob job) {
        Thread.interrupted(); // a pooled thread must not carry an interrupt meant for an earlier job
        synchronized (job) {
            if (job.stopped) {
                job.phase.compareAndSet(WorkerJob.RUNNING_INLINE, WorkerJob.DONE_INLINE);
                job.begun.countDown();
                freeSlot(job);
                return;
            }
            job.thread = Thread.currentThread();
        }
        job.begun.countDown();
        if (job.onStart != null) {
            job.onStart.run();
        }
        long start = nanoTime.getAsLong();
        Frame.Request request = job.request;
        if (job.inline) {
            // no timer: the watchdog hands the connection off, then times the job out, when they are due
            long handOffAt = start + (request.timeoutNanos() > 0
                    ? Math.min(HAND_OFF_AFTER_NANOS, request.timeoutNanos()) : HAND_OFF_AFTER_NANOS);
            job.handOffAtNanos = handOffAt;
            job.deadlineNanos = request.timeoutNanos() > 0 ? start + request.timeoutNanos() : 0L;
            watchdog.watch(job.watch, start, handOffAt);
        } else if (request.timeoutNanos() > 0) {
            timers.schedule(() -> timeOut(job), request.timeoutNanos(), TimeUnit.NANOSECONDS);
        }
        try {
            Frame answer = executor.execute(request, start - job.enqueuedNanos);
            if (job.inline && !job.phase.compareAndSet(WorkerJob.RUNNING_INLINE, WorkerJob.DONE_INLINE)) {
                awaitHandOff(job); // the 102 and the new reader come first, then this answer
            }
            if (answer instanceof Frame.Response) {
                answer(job, answer, counters.completed);
            } else {
                answer(job, answer, counters.failures);
            }
        } finally {
            synchronized (job) {
                job.thread = null;
                job.finished = true;
            }
            if (job.inline) {
                job.phase.compareAndSet(WorkerJob.RUNNING_INLINE, WorkerJob.DONE_INLINE);
                watchdog.unwatch(job.watch);
            }
            Thread.interrupted();
            freeSlot(job);
        }
    }

    /** Watchdog thread: what is due for an inline job at {@code now}. */
    private long check(WorkerJob job, long now) {
        if (job.finished) {
            return InlineWatchdog.NOTHING_DUE;
        }
        if (job.phase.get() == WorkerJob.RUNNING_INLINE) {
            if (now - job.handOffAtNanos < 0) {
                return job.handOffAtNanos;
            }
            if (job.phase.compareAndSet(WorkerJob.RUNNING_INLINE, WorkerJob.HANDED_OFF)) {
                try {
                    job.onHandOff.run();
                } finally {
                    job.handedOff.countDown();
                }
            }
        }
        if (job.deadlineNanos == 0L || job.phase.get() == WorkerJob.DONE_INLINE) {
            return InlineWatchdog.NOTHING_DUE; // no timeout, or it finished before its hand-off was due
        }
        if (now - job.deadlineNanos < 0) {
            return job.deadlineNanos;
        }
        timeOut(job);
        return InlineWatchdog.NOTHING_DUE;
    }

    private static void awaitHandOff(WorkerJob job) {
        boolean interrupted = false;
        while (true) {
            try {
                job.handedOff.await();
                break;
            } catch (InterruptedException e) {
                interrupted = true; // a cancel or timeout of this very job; the answer is dropped anyway
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    private void timeOut(WorkerJob job) {
        Frame.Request r = job.request;
        if (answer(job, executor.error(r.requestId(), FailureKind.TIMED_OUT, r.workloadId() + " ran longer than its "
                + TimeUnit.NANOSECONDS.toMillis(r.timeoutNanos()) + " ms timeout"), counters.timedOut)) {
            stop(job);
        }
    }

    /**
     * Returns once a job that got a slot is really running (its thread picked it up), so a hang-up read right
     * after this cancels a running task (interrupt, then abandon) rather than one that never started. A
     * queued job returns at once.
     */
    void awaitBegun(WorkerJob job) throws InterruptedException {
        synchronized (lock) {
            if (waiting.contains(job)) {
                return;
            }
        }
        job.begun.await(5, TimeUnit.SECONDS);
    }

    /** The client went away: drop a queued job, interrupt a running one. */
    public void cancel(WorkerJob job) {
        synchronized (lock) {
            if (waiting.remove(job)) {
                job.answered.set(true);
                counters.cancelled.increment();
                return;
            }
        }
        if (job.answered.compareAndSet(false, true)) {
            counters.cancelled.increment();
            stop(job);
        }
    }

    private void stop(WorkerJob job) {
        synchronized (job) {
            job.stopped = true;
            if (job.thread != null) {
                job.thread.interrupt();
            }
        }
        timers.schedule(() -> {
            synchronized (job) {
                if (job.finished || job.thread == null) {
                    return;
                }
            }
            counters.abandoned.increment();
            freeSlot(job);
        }, abandonGraceNanos, TimeUnit.NANOSECONDS);
    }

    private boolean answer(WorkerJob job, Frame frame, java.util.concurrent.atomic.LongAdder counter) {
        if (!job.answered.compareAndSet(false, true)) {
            return false;
        }
        counter.increment();
        job.onAnswer.accept(frame);
        return true;
    }

    private void freeSlot(WorkerJob job) {
        if (!job.slotFreed.compareAndSet(false, true)) {
            return;
        }
        WorkerJob next;
        synchronized (lock) {
            next = waiting.poll();
            if (next == null) {
                running--;
                return;
            }
        }
        start(next);
    }

    @Override
    public void close() {
        watchdog.close();
        timers.shutdownNow();
        taskThreads.shutdownNow();
    }

    private static Thread daemon(Runnable r, String name) {
        Thread t = new Thread(r, name);
        t.setDaemon(true);
        return t;
    }
}
