package org.offloadbench.cluster.worker;

import java.util.ArrayDeque;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
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
 * <p>Task threads come from an unbounded cached pool on purpose: the slot count, not the pool, limits how
 * many run; the pool only has to supply a fresh thread when an abandoned one is still stuck.
 */
final class TaskDispatcher implements AutoCloseable {
    private final TaskExecutor executor;
    private final int concurrency;
    private final int maxQueued;
    private final long abandonGraceNanos;
    private final WorkerCounters counters;
    private final LongSupplier nanoTime;
    private final ThreadPoolExecutor taskThreads;
    private final ScheduledExecutorService timers;
    private final Object lock = new Object();
    private final ArrayDeque<Job> waiting = new ArrayDeque<>();
    private int running;

    TaskDispatcher(TaskExecutor executor, int concurrency, int maxQueued, long abandonGraceNanos,
                   WorkerCounters counters, LongSupplier nanoTime) {
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
    Job submit(Frame.Request request, Consumer<Frame> onAnswer) {
        return submit(request, null, onAnswer);
    }

    /** As above; {@code onStart} (may be null) runs in the task thread just before the workload starts. */
    Job submit(Frame.Request request, Runnable onStart, Consumer<Frame> onAnswer) {
        Job job = new Job(request, onAnswer, nanoTime.getAsLong());
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

    private void start(Job job) {
        taskThreads.execute(() -> run(job));
    }

    private void run(Job job) {
        Thread.interrupted(); // a pooled thread must not carry an interrupt meant for an earlier job
        synchronized (job) {
            if (job.stopped) {
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
        if (request.timeoutNanos() > 0) {
            timers.schedule(() -> timeOut(job), request.timeoutNanos(), TimeUnit.NANOSECONDS);
        }
        try {
            Frame answer = executor.execute(request, start - job.enqueuedNanos);
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
            Thread.interrupted();
            freeSlot(job);
        }
    }

    private void timeOut(Job job) {
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
    void awaitBegun(Job job) throws InterruptedException {
        synchronized (lock) {
            if (waiting.contains(job)) {
                return;
            }
        }
        job.begun.await(5, TimeUnit.SECONDS);
    }

    /** The client went away: drop a queued job, interrupt a running one. */
    void cancel(Job job) {
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

    private void stop(Job job) {
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

    private boolean answer(Job job, Frame frame, java.util.concurrent.atomic.LongAdder counter) {
        if (!job.answered.compareAndSet(false, true)) {
            return false;
        }
        counter.increment();
        job.onAnswer.accept(frame);
        return true;
    }

    private void freeSlot(Job job) {
        if (!job.slotFreed.compareAndSet(false, true)) {
            return;
        }
        Job next;
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
        timers.shutdownNow();
        taskThreads.shutdownNow();
    }

    private static Thread daemon(Runnable r, String name) {
        Thread t = new Thread(r, name);
        t.setDaemon(true);
        return t;
    }

    /** One accepted request. */
    static final class Job {
        final Frame.Request request;
        final Consumer<Frame> onAnswer;
        Runnable onStart;
        final long enqueuedNanos;
        final AtomicBoolean answered = new AtomicBoolean();
        final AtomicBoolean slotFreed = new AtomicBoolean();
        final java.util.concurrent.CountDownLatch begun = new java.util.concurrent.CountDownLatch(1);
        Thread thread;
        boolean stopped;
        boolean finished;

        Job(Frame.Request request, Consumer<Frame> onAnswer, long enqueuedNanos) {
            this.request = request;
            this.onAnswer = onAnswer;
            this.enqueuedNanos = enqueuedNanos;
        }
    }
}
