package org.offloadbench.cluster.client;

import java.io.IOException;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.locks.LockSupport;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.LongSupplier;
import org.offloadbench.cluster.balance.Backend;
import org.offloadbench.cluster.http.HttpClientConnection;
import org.offloadbench.cluster.http.OffloadHeaders;
import org.offloadbench.cluster.http.WorkerReply;
import org.offloadbench.cluster.local.LocalWorkers;
import org.offloadbench.cluster.nginx.NginxBalancer;
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
    private static final Item POISON = new Item(null, null, 0);

    private final String name;
    private final ClientSettings settings;
    private final Router router;
    private final LocalWorkers localWorkers;
    private final List<AutoCloseable> alsoClose;
    private final LongSupplier nanoTime;
    private final ConnectionPool pool;
    private final HealthChecker health;
    /**
     * Waiting items. Not a {@code LinkedBlockingQueue}: its {@code add} signals a parked lane while holding the
     * lane's lock, so the woken lane blocked again on that lock (measured with strace: two more futex calls
     * and a second wake-up per request). Here a submit unparks one idle lane after the item is queued.
     */
    private final ConcurrentLinkedQueue<Item> queue = new ConcurrentLinkedQueue<>();
    private final ConcurrentLinkedDeque<Thread> idleLanes = new ConcurrentLinkedDeque<>();
    private final Set<Item> running = ConcurrentHashMap.newKeySet();
    private final List<Thread> lanes = new ArrayList<>();
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
    private final LongAdder retried = new LongAdder();
    private final Map<String, LongAdder> answeredBy = new ConcurrentHashMap<>();

    /**
     * Starts the lanes and the health checker. Takes ownership of {@code localWorkers} (may be null for
     * remote backends) and of {@code alsoClose} (nginx), closing them last.
     */
    public ClusterOffloader(String name, ClientSettings settings, Router router, LocalWorkers localWorkers,
                            List<AutoCloseable> alsoClose, LongSupplier nanoTime) {
        this.name = Objects.requireNonNull(name, "name");
        this.settings = Objects.requireNonNull(settings, "settings");
        this.router = Objects.requireNonNull(router, "router");
        this.localWorkers = localWorkers;
        this.alsoClose = List.copyOf(alsoClose);
        this.nanoTime = nanoTime;
        this.pool = new ConnectionPool(settings.connectTimeoutMillis(), TimeUnit.SECONDS.toNanos(30), nanoTime);
        this.health = new HealthChecker(router.backends(), settings.healthIntervalMillis(), name + "-health", nanoTime);
        for (int i = 0; i < settings.lanes(); i++) {
            Thread t = new Thread(this::laneLoop, name + "-lane-" + (i + 1));
            t.setDaemon(true);
            lanes.add(t);
        }
        lanes.forEach(Thread::start);
        health.start();
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
            queue.add(item);
        }
        Thread idle = idleLanes.pollFirst();
        if (idle != null) {
            LockSupport.unpark(idle);
        }
        return item.future;
    }

    private void laneLoop() {
        while (true) {
            Item item;
            try {
                item = take();
            } catch (InterruptedException e) {
                return;
            }
            if (item == POISON) {
                return;
            }
            synchronized (admission) {
                if (item.state.get() != QUEUED) {
                    continue; // cancelled or failed by close while it waited; already uncounted from queued
                }
                // it stays counted as queued until its request has reached a worker (see markSent)
                item.state.set(RUNNING);
                running.add(item);
            }
            item.lane = Thread.currentThread();
            try {
                run(item);
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
    }

    /** The next item; parks while there is none (announced in idleLanes first, so no wake-up is lost). */
    private Item take() throws InterruptedException {
        Thread me = Thread.currentThread();
        while (true) {
            Item item = queue.poll();
            if (item != null) {
                return item;
            }
            idleLanes.addFirst(me);
            item = queue.poll(); // re-check: an item added before we were listed found no lane to unpark
            if (item != null) {
                idleLanes.remove(me);
                return item;
            }
            LockSupport.park(this);
            idleLanes.remove(me); // a spurious wake-up leaves us listed
            if (Thread.interrupted()) {
                throw new InterruptedException(me.getName() + " interrupted");
            }
        }
    }

    private void run(Item item) {
        long started = nanoTime.getAsLong();
        Task task = item.task;
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Content-Type", "application/octet-stream");
        if (task.timeoutNanos() > 0) {
            headers.put(OffloadHeaders.TIMEOUT_NANOS, Long.toString(task.timeoutNanos()));
        }
        boolean notifyStart = settings.notifyStart();
        if (notifyStart) {
            headers.put(OffloadHeaders.NOTIFY_START, "true");
        }
        Runnable running = () -> markRunning(item);
        int replyTimeoutMillis = task.timeoutNanos() == 0 ? 0 : (int) Math.min(Integer.MAX_VALUE,
                TimeUnit.NANOSECONDS.toMillis(task.timeoutNanos()) + settings.replyGraceMillis());
        String path = OffloadHeaders.RUN_PATH + task.workloadId();
        Backend exclude = null;
        int crashRetries = 1;
        int staleRetries = 2;
        long waitUntil = started + TimeUnit.MILLISECONDS.toNanos(settings.noWorkerWaitMillis());
        String lastProblem = "no worker is up";
        while (item.state.get() == RUNNING) {
            Route route = router.route(exclude);
            if (route == null) {
                if (!pause(waitUntil)) {
                    finish(item, null, OffloadException.workerCrashed(name + ": " + lastProblem + " ("
                            + router.describe() + ")"));
                    return;
                }
                continue;
            }
            HttpClientConnection connection;
            try {
                connection = settings.persistentConnections() ? pool.acquire(route.address())
                        : HttpClientConnection.open(route.address(), settings.connectTimeoutMillis(), nanoTime);
            } catch (IOException e) {
                lastProblem = "cannot connect to " + route.address() + ": " + e.getMessage();
                if (route.backend() != null) {
                    route.backend().markDown();
                }
                if (!pause(waitUntil)) {
                    finish(item, null, OffloadException.workerCrashed(name + ": " + lastProblem));
                    return;
                }
                continue;
            }
            item.connection = connection;
            if (item.state.get() != RUNNING) {
                connection.close(); // cancelled while connecting
                return;
            }
            Backend backend = route.backend();
            if (backend != null) {
                backend.begin();
            }
            try {
                WorkerReply reply = connection.exchange("POST", path, headers, item.input, replyTimeoutMillis,
                        !settings.persistentConnections(), notifyStart ? null : running, notifyStart ? running : null);
                if (settings.persistentConnections()) {
                    pool.release(connection);
                }
                if (reply.header(OffloadHeaders.WORKER) == null && (reply.status() == 502 || reply.status() == 503)
                        && crashRetries-- > 0) {
                    // the balancer itself answered: its worker died before answering (nginx already tried
                    // a second one) or none was reachable; one more try once a worker is up
                    retried.increment();
                    lastProblem = "the balancer answered " + reply.status();
                    continue;
                }
                deliver(item, reply, started);
                return;
            } catch (HttpClientConnection.NotAnsweredException e) {
                if (item.state.get() != RUNNING) {
                    return; // our own cancel or close ended the connection
                }
                if (e.duringSend() && connection.exchanges() > 0 && staleRetries-- > 0) {
                    continue; // a pooled connection the server had closed: nothing was sent
                }
                lastProblem = e.getMessage();
                if (crashRetries-- > 0) {
                    retried.increment();
                    if (backend != null) {
                        backend.markDown();
                        pool.evict(backend.address());
                        exclude = backend;
                    } else {
                        // the kernel (or nginx) picks the worker, so "another worker" cannot be named: give the
                        // dying worker's listening socket time to leave the SO_REUSEPORT group first
                        pool.evict(route.address());
                        pauseMillis(RETRY_PAUSE_MILLIS);
                    }
                    continue;
                }
                finish(item, null, OffloadException.workerCrashed(name + ": the worker died before answering, "
                        + "also on the retry: " + lastProblem));
                return;
            } catch (SocketTimeoutException e) {
                finish(item, null, OffloadException.timedOut(name + ": no answer from " + route.address() + " within "
                        + replyTimeoutMillis + " ms (task timeout plus " + settings.replyGraceMillis() + " ms grace)"));
                return;
            } catch (IOException e) {
                if (item.state.get() == RUNNING) {
                    finish(item, null, OffloadException.workerCrashed(name + ": " + e.getMessage()));
                }
                return;
            } finally {
                if (backend != null) {
                    backend.end();
                }
                item.connection = null;
            }
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

    /** Before a retry through a balancer that picks the worker itself. */
    static final long RETRY_PAUSE_MILLIS = 100;

    private static void pauseMillis(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Sleeps a little while waiting for a worker; false once the wait is over. */
    private boolean pause(long untilNanos) {
        if (nanoTime.getAsLong() - untilNanos > 0 || closed) {
            return false;
        }
        try {
            Thread.sleep(20);
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private void deliver(Item item, WorkerReply reply, long startedNanos) {
        String worker = reply.header(OffloadHeaders.WORKER);
        if (reply.status() == 200) {
            String checksum = reply.header(OffloadHeaders.CHECKSUM);
            if (checksum == null) {
                finish(item, null, OffloadException.workerCrashed(name + ": answer without "
                        + OffloadHeaders.CHECKSUM + " from " + worker));
                return;
            }
            if (worker != null) {
                answeredBy.computeIfAbsent(worker, w -> new LongAdder()).increment();
            }
            long workerQueue = parseLong(reply.header(OffloadHeaders.QUEUE_NANOS));
            long run = parseLong(reply.header(OffloadHeaders.RUN_NANOS));
            long clientQueue = Math.max(0L, startedNanos - item.submitNanos);
            finish(item, new TaskResult(reply.body(), Long.parseLong(checksum), clientQueue + workerQueue, run,
                    worker == null ? "?" : worker), null);
            return;
        }
        String failure = reply.header(OffloadHeaders.FAILURE);
        FailureKind kind;
        if (failure != null) {
            try {
                kind = FailureKind.valueOf(failure);
            } catch (IllegalArgumentException e) {
                kind = FailureKind.WORKER_CRASHED;
            }
        } else {
            // an answer from the balancer itself (nginx): its upstreams failed
            kind = switch (reply.status()) {
                case 400, 404, 413, 431 -> FailureKind.BAD_REQUEST;
                case 504 -> FailureKind.TIMED_OUT;
                default -> FailureKind.WORKER_CRASHED;
            };
        }
        String message = name + ": " + (worker == null ? "the balancer" : "worker " + worker) + " answered "
                + reply.status() + ": " + reply.bodyText();
        finish(item, null, new OffloadException(kind, message));
    }

    private static long parseLong(String v) {
        try {
            return v == null ? 0L : Math.max(0L, Long.parseLong(v));
        } catch (NumberFormatException e) {
            return 0L;
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
                queue.remove(item);
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
        List<Long> pids = new ArrayList<>(localWorkers == null ? List.of() : localWorkers.pids());
        for (AutoCloseable c : alsoClose) {
            if (c instanceof NginxBalancer nginx) {
                pids.addAll(nginx.pids());
            }
        }
        return pids;
    }

    @Override
    public OffloaderStats stats() {
        int q;
        int f;
        synchronized (admission) {
            q = queued;
            f = inFlight;
        }
        int workers = localWorkers != null ? (closed && closeResult != null ? 0 : localWorkers.alive())
                : (closeResult != null ? 0 : (int) router.backends().stream().filter(Backend::isUp).count());
        return new OffloaderStats(workers, q, f, completed.sum(), failed.sum(), timedOut.sum(), rejected.sum(),
                cancelled.sum(), localWorkers == null ? 0 : localWorkers.respawned(), health.abandoned());
    }

    /** Requests answered per worker id ({@code pid@host:port}), for evenness. */
    public Map<String, Long> answeredByWorker() {
        Map<String, Long> out = new TreeMap<>();
        answeredBy.forEach((k, v) -> out.put(k, v.sum()));
        return out;
    }

    /** Requests retried once on another worker after a worker died before answering. */
    public long retried() {
        return retried.sum();
    }

    /** The local workers, or null when the backends are remote. */
    public LocalWorkers localWorkers() {
        return localWorkers;
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
            List<Item> waiting = new ArrayList<>();
            for (Item i; (i = queue.poll()) != null; ) {
                waiting.add(i);
            }
            for (Item item : waiting) {
                if (item != POISON && item.state.get() == QUEUED) {
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
        for (int i = 0; i < lanes.size(); i++) {
            queue.add(POISON);
        }
        lanes.forEach(LockSupport::unpark);
        for (Thread lane : lanes) {
            try {
                lane.join(10_000);
                if (lane.isAlive()) {
                    lane.interrupt();
                    lane.join(5_000);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        health.close();
        pool.close();
        List<Exception> problems = new ArrayList<>();
        for (AutoCloseable c : alsoClose) {
            try {
                c.close();
            } catch (Exception e) {
                problems.add(e);
            }
        }
        if (localWorkers != null) {
            localWorkers.close();
        }
        closeResult = clean;
        if (!problems.isEmpty()) {
            IllegalStateException e = new IllegalStateException(name + ": closing its balancer failed: "
                    + problems.get(0).getMessage(), problems.get(0));
            problems.stream().skip(1).forEach(e::addSuppressed);
            throw e;
        }
        return clean;
    }

    /** One submitted task. */
    static final class Item {
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
