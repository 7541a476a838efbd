package org.offloadbench.core.worker;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;
import org.offloadbench.core.offload.FailureKind;
import org.offloadbench.core.wire.Frame;
import org.offloadbench.core.wire.FrameCodec;
import org.offloadbench.core.wire.FrameException;
import org.offloadbench.core.wire.FrameWriter;

/**
 * The worker side of the pipe protocol: reads frames, runs requests on a small fixed pool, writes answers.
 *
 * <p>Protocol, as the worker sees it:
 * <ul>
 *   <li>READY is sent first, once.</li>
 *   <li>Every REQUEST gets exactly one answer: RESPONSE, or ERROR with WORKLOAD_FAILED (the workload threw;
 *       the worker lives on), BAD_REQUEST (unknown workload, duplicate request id), REJECTED (queue full),
 *       TIMED_OUT (ran past its timeout, counted from its start), CANCELLED (a CANCEL arrived) or CLOSED
 *       (the worker is exiting). The first answer wins; a late result of a cancelled task is dropped.</li>
 *   <li>A CANCEL for a request that is not in flight is ignored: its answer already crossed the CANCEL.</li>
 *   <li>A malformed frame gets a best-effort ERROR (request id 0, BAD_REQUEST) and the loop exits: a byte
 *       stream cannot be resynchronised.</li>
 *   <li>End of input means the parent is gone or wants the worker gone: in-flight requests get
 *       {@link WorkerConfig#endOfInputGraceNanos()} to finish, then the loop exits.</li>
 *   <li>SHUTDOWN: no new requests; in-flight ones get {@link WorkerConfig#shutdownGraceNanos()}.</li>
 * </ul>
 *
 * <p>A timed-out or cancelled task is answered at once and its thread is interrupted. A CPU-bound
 * workload may ignore the interrupt, and nothing inside a JVM can stop it; so that thread is abandoned
 * (it retires when its workload returns) and a fresh one takes its place, keeping the pool at full
 * strength. {@link #abandonedThreads()} counts them: a parent that sees a worker collect many should
 * replace the whole process, which is the only way to reclaim that CPU.
 *
 * <p>One instance runs once. Frames are written through one {@link FrameWriter}, so they never interleave.
 */
public final class WorkerLoop {

    /** Why {@link #run} returned. */
    public enum Exit {
        /** The input stream ended. */
        END_OF_INPUT,
        /** A SHUTDOWN frame arrived and in-flight work was drained. */
        SHUTDOWN,
        /** A frame could not be decoded; the stream is unusable. */
        MALFORMED_INPUT
    }

    private static final int QUEUED = 0;
    private static final int RUNNING = 1;
    private static final int DONE = 2;

    /** Payloads from this size up are reused by the reader after an inline run: below it a fresh array is cheap. */
    static final int REUSE_MIN_PAYLOAD_BYTES = 1 << 20;

    /** Tells a task thread to retire. */
    private static final InFlight STOP = new InFlight(null, 0L);

    private final WorkerConfig config;
    private final TaskExecutor executor;
    private final FrameCodec codec;
    private final LongSupplier nanoTime;
    private final PrintStream diagnostics;
    private final long pid;

    private final Map<Long, InFlight> inFlight = new ConcurrentHashMap<>();
    private final LinkedBlockingQueue<InFlight> queue = new LinkedBlockingQueue<>();
    private final Set<Thread> taskThreads = ConcurrentHashMap.newKeySet();
    private final AtomicInteger threadNumber = new AtomicInteger();
    private final AtomicLong abandoned = new AtomicLong();
    private final AtomicBoolean started = new AtomicBoolean();
    private final AtomicBoolean outputFailed = new AtomicBoolean();
    private final Object idle = new Object();
    private volatile boolean closing;
    private boolean inlineSingleTask;
    private FrameWriter writer;
    private ScheduledThreadPoolExecutor timer;

