package org.offloadbench.core.offload.transport;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicLong;

import org.offloadbench.core.offload.FailureKind;
import org.offloadbench.core.offload.OffloadException;
import org.offloadbench.core.offload.Offloader;
import org.offloadbench.core.offload.OffloaderStats;
import org.offloadbench.core.offload.Task;
import org.offloadbench.core.offload.TaskResult;
import org.offloadbench.core.offload.support.LifecycleSettings;
import org.offloadbench.core.offload.support.SpinGate;
import org.offloadbench.core.offload.support.SpinningFuture;
import org.offloadbench.core.offload.support.TaskHandle;
import org.offloadbench.core.offload.support.TaskLifecycle;

/**
 * A warm pool of out-of-process workers driven through a {@link Transport}, on core's {@link TaskLifecycle}:
 * a model is a transport plus a {@link RecoveryPolicy}.
 *
 * <p>How a task travels. {@link #submit} admits it ({@link TaskLifecycle}); a dispatcher (whichever thread
 * changed the state: the submitter, a worker's reader, the spawner) hands it to a worker with a free slot
 * ({@link DispatchPolicy}) and sends it from that same thread, so an idle pool costs one send per hand-off and
 * no extra thread hop. Each worker's reading thread delivers answers ({@link Answers}); the pool completes the
 * task's handle.
 *
 * <p>Failures ({@link RecoveryPolicy} decides): a worker times its tasks itself and answers TIMED_OUT, after
 * which it is replaced (the thread may still burn CPU); a backstop covers a worker too stuck to answer. A
 * cancel of a running task kills and replaces its worker. A worker that dies takes its in-flight tasks with it:
 * they are retried once elsewhere or fail WORKER_CRASHED with its exit report. Garbage from a worker ends it.
 * Respawn backs off after failed starts and stops after repeated ones; once no worker is left, every waiting
 * and later task fails UNAVAILABLE.
 *
 * <p>All pool state is guarded by one lock; handles are completed outside it.
 */
public final class TransportPool implements Offloader {

    private final PoolSettings settings;
    private final RecoveryPolicy recovery;
    private final Transport transport;
    private final TaskLifecycle lifecycle;
    private final InputCopies inputCopies = new InputCopies();
    private final AtomicLong requestIds = new AtomicLong();
    private final WorkerStarter starter;
    private final WorkerLoss loss;
    private final SpinGate spinGate;

    /** The pool's state; also its one lock. */
    final PoolBooks books;
    private volatile boolean closing;

    /**
     * Starts the warm pool; returns when every worker is ready.
     *
     * @throws OffloadException UNAVAILABLE when workers did not start (after the policy's retries)
     */
    public TransportPool(PoolSettings settings, Transport transport) {
        this.settings = Objects.requireNonNull(settings, "settings");
        this.recovery = settings.recovery();
        this.transport = Objects.requireNonNull(transport, "transport");
        this.books = new PoolBooks(settings);
        this.spinGate = settings.awaitSpinAdaptive()
                ? SpinGate.adaptive(settings.awaitSpinNanos(), Runtime.getRuntime().availableProcessors(),
                books::inFlightView)
                : SpinGate.fixed(settings.awaitSpinNanos());
        this.lifecycle = new TaskLifecycle(LifecycleSettings.of(settings.model(), settings.admissionLimit())
                .withClock(settings.nanoTime()).withTimesTasks(false).withCopyOnSubmit(false)
                .withFutures(() -> new SpinningFuture(spinGate)), new PoolModel());
        this.starter = new WorkerStarter(this, settings, transport);
        this.loss = new WorkerLoss(this, books, starter, lifecycle.counters());
        try {
            List<PoolWorker> ready = starter.warmUp();
            synchronized (books) {
                ready.forEach(this::adopt);
            }
        } catch (RuntimeException e) {
            close(Duration.ZERO);
            throw e;
        }
    }

    @Override
    public String name() {
        return settings.model();
    }

    // ------------------------------------------------------------------------------------------ submit and dispatch

    @Override
    public CompletableFuture<TaskResult> submit(Task task) {
        Objects.requireNonNull(task, "task");
        String bad = transport.checkRequest(task);
        if (bad != null) {
            return lifecycle.failAtSubmit(OffloadException.badRequest(bad));
        }
        String gaveUp = unavailableReason();
        if (gaveUp != null) {
            return lifecycle.failAtSubmit(new OffloadException(FailureKind.UNAVAILABLE, gaveUp));
        }
        return lifecycle.submit(task, null);
    }

