package org.offloadbench.cluster.client;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.LongSupplier;
import org.offloadbench.cluster.http.HttpClientConnection;
import org.offloadbench.cluster.local.LocalWorkers;
import org.offloadbench.core.offload.FailureKind;
import org.offloadbench.core.offload.OffloadException;
import org.offloadbench.core.offload.Offloader;
import org.offloadbench.core.offload.OffloaderStats;
import org.offloadbench.core.offload.Task;
import org.offloadbench.core.offload.TaskResult;

/**
 * The client side of every cluster model: an {@link Offloader} that sends each task as
 * {@code POST /v1/run/{workload}} over a pool of keep-alive connections. The three balancers differ only in
 * their {@link Router} (this JVM picks a worker; the kernel picks one behind a shared port; nginx picks one).
 *
 * <p>The queue lives here, not in the workers: at most {@code lanes} requests are in flight (one lane thread
 * each, blocking on its connection), the next {@code queueCapacity} wait, more are rejected. So a full
 * cluster rejects through the future the same way a thread pool does, and a queued task never reaches a
 * worker if it is cancelled.
 *
 * <p>Failures: a worker that dies before answering (the connection ends with no byte of a reply) is marked
 * down and the request is retried once on another worker; workloads are pure, so this cannot change a
 * result. A second failure is {@code WORKER_CRASHED}. Cancelling a running task closes its connection; the
 * worker sees the hang-up and interrupts the task. Timeouts are enforced by the worker from the start of
 * execution (504 = {@code TIMED_OUT}).
 */
public final class ClusterOffloader implements Offloader {
    private static final int QUEUED = 0;
    private static final int RUNNING = 1;
    private static final int DONE = 2;

    private final String name;
    private final ClientSettings settings;
    private final Router router;
    private final LongSupplier nanoTime;
    private final ConnectionPool pool;
    private final ClusterWorkers workers;
    private final WorkerReplies replies;
    private final RequestSender sender;
    private final Lanes<Item> lanes;
    private final Set<Item> running = ConcurrentHashMap.newKeySet();
    private final Object admission = new Object();
    private int queued;
    private int inFlight;
    private volatile boolean closed;
    private volatile Boolean closeResult;

    private final LongAdder completed = new LongAdder();
    private final LongAdder failed = new LongAdder();
    private final LongAdder timedOut = new LongAdder();
    private final LongAdder rejected = new LongAdder();
    private final LongAdder cancelled = new LongAdder();