    /**
     * @param pid         the pid announced in READY (this process's, for a real worker)
     * @param diagnostics where the loop reports its own trouble (a child's stderr, which the parent drains)
     */
    public WorkerLoop(WorkerConfig config, TaskExecutor executor, LongSupplier nanoTime, long pid,
                      PrintStream diagnostics) {
        this.config = Objects.requireNonNull(config, "config");
        this.executor = Objects.requireNonNull(executor, "executor");
        this.nanoTime = Objects.requireNonNull(nanoTime, "nanoTime");
        this.diagnostics = Objects.requireNonNull(diagnostics, "diagnostics");
        this.codec = new FrameCodec(config.limits());
        this.pid = pid;
    }

    public WorkerLoop(WorkerConfig config, TaskExecutor executor) {
        this(config, executor, System::nanoTime, ProcessHandle.current().pid(), System.err);
    }

    /**
     * With concurrency 1, runs a request on the reader thread itself when nothing else is in flight, instead of
     * handing it to a task thread: that hand-off (a parked thread's wake-up) was a third of a small request's
     * round trip. The price: while such a request runs, no frame is read, so a CANCEL or SHUTDOWN for it waits
     * until it returns. Timeouts still work (the timer answers TIMED_OUT and interrupts the reader). Meant for
     * a parent that never sends CANCEL and never has more requests in flight than the worker's concurrency
     * (process/pipes kills a child to cancel a running task). Call before {@link #run}.
     *
     * @return this
     * @throws IllegalStateException when concurrency is not 1 or the loop has started
     */
    public WorkerLoop runSingleTasksInline(boolean on) {
        if (started.get()) {
            throw new IllegalStateException("runSingleTasksInline must be set before run()");
        }
        if (on && config.concurrency() != 1) {
            throw new IllegalArgumentException("inline running needs concurrency 1, was " + config.concurrency());
        }
        inlineSingleTask = on;
        return this;
    }

    /** Task threads given up because their workload ignored a timeout or cancel. */
    public long abandonedThreads() {
        return abandoned.get();
    }

    /**
     * Runs until the input ends, a SHUTDOWN is served, or a malformed frame arrives. On return every task
     * thread has stopped or been abandoned (interrupted, daemon, retiring when its workload returns).
     *
     * @throws IOException when READY cannot be written (nobody is listening)
     */
    public Exit run(InputStream in, OutputStream out) throws IOException {
        if (!started.compareAndSet(false, true)) {
            throw new IllegalStateException("a WorkerLoop runs once");
        }
        writer = new FrameWriter(codec, out);
        timer = new ScheduledThreadPoolExecutor(1, r -> daemon(r, "worker-timeouts"));
        timer.setRemoveOnCancelPolicy(true);
        try {
            for (int i = 0; i < config.concurrency(); i++) {
                startTaskThread();
            }
            writer.write(new Frame.Ready(pid, config.concurrency(), config.limits().maxPayloadBytes()));
            return readUntilDone(in);
        } finally {
            stopTaskThreads();
            timer.shutdownNow();
            awaitTimerEnd();
        }
    }