    private void dispatch(TaskHandle handle) {
        SentTask sent = new SentTask(requestIds.incrementAndGet(), handle);
        handle.attach(sent);
        Task task = handle.task();
        if (task.handoff() == Task.Handoff.COPY && recovery.retryOnce()) {
            // the caller may reuse its array once submit returns, and a retry must resend the original bytes
            sent.input = inputCopies.copyOf(task.input());
            sent.inputIsPoolCopy = true;
        }
        // Fast path: a worker has a free slot and nothing waits ahead. The request is sent before submit returns,
        // so with retry off the send itself is the copy-on-send and the caller's array needs no copy of its own.
        boolean direct;
        synchronized (books) {
            PoolWorker worker = books.queue.isEmpty() && !closing ? books.pick() : null;
            direct = worker != null && books.assign(sent, worker);
        }
        if (direct) {
            send(sent);
            return;
        }
        // Slow path: the task waits in the queue, so a COPY task's bytes are copied now (outside the lock)
        if (task.handoff() == Task.Handoff.COPY && !sent.inputIsPoolCopy) {
            sent.input = inputCopies.copyOf(task.input());
            sent.inputIsPoolCopy = true;
        }
        String unavailable;
        synchronized (books) {
            unavailable = closing ? null : unavailableReason();
            if (unavailable == null && !closing) {
                books.queue.addLast(sent);
            }
        }
        if (closing) {
            handle.abort(OffloadException.closed(name() + " is closed and accepts no more tasks"));
            return;
        }
        if (unavailable != null) {
            handle.fail(new OffloadException(FailureKind.UNAVAILABLE, unavailable));
            return;
        }
        pump();
    }

    /** Hands queued tasks to workers with free slots and sends them, outside the lock. */
    void pump() {
        List<SentTask> sends;
        synchronized (books) {
            sends = books.assignQueued();
        }
        for (SentTask task : sends) {
            send(task);
        }
    }

    private void send(SentTask task) {
        PoolWorker worker;
        synchronized (books) {
            worker = task.worker;
            if (worker == null || worker.inFlight.get(task.requestId) != task) {
                return; // cancelled or moved before it could be sent
            }
        }
        Task t = task.task;
        try {
            worker.worker.send(task.requestId, t, task.input);
        } catch (IOException e) {
            // a broken connection: the worker is dying; its reader sees the end and retries or fails what it had
            worker.worker.kill();
            return;
        }
        if (t.hasTimeout()) {
            long backstop = recovery.backstopNanos(t.timeoutNanos());
            synchronized (books) {
                if (task.worker == worker && !task.isDone()) {
                    task.backstop = lifecycle.timers().schedule(() -> loss.backstopExpired(task, worker), backstop);
                }
            }
        }
    }

    // ------------------------------------------------------------------------------------------ answers

    /** Puts a ready worker into service. Under the lock. */
    void adopt(PoolWorker worker) {
        books.add(worker);
        worker.worker.startReading(new WorkerAnswers(worker));
    }

    /** What one worker's reading thread delivers. */
    private final class WorkerAnswers implements Answers {
        private final PoolWorker worker;

        WorkerAnswers(PoolWorker worker) {
            this.worker = worker;
        }

        @Override
        public String result(long requestId, byte[] output, long checksum, long workerQueueNanos, long runNanos) {
            firstAnswer(worker);
            SentTask task = take(worker, requestId);
            if (task == null) {
                return unknownAnswer(worker, requestId);
            }
            recycleInput(task);
            long parentQueue = task.dispatchNanos - task.handle.submitNanos();
            task.handle.complete(new TaskResult(output, checksum, parentQueue + workerQueueNanos, runNanos,
                    workerId(worker)));
            pump();
            return null;
        }

        @Override
        public String failed(long requestId, FailureKind kind, String message) {
            firstAnswer(worker);
            SentTask task = take(worker, requestId);
            if (task == null) {
                return unknownAnswer(worker, requestId);
            }
            recycleInput(task);
            WorkerLoss.fail(task, kind, message);
            if (kind == FailureKind.TIMED_OUT && recovery.replaceAfterTimeout()) {
                // the worker answered, but the thread that ran the task may still be burning CPU: only ending the
                // process reclaims it
                loss.retire(worker, "a task on it timed out; it was replaced to reclaim the thread running it");
            } else {
                pump();
            }
            return null;
        }

