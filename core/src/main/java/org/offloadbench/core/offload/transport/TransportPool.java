package org.offloadbench.core.offload.transport;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
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
    private final SpinGate spinGate;

    final Object lock = new Object();
    private final List<PoolWorker> workers = new ArrayList<>();
    private final List<PoolWorker> everyWorker = new ArrayList<>();
    private final Deque<SentTask> queue = new ArrayDeque<>();
    private int inFlight;
    /** {@link #inFlight}, readable without the lock by the spin gate (written under the lock). */
    private volatile int inFlightView;
    private int cursor;
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
        this.spinGate = settings.awaitSpinAdaptive()
                ? SpinGate.adaptive(settings.awaitSpinNanos(), Runtime.getRuntime().availableProcessors(),
                () -> inFlightView)
                : SpinGate.fixed(settings.awaitSpinNanos());
        this.lifecycle = new TaskLifecycle(LifecycleSettings.of(settings.model(), settings.admissionLimit())
                .withClock(settings.nanoTime()).withTimesTasks(false).withCopyOnSubmit(false)
                .withFutures(() -> new SpinningFuture(spinGate)), new PoolModel());
        this.starter = new WorkerStarter(this, settings, transport);
        try {
            List<PoolWorker> ready = starter.warmUp();
            synchronized (lock) {
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
        synchronized (lock) {
            PoolWorker worker = queue.isEmpty() && !closing ? pick() : null;
            direct = worker != null && assign(sent, worker);
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
        synchronized (lock) {
            unavailable = closing ? null : unavailableReason();
            if (unavailable == null && !closing) {
                queue.addLast(sent);
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
        List<SentTask> sends = new ArrayList<>();
        synchronized (lock) {
            while (!queue.isEmpty()) {
                PoolWorker worker = pick();
                if (worker == null) {
                    break;
                }
                SentTask task = queue.pollFirst();
                if (assign(task, worker)) {
                    sends.add(task);
                }
            }
        }
        for (SentTask task : sends) {
            send(task);
        }
    }

    /** Hands a task to a worker; false when it already ended (cancelled while queued). Under the lock. */
    private boolean assign(SentTask task, PoolWorker worker) {
        if (!task.handle.start()) {
            return false;
        }
        task.worker = worker;
        task.sends++;
        task.dispatchNanos = settings.nanoTime().getAsLong();
        worker.inFlight.put(task.requestId, task);
        inFlightView = ++inFlight;
        return true;
    }

    /** The worker for the next task by the dispatch policy, or null when none has a free slot. Under the lock. */
    private PoolWorker pick() {
        int n = workers.size();
        if (n == 0) {
            return null;
        }
        int limit = settings.inFlightPerWorker();
        PoolWorker best = null;
        for (int i = 0; i < n; i++) {
            PoolWorker c = workers.get((cursor + i) % n);
            int busy = c.inFlight.size();
            if (busy >= limit) {
                continue;
            }
            if (settings.dispatch() == DispatchPolicy.ROUND_ROBIN) {
                best = c;
                cursor = (cursor + i + 1) % n;
                break;
            }
            if (best == null || busy < best.inFlight.size()) {
                best = c;
            }
        }
        if (best != null && settings.dispatch() == DispatchPolicy.LEAST_BUSY) {
            cursor = (workers.indexOf(best) + 1) % n;
        }
        return best;
    }

    private void send(SentTask task) {
        PoolWorker worker;
        synchronized (lock) {
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
            synchronized (lock) {
                if (task.worker == worker && !task.isDone()) {
                    task.backstop = lifecycle.timers().schedule(() -> backstopExpired(task, worker), backstop);
                }
            }
        }
    }

    // ------------------------------------------------------------------------------------------ answers

    /** Puts a ready worker into service. Under the lock. */
    void adopt(PoolWorker worker) {
        workers.add(worker);
        everyWorker.add(worker);
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
            fail(task, kind, message);
            if (kind == FailureKind.TIMED_OUT && recovery.replaceAfterTimeout()) {
                // the worker answered, but the thread that ran the task may still be burning CPU: only ending the
                // process reclaims it
                retire(worker, "a task on it timed out; it was replaced to reclaim the thread running it");
            } else {
                pump();
            }
            return null;
        }

        @Override
        public void gone(String problem, boolean garbage) {
            if (garbage) {
                synchronized (lock) {
                    if (worker.state == PoolWorker.State.READY) {
                        worker.state = PoolWorker.State.RETIRING;
                        worker.retireReason = problem + "; it was killed";
                    }
                }
                System.err.println(name() + ": " + worker + " " + problem + "; killing it");
                worker.worker.kill();
            }
            workerGone(worker, problem);
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
        synchronized (lock) {
            if (worker.state != PoolWorker.State.READY || requestId <= requestIds.get()) {
                return null; // the task was cancelled, timed out or moved while its answer was on the way
            }
        }
        return "answered request " + requestId + ", which was never sent";
    }

    /** Removes a task from its worker at answer time; null when it is no longer there. */
    private SentTask take(PoolWorker worker, long requestId) {
        synchronized (lock) {
            SentTask task = worker.inFlight.remove(requestId);
            if (task == null) {
                return null;
            }
            settle(task);
            return task;
        }
    }

    /** A task leaves its worker: bookkeeping shared by every way out. Under the lock. */
    private void settle(SentTask task) {
        inFlightView = --inFlight;
        task.worker = null;
        if (task.backstop != null) {
            task.backstop.cancel();
            task.backstop = null;
        }
        lock.notifyAll();
    }

    private void backstopExpired(SentTask task, PoolWorker worker) {
        boolean mine;
        synchronized (lock) {
            mine = task.worker == worker && worker.inFlight.remove(task.requestId) == task;
            if (mine) {
                settle(task);
            }
        }
        if (mine) {
            fail(task, FailureKind.TIMED_OUT, task.task.workloadId() + ": ran longer than its timeout of "
                    + task.task.timeoutNanos() + " ns and " + worker + " did not answer; it was killed");
            retire(worker, "it did not answer a timed-out task; it was killed");
        }
    }

    /** A task ended from outside: the caller cancelled it, or close cut it short. */
    private void stopped(SentTask task) {
        PoolWorker worker = null;
        synchronized (lock) {
            if (queue.remove(task)) {
                lock.notifyAll();
            } else if (task.worker != null && task.worker.inFlight.remove(task.requestId) == task) {
                worker = task.worker;
                settle(task);
            }
        }
        if (worker != null) {
            retire(worker, "a task on it was cancelled; it was replaced to stop the task");
        }
    }

    /**
     * Kills a worker on purpose and replaces it; its other in-flight tasks go back to the front of the queue
     * (a deliberate kill is no crash of theirs, but it does use their one retry).
     */
    private void retire(PoolWorker worker, String reason) {
        List<SentTask> neighbours;
        synchronized (lock) {
            if (worker.state != PoolWorker.State.READY) {
                return;
            }
            worker.state = PoolWorker.State.RETIRING;
            worker.retireReason = reason;
            worker.replacementScheduled = true;
            workers.remove(worker);
            neighbours = new ArrayList<>(worker.inFlight.values());
            worker.inFlight.clear();
            neighbours.forEach(this::settle);
        }
        worker.worker.kill();
        requeueOrFail(neighbours, worker + " was killed by the pool (" + reason + ")");
        starter.scheduleRespawn();
        pump();
    }

    /** The worker's answer stream ended: it exited, was killed, or sent garbage. */
    private void workerGone(PoolWorker worker, String problem) {
        List<SentTask> orphans;
        boolean respawn;
        String reason;
        boolean closingNow;
        synchronized (lock) {
            reason = worker.retireReason != null ? worker.retireReason
                    : problem != null ? problem : "exited unexpectedly";
            workers.remove(worker);
            closingNow = closing;
            respawn = !closing && !worker.replacementScheduled && worker.state != PoolWorker.State.DEAD;
            worker.replacementScheduled = true;
            worker.state = PoolWorker.State.DEAD;
            orphans = new ArrayList<>(worker.inFlight.values());
            worker.inFlight.clear();
            orphans.forEach(this::settle);
        }
        String exit = worker.worker.deathReport();
        worker.worker.close(Duration.ZERO);
        if (!orphans.isEmpty()) {
            String why = worker + " " + reason + exit;
            if (closingNow) {
                fail(orphans, FailureKind.CLOSED, name() + " closed while the task ran; " + why);
            } else {
                requeueOrFail(orphans, why);
            }
        }
        if (respawn) {
            starter.scheduleRespawn();
        }
        failQueueIfNoWorkerLeft();
        pump();
    }

    private void requeueOrFail(List<SentTask> tasks, String why) {
        List<SentTask> failed = new ArrayList<>();
        synchronized (lock) {
            // reversed, so the oldest ends up first in the queue
            for (int i = tasks.size() - 1; i >= 0; i--) {
                SentTask task = tasks.get(i);
                if (task.isDone()) {
                    continue;
                }
                if (recovery.mayRetry(task.sends, closing)) {
                    if (task.handle.requeue()) {
                        queue.addFirst(task);
                        lifecycle.counters().retried();
                    }
                } else {
                    failed.add(task);
                }
            }
            lock.notifyAll();
        }
        fail(failed, FailureKind.WORKER_CRASHED, why + recovery.noRetryReason());
    }

    /** With respawning given up and no worker left, nothing will ever run the queue: empty it. */
    void failQueueIfNoWorkerLeft() {
        List<SentTask> doomed;
        String reason;
        synchronized (lock) {
            reason = starter.gaveUpReason();
            if (reason == null || !workers.isEmpty() || starter.spawning() > 0) {
                return;
            }
            doomed = new ArrayList<>(queue);
            queue.clear();
        }
        fail(doomed, FailureKind.UNAVAILABLE, reason);
    }

    private void fail(List<SentTask> tasks, FailureKind kind, String why) {
        for (SentTask task : tasks) {
            fail(task, kind, why);
        }
    }

    private static void fail(SentTask task, FailureKind kind, String why) {
        OffloadException e = kind == FailureKind.WORKLOAD_FAILED ? OffloadException.workloadFailed(why, null)
                : new OffloadException(kind, why);
        task.handle.fail(e);
    }

    /** Why no task can run any more (respawning given up, no worker left), or null. */
    private String unavailableReason() {
        synchronized (lock) {
            String reason = starter.gaveUpReason();
            return reason != null && workers.isEmpty() && starter.spawning() == 0 ? reason : null;
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
        synchronized (lock) {
            return workers.stream().map(PoolWorker::pid).toList();
        }
    }

    @Override
    public OffloaderStats stats() {
        synchronized (lock) {
            return lifecycle.counters().snapshot(workers.size(), queue.size(), inFlight);
        }
    }

    /** Start-to-ready and start-to-first-result of every worker this pool started, oldest first. */
    public List<WorkerStartup> startups() {
        synchronized (lock) {
            List<WorkerStartup> out = new ArrayList<>();
            for (PoolWorker w : everyWorker) {
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
        synchronized (lock) {
            closing = true;
        }
        return lifecycle.close(timeout, new PoolShutdown());
    }

    /** How the workers stop at close: idle ones on their own, busy ones (cut short) by force. */
    private final class PoolShutdown implements TaskLifecycle.Shutdown {
        private final List<PoolWorker> busy = new ArrayList<>();
        private final List<PoolWorker> idle = new ArrayList<>();

        @Override
        public void beforeCutShort() {
            detachAll();
        }

        @Override
        public void stopWorkers(long deadlineNanos) {
            detachAll();
            starter.shutdown();
            busy.forEach(w -> w.worker.kill());
            for (PoolWorker w : idle) {
                try {
                    w.worker.shutdownGracefully();
                } catch (IOException e) {
                    System.err.println(name() + ": stopping " + w + " gently failed (" + e + "); it will be killed");
                    w.worker.kill();
                }
            }
            List<PoolWorker> all;
            synchronized (lock) {
                all = new ArrayList<>(everyWorker);
            }
            for (PoolWorker w : all) {
                w.worker.close(settings.workerCloseGrace());
            }
            starter.awaitStopped();
            for (PoolWorker w : all) {
                w.worker.awaitReaderDone();
            }
            transport.close();
        }

        /** Takes every task off the queue and the workers (close fails them), and every worker out of service. */
        private void detachAll() {
            synchronized (lock) {
                queue.clear();
                for (PoolWorker w : workers) {
                    w.state = PoolWorker.State.RETIRING;
                    w.retireReason = "closing";
                    (w.inFlight.isEmpty() ? idle : busy).add(w);
                    w.inFlight.values().forEach(TransportPool.this::settle);
                    w.inFlight.clear();
                }
                workers.clear();
            }
        }
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
                TransportPool.this.stopped(sent);
            }
        }

        @Override
        public String queueFullMessage() {
            synchronized (lock) {
                return name() + " queue is full (" + queue.size() + " waiting, " + inFlight + " running on "
                        + workers.size() + " workers; queueCapacity " + settings.queueCapacity()
                        + "); retry later or raise queueCapacity";
            }
        }
    }
}