    private Exit readUntilDone(InputStream in) {
        // a large request payload that was run inline and answered is read into again by the next request of the
        // same size (see FrameCodec.readReusing): nothing else can still hold it
        byte[] reusable = null;
        while (true) {
            Frame frame;
            try {
                frame = codec.readReusing(in, reusable);
                reusable = null;
            } catch (FrameException e) {
                diagnostics.println("worker: malformed frame, exiting: " + e.getMessage());
                send(executor.error(0L, FailureKind.BAD_REQUEST, "malformed frame: " + e.getMessage()
                        + "; the worker cannot resynchronise the stream and exits"));
                drain(0L, "the worker received a malformed frame and is exiting");
                return Exit.MALFORMED_INPUT;
            } catch (IOException e) {
                // a broken input pipe means the same as its end: the parent is gone
                diagnostics.println("worker: reading input failed, treating it as end of input: " + e);
                frame = null;
            }
            if (frame == null) {
                drain(config.endOfInputGraceNanos(), "the worker's input ended (parent gone or closing)");
                return Exit.END_OF_INPUT;
            }
            if (frame instanceof Frame.Request request) {
                if (accept(request) && request.payload().length >= REUSE_MIN_PAYLOAD_BYTES) {
                    reusable = request.payload();
                }
            } else if (frame instanceof Frame.Cancel cancel) {
                InFlight task = inFlight.get(cancel.requestId());
                if (task != null) {
                    finishEarly(task, FailureKind.CANCELLED, "cancelled by the parent");
                }
            } else if (frame instanceof Frame.Shutdown) {
                drain(config.shutdownGraceNanos(), "the worker is shutting down and the request did not finish within "
                        + TimeUnit.NANOSECONDS.toMillis(config.shutdownGraceNanos()) + " ms");
                return Exit.SHUTDOWN;
            } else {
                // the stream is still in sync, so say what was wrong and carry on
                send(executor.error(frame.requestId(), FailureKind.BAD_REQUEST, "a worker does not accept "
                        + frame.kind() + " frames; valid: REQUEST, CANCEL, SHUTDOWN"));
            }
        }
    }

    /** @return true when the request ran inline and is finished, so its payload is free again */
    private boolean accept(Frame.Request request) {
        if (closing) {
            send(executor.error(request.requestId(), FailureKind.CLOSED, "the worker is shutting down"));
            return false;
        }
        InFlight task = new InFlight(request, nanoTime.getAsLong());
        if (inFlight.putIfAbsent(request.requestId(), task) != null) {
            send(executor.error(request.requestId(), FailureKind.BAD_REQUEST, "request id " + request.requestId()
                    + " is already in flight; ids must be unique among in-flight requests"));
            return false;
        }
        // running plus waiting; abandoned tasks are already answered and no longer count
        if (inFlight.size() > config.maxQueuedRequests() + config.concurrency()) {
            if (task.state.compareAndSet(QUEUED, DONE)) {
                answer(task, executor.error(request.requestId(), FailureKind.REJECTED, "worker queue is full ("
                        + config.maxQueuedRequests() + " queued, " + config.concurrency() + " running)"));
            }
            return false;
        }
        if (inlineSingleTask && inFlight.size() == 1 && queue.isEmpty()) {
            // when this returns the workload has returned on this thread and its answer (if any) is written
            runInline(task);
            return true;
        }
        queue.add(task);
        return false;
    }

    /** Runs a request on the reader thread: see {@link #runSingleTasksInline}. */
    private void runInline(InFlight task) {
        task.runner = Thread.currentThread();
        if (task.state.compareAndSet(QUEUED, RUNNING)) {
            runClaimed(task); // a timed-out result is dropped; the reader carries on either way
        }
    }

    /**
     * Runs a task this thread has just moved from QUEUED to RUNNING, with its timeout counted from now, and
     * answers it unless a timeout or cancel answered first.
     *
     * @return true when this thread answered; false when a timeout or cancel had already done so
     */
    private boolean runClaimed(InFlight task) {
        long start = nanoTime.getAsLong();
        long timeoutNanos = task.request.timeoutNanos();
        if (timeoutNanos > 0) {
            task.timeout = timer.schedule(() -> finishEarly(task, FailureKind.TIMED_OUT,
                    "ran longer than its timeout of " + timeoutNanos + " ns"), timeoutNanos, TimeUnit.NANOSECONDS);
        }
        Frame result = executor.execute(task.request, start - task.receivedNanos);
        ScheduledFuture<?> timeout = task.timeout;
        if (timeout != null) {
            timeout.cancel(false);
        }
        boolean mine = task.state.compareAndSet(RUNNING, DONE);
        // clear an interrupt aimed at this task so it cannot hit the next read or task
        Thread.interrupted();
        if (mine) {
            answer(task, result);
        }
        return mine;
    }