        @Override
        public void gone(String problem, boolean garbage) {
            if (garbage) {
                synchronized (books) {
                    if (worker.state == PoolWorker.State.READY) {
                        worker.state = PoolWorker.State.RETIRING;
                        worker.retireReason = problem + "; it was killed";
                    }
                }
                System.err.println(name() + ": " + worker + " " + problem + "; killing it");
                worker.worker.kill();
            }
            loss.workerGone(worker, problem);
        }
    }

    private static String workerId(PoolWorker worker) {
        return worker.pid() >= 0 ? "pid " + worker.pid() : worker.toString();
    }

    private void firstAnswer(PoolWorker worker) {
        if (worker.firstResultNanos < 0) {
            worker.firstResultNanos = settings.nanoTime().getAsLong();
        }
    }

    /** The worker answered, so it has read the whole request: no sender still reads the pool's copy. */
    private void recycleInput(SentTask task) {
        if (task.inputIsPoolCopy) {
            inputCopies.recycle(task.input);
        }
    }

    /** An answer for a request the worker does not have: fine after a cancel or retire, garbage otherwise. */
    private String unknownAnswer(PoolWorker worker, long requestId) {
        synchronized (books) {
            if (worker.state != PoolWorker.State.READY || requestId <= requestIds.get()) {
                return null; // the task was cancelled, timed out or moved while its answer was on the way
            }
        }
        return "answered request " + requestId + ", which was never sent";
    }

    private SentTask take(PoolWorker worker, long requestId) {
        synchronized (books) {
            return books.take(worker, requestId);
        }
    }

    /** With respawning given up and no worker left, nothing will ever run the queue: empty it. */
    void failQueueIfNoWorkerLeft() {
        loss.failQueueIfNoWorkerLeft();
    }

    /** Why no task can run any more (respawning given up, no worker left), or null. */
    private String unavailableReason() {
        if (starter.gaveUpReason() == null) {
            return null; // the common case, without the lock: once set, the reason stays
        }
        synchronized (books) {
            String reason = starter.gaveUpReason();
            return reason != null && books.workers.isEmpty() && starter.spawning() == 0 ? reason : null;
        }
    }

    // ------------------------------------------------------------------------------------------ for the starter

    boolean isClosing() {
        return closing;
    }

    void respawned() {
        lifecycle.counters().respawned();
    }

    // ------------------------------------------------------------------------------------------ introspection

    /** The workers in service now (retired ones are gone from the list; their replacements are in it). */
    @Override
    public List<Long> workerPids() {
        synchronized (books) {
            return books.workers.stream().map(PoolWorker::pid).toList();
        }
    }

    @Override
    public OffloaderStats stats() {
        synchronized (books) {
            return lifecycle.counters().snapshot(books.workers.size(), books.queue.size(), books.inFlight());
        }
    }

    /** Start-to-ready and start-to-first-result of every worker this pool started, oldest first. */
    public List<WorkerStartup> startups() {
        synchronized (books) {
            List<WorkerStartup> out = new ArrayList<>();
            for (PoolWorker w : books.everyWorker) {
                long first = w.firstResultNanos;
                out.add(new WorkerStartup(w.pid(), w.readyNanos - w.spawnNanos,
                        first < 0 ? -1L : first - w.spawnNanos));
            }
            return out;
        }
    }

    /** Tasks sent a second time after their worker died or was replaced. */
    public long retries() {
        return lifecycle.counters().retries();
    }

    /** Bytes of input copies kept for reuse now. */
    public long keptInputCopyBytes() {
        return inputCopies.keptBytes();
    }

    public PoolSettings settings() {
        return settings;
    }

    // ------------------------------------------------------------------------------------------ close

    @Override
    public boolean close(Duration timeout) {
        synchronized (books) {
            closing = true;
        }
        return lifecycle.close(timeout, new PoolShutdown(books, starter, transport, settings));
    }

    /** The lifecycle's view of this pool. */
    private final class PoolModel implements TaskLifecycle.Model {
        @Override
        public void dispatch(TaskHandle handle) {
            TransportPool.this.dispatch(handle);
        }

        @Override
        public void stopped(TaskHandle handle, TaskHandle.State from) {
            if (handle.attachment() instanceof SentTask sent) {
                loss.stopped(sent);
            }
        }

        @Override
        public String queueFullMessage() {
            synchronized (books) {
                return name() + " queue is full (" + books.queue.size() + " waiting, " + books.inFlight()
                        + " running on " + books.workers.size() + " workers; queueCapacity " + settings.queueCapacity()
                        + "); retry later or raise queueCapacity";
            }
        }
    }
}