    /**
     * Starts the lanes and the health checker. Takes ownership of {@code localWorkers} (may be null for
     * remote backends) and of {@code alsoClose} (nginx), closing them last.
     */
    public ClusterOffloader(String name, ClientSettings settings, Router router, LocalWorkers localWorkers,
                            List<AutoCloseable> alsoClose, LongSupplier nanoTime) {
        this.name = Objects.requireNonNull(name, "name");
        this.settings = Objects.requireNonNull(settings, "settings");
        this.router = Objects.requireNonNull(router, "router");
        this.nanoTime = nanoTime;
        this.pool = new ConnectionPool(settings.connectTimeoutMillis(), TimeUnit.SECONDS.toNanos(30), nanoTime);
        this.workers = new ClusterWorkers(name, settings, router, localWorkers, alsoClose, nanoTime);
        this.replies = new WorkerReplies(name);
        this.sender = new RequestSender(name, settings, router, pool, replies, nanoTime, () -> closed);
        this.lanes = new Lanes<>(settings.lanes(), name, this::runLane);
        workers.startHealthChecks();
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public CompletableFuture<TaskResult> submit(Task task) {
        Objects.requireNonNull(task, "task");
        if (closed) {
            failed.increment();
            return CompletableFuture.failedFuture(OffloadException.closed(name + " is closed"));
        }
        // copy on send: the caller may reuse its array at once; a transferred array is ours already
        byte[] input = task.handoff() == Task.Handoff.COPY ? task.input().clone() : task.input();
        Item item = new Item(task, input, nanoTime.getAsLong());
        item.future = new TaskFuture(this, item);
        synchronized (admission) {
            if (closed) {
                failed.increment();
                return CompletableFuture.failedFuture(OffloadException.closed(name + " is closed"));
            }
            if (queued + inFlight >= settings.lanes() + settings.queueCapacity()) {
                rejected.increment();
                return CompletableFuture.failedFuture(OffloadException.rejected(name + " queue is full: "
                        + inFlight + " in flight, " + queued + " queued (capacity " + settings.queueCapacity() + ")"));
            }
            queued++;
        }
        lanes.add(item);
        return item.future;
    }

    private void runLane(Item item) {
        synchronized (admission) {
            if (item.state.get() != QUEUED) {
                return; // cancelled or failed by close while it waited; already uncounted from queued
            }
            // it stays counted as queued until its request has reached a worker (see markRunning)
            item.state.set(RUNNING);
            running.add(item);
        }
        item.lane = Thread.currentThread();
        try {
            WorkerReplies.Outcome outcome = sender.send(item, item.submitNanos);
            if (outcome != null) {
                finish(item, outcome.result(), outcome.failure());
            }
        } catch (RuntimeException e) {
            finish(item, null, new OffloadException(FailureKind.WORKER_CRASHED, "client failure: " + e, e));
        } finally {
            running.remove(item);
            synchronized (admission) {
                if (item.sent) {
                    inFlight--;
                } else if (!item.uncounted) {
                    queued--;
                }
                item.uncounted = true;
                admission.notifyAll();
            }
            // complete only now: a caller woken by its answer that submits again at once must find the
            // place free, and must not contend with this lane for the admission lock (measured: that
            // contention inflated the lock and cost a futex wait and wake per request)
            item.completeDeferred();
        }
    }

    /**
     * The worker said the task started (its interim 102), or, where interim answers do not pass the balancer,
     * the request is written: from now on the task counts as in flight. Until then it counted as queued, so a
     * task reported running really is running (and a cancel reaches it as a hang-up, interrupting it).
     */
    private void markRunning(Item item) {
        synchronized (admission) {
            if (!item.sent && !item.uncounted) {
                item.sent = true;
                queued--;
                inFlight++;
            }
        }
    }

    /** Completes the task once, counting it in exactly one counter. */
    private void finish(Item item, TaskResult result, OffloadException failure) {
        if (!item.state.compareAndSet(RUNNING, DONE) && !item.state.compareAndSet(QUEUED, DONE)) {
            return;
        }
        if (failure == null) {
            completed.increment();
        } else {
            switch (failure.kind()) {
                case TIMED_OUT -> timedOut.increment();
                case REJECTED -> rejected.increment();
                default -> failed.increment();
            }
        }
        if (Thread.currentThread() == item.lane) {
            item.defer(result, failure); // its lane completes it after the bookkeeping (see laneLoop)
        } else {
            item.future.completeInternally(result, failure);
        }
    }

    /** Cancel from the caller's future: a queued task is dropped, a running one loses its connection. */
    boolean cancel(Item item) {
        boolean wasRunning;
        synchronized (admission) {
            int s = item.state.get();
            if (s == QUEUED) {
                item.state.set(DONE);
                queued--;
                item.uncounted = true;
                lanes.remove(item);
                wasRunning = false;
            } else if (s == RUNNING) {
                item.state.set(DONE);
                wasRunning = true;
            } else {
                return false;
            }
            admission.notifyAll();
        }
        cancelled.increment();
        if (wasRunning) {
            HttpClientConnection c = item.connection;
            if (c != null) {
                c.close(); // the worker sees the hang-up and interrupts the task
            }
        }
        return true;
    }

    /** The local worker JVMs and, for {@code cluster/nginx}, nginx's master and workers (remote backends: none). */
    @Override
    public List<Long> workerPids() {
        return workers.pids();
    }

    @Override
    public OffloaderStats stats() {
        int q;
        int f;
        synchronized (admission) {
            q = queued;
            f = inFlight;
        }
        int alive = closeResult != null ? 0 : workers.alive();
        return new OffloaderStats(alive, q, f, completed.sum(), failed.sum(), timedOut.sum(), rejected.sum(),
                cancelled.sum(), workers.respawned(), workers.abandoned());
    }

    /** Requests answered per worker id ({@code pid@host:port}), for evenness. */
    public Map<String, Long> answeredByWorker() {
        return replies.answeredByWorker();
    }

    /** Requests retried once on another worker after a worker died before answering. */
    public long retried() {
        return sender.retried();
    }

    /** The local workers, or null when the backends are remote. */
    public LocalWorkers localWorkers() {
        return workers.localWorkers();
    }

    public Router router() {
        return router;
    }

    @Override
    public boolean close(Duration timeout) {
        synchronized (admission) {
            if (closed) {
                Boolean r = closeResult;
                return r == null || r;
            }
            closed = true;
        }
        long deadline = nanoTime.getAsLong() + timeout.toNanos();
        boolean clean;
        synchronized (admission) {
            while (queued + inFlight > 0) {
                long left = deadline - nanoTime.getAsLong();
                if (left <= 0) {
                    break;
                }
                try {
                    admission.wait(Math.max(1L, TimeUnit.NANOSECONDS.toMillis(left)));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    break;
                }
            }
            clean = queued + inFlight == 0;
        }
        if (!clean) {
            for (Item item : lanes.drain()) {
                if (item.state.get() == QUEUED) {
                    synchronized (admission) {
                        queued--;
                        item.uncounted = true;
                    }
                    finish(item, null, OffloadException.closed(name + " closed before the task ran"));
                }
            }
            for (Item item : List.copyOf(running)) {
                finish(item, null, OffloadException.closed(name + " closed while the task ran"));
                HttpClientConnection c = item.connection;
                if (c != null) {
                    c.close();
                }
            }
        }
        lanes.stop();
        pool.close();
        try {
            workers.close();
        } finally {
            closeResult = clean;
        }
        return clean;
    }

    /** One submitted task. */
    final class Item implements RequestSender.Call {
        final Task task;
        final byte[] input;
        final long submitNanos;
        final AtomicInteger state = new AtomicInteger(QUEUED);
        volatile TaskFuture future;
        volatile HttpClientConnection connection;
        /** Guarded by admission: the request reached a worker (counted in flight, not queued). */
        boolean sent;
        /** Guarded by admission: no longer counted as queued or in flight. */
        boolean uncounted;
        /** The lane running it; only that thread touches the deferred outcome below. */
        volatile Thread lane;
        private boolean deferred;
        private TaskResult deferredResult;
        private Throwable deferredFailure;

        void defer(TaskResult result, Throwable failure) {
            deferred = true;
            deferredResult = result;
            deferredFailure = failure;
        }

        void completeDeferred() {
            if (deferred) {
                deferred = false;
                future.completeInternally(deferredResult, deferredFailure);
            }
        }

        Item(Task task, byte[] input, long submitNanos) {
            this.task = task;
            this.input = input;
            this.submitNanos = submitNanos;
        }

        @Override
        public Task task() {
            return task;
        }

        @Override
        public byte[] input() {
            return input;
        }

        @Override
        public boolean stopped() {
            return state.get() != RUNNING;
        }

        @Override
        public void connection(HttpClientConnection c) {
            connection = c;
        }

        @Override
        public void sent() {
            markRunning(this);
        }
    }

    /** A future whose cancel reaches the task. */
    static final class TaskFuture extends CompletableFuture<TaskResult> {
        private final ClusterOffloader owner;
        private final Item item;

        TaskFuture(ClusterOffloader owner, Item item) {
            this.owner = owner;
            this.item = item;
        }

        @Override
        public boolean cancel(boolean mayInterruptIfRunning) {
            if (!owner.cancel(item)) {
                return false;
            }
            return super.cancel(mayInterruptIfRunning);
        }

        void completeInternally(TaskResult result, Throwable failure) {
            if (failure == null) {
                super.complete(result);
            } else {
                super.completeExceptionally(failure);
            }
        }

    }
}