    private void startTaskThread() {
        Thread t = new Thread(this::serveTasks, "worker-task-" + threadNumber.incrementAndGet());
        t.setDaemon(true);
        taskThreads.add(t);
        t.start();
    }

    private void serveTasks() {
        Thread self = Thread.currentThread();
        try {
            while (true) {
                InFlight task = queue.take();
                if (task == STOP) {
                    return;
                }
                task.runner = self;
                if (!task.state.compareAndSet(QUEUED, RUNNING)) {
                    continue; // cancelled or closed while queued; already answered
                }
                if (!runClaimed(task)) {
                    // a timeout or cancel answered it and replaced this thread: retire
                    return;
                }
            }
        } catch (InterruptedException e) {
            // only stopTaskThreads interrupts an idle thread: exit
            Thread.currentThread().interrupt();
        } finally {
            taskThreads.remove(self);
        }
    }

    /** Answers a task before its workload returns (timeout, cancel, close), replacing its thread if running. */
    private void finishEarly(InFlight task, FailureKind failure, String why) {
        while (true) {
            int state = task.state.get();
            if (state == DONE) {
                return;
            }
            if (task.state.compareAndSet(state, DONE)) {
                if (state == RUNNING) {
                    Thread runner = task.runner;
                    taskThreads.remove(runner);
                    abandoned.incrementAndGet();
                    runner.interrupt();
                    if (!closing) {
                        startTaskThread();
                    }
                }
                answer(task, executor.error(task.request.requestId(), failure, task.request.workloadId() + ": " + why));
                return;
            }
        }
    }

    private void answer(InFlight task, Frame frame) {
        inFlight.remove(task.request.requestId(), task);
        send(frame);
        synchronized (idle) {
            idle.notifyAll();
        }
    }

    private void send(Frame frame) {
        try {
            writer.write(frame);
        } catch (IOException e) {
            // the parent stopped reading; the input will end too, and that ends the loop
            if (outputFailed.compareAndSet(false, true)) {
                diagnostics.println("worker: writing to the parent failed, answers are lost from now on: " + e);
            }
        }
    }

    /** Stops taking requests, waits up to {@code graceNanos} for in-flight ones, answers the rest CLOSED. */
    private void drain(long graceNanos, String why) {
        closing = true;
        long deadline = System.nanoTime() + graceNanos;
        synchronized (idle) {
            long left;
            while (!inFlight.isEmpty() && (left = deadline - System.nanoTime()) > 0) {
                try {
                    TimeUnit.NANOSECONDS.timedWait(idle, left);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    break;
                }
            }
        }
        for (InFlight task : List.copyOf(inFlight.values())) {
            finishEarly(task, FailureKind.CLOSED, why);
        }
    }

    private void stopTaskThreads() {
        closing = true;
        List<Thread> threads = new ArrayList<>(taskThreads);
        for (int i = 0; i < threads.size(); i++) {
            queue.add(STOP);
        }
        for (Thread t : threads) {
            try {
                t.join(TimeUnit.SECONDS.toMillis(5));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
            if (t.isAlive()) {
                diagnostics.println("worker: task thread " + t.getName() + " did not stop; interrupting it");
                t.interrupt();
            }
        }
    }

    private void awaitTimerEnd() {
        try {
            if (!timer.awaitTermination(5, TimeUnit.SECONDS)) {
                diagnostics.println("worker: the timeout thread did not stop within 5 s");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static Thread daemon(Runnable r, String name) {
        Thread t = new Thread(r, name);
        t.setDaemon(true);
        return t;
    }

    /** One request from arrival to answer. */
    private static final class InFlight {
        final Frame.Request request;
        final long receivedNanos;
        final AtomicInteger state = new AtomicInteger(QUEUED);
        volatile Thread runner;
        volatile ScheduledFuture<?> timeout;

        InFlight(Frame.Request request, long receivedNanos) {
            this.request = request;
            this.receivedNanos = receivedNanos;
        }
    }
}
