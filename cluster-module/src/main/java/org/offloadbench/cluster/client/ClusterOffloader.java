package org.offloadbench.cluster.client;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.LongSupplier;
import org.offloadbench.cluster.http.HttpClientConnection;
import org.offloadbench.cluster.local.LocalWorkers;
import org.offloadbench.core.offload.FailureKind;
import org.offloadbench.core.offload.OffloadException;
import org.offloadbench.core.offload.Offloader;
import org.offloadbench.core.offload.OffloaderStats;
import org.offloadbench.core.offload.Task;
import org.offloadbench.core.offload.TaskResult;
import org.offloadbench.core.offload.support.LifecycleSettings;
import org.offloadbench.core.offload.support.TaskHandle;
import org.offloadbench.core.offload.support.TaskLifecycle;

/**
 * The client side of every HTTP cluster model: an {@link Offloader} that sends each task as
 * {@code POST /v1/run/{workload}} over a pool of keep-alive connections. The three balancers differ only in
 * their {@link Router} (this JVM picks a worker; the kernel picks one behind a shared port; nginx picks one).
 *
 * <p>A task's life is core's {@link TaskLifecycle}: admission against {@code lanes + queueCapacity} (a full
 * cluster rejects through the future the same way a thread pool does), exactly-once completion, the
 * counters, cancel and the close drain. What is this model's own: the {@link Lanes} (at most {@code lanes}
 * requests in flight, one lane thread each, blocking on its connection), the {@link RequestSender} (the
 * transport and its retry-once policy) and the {@link ClusterWorkers} (local workers, nginx, health checks).
 *
 * <p>A task counts as queued until its request reached a worker (the worker's interim 102, or the request
 * written where interim answers do not pass the balancer), then as in flight. Cancelling a queued task takes
 * it out of the lanes' queue, so it never reaches a worker; cancelling a running one closes its connection,
 * and the worker sees the hang-up and interrupts the task. Timeouts are enforced by the worker from the start
 * of execution (504 = {@code TIMED_OUT}); the client waits the timeout plus a grace as a backstop.
 */
public final class ClusterOffloader implements Offloader {
    /** When {@link #resendUnstarted} looks a second time. */
    static final long RESEND_RECHECK_NANOS = TimeUnit.MILLISECONDS.toNanos(500);
    private final String name;
    private final ClientSettings settings;
    private final Router router;
    private final ConnectionPool pool;
    private final ClusterWorkers workers;
    private final WorkerReplies replies;
    private final RequestSender sender;
    private final TaskLifecycle lifecycle;
    private final Lanes<HttpCall> lanes;
    /** The calls a lane is sending now. */
    private final Set<HttpCall> sending = ConcurrentHashMap.newKeySet();
    private final LongSupplier nanoTime;
    private volatile boolean stopped;

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
        // the workers time their tasks from the start of execution; a COPY input is cloned once admitted
        this.lifecycle = new TaskLifecycle(LifecycleSettings.of(name, settings.lanes() + settings.queueCapacity())
                .withClock(nanoTime).withTimesTasks(false), new Model());
        this.sender = new RequestSender(name, settings, router, pool, replies, LocalWorkers.RECOVERY, nanoTime,
                lifecycle::isClosed);
        this.lanes = new Lanes<>(settings.lanes(), name, this::runLane);
        workers.startHealthChecks();
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public CompletableFuture<TaskResult> submit(Task task) {
        return lifecycle.submit(task, null);
    }

    /** What the lifecycle asks of this model: queue a task for a lane, stop one ended from outside. */
    private final class Model implements TaskLifecycle.Model {
        @Override
        public void dispatch(TaskHandle handle) {
            HttpCall call = new HttpCall(handle);
            handle.attach(call);
            lanes.add(call);
        }

        @Override
        public void stopped(TaskHandle handle, TaskHandle.State from) {
            HttpCall call = (HttpCall) handle.attachment();
            if (call == null) {
                return;
            }
            lanes.remove(call); // still waiting: it never reaches a worker
            HttpClientConnection c = call.connection;
            if (c != null) {
                c.close(); // on its way or running: the worker sees the hang-up and interrupts the task
            }
        }

        @Override
        public String queueFullMessage() {
            return name + " queue is full: " + lifecycle.counters().inFlight() + " in flight, "
                    + lifecycle.counters().queueDepth() + " queued (capacity " + settings.queueCapacity() + ")";
        }
    }

    private void runLane(HttpCall call) {
        TaskHandle handle = call.handle;
        if (handle.isDone()) {
            return; // cancelled or failed by close while it waited
        }
        sending.add(call);
        try {
            WorkerReplies.Outcome outcome = sender.send(call, handle.submitNanos());
            if (outcome == null) {
                return; // its cancel or close decided it
            }
            if (outcome.failure() == null) {
                handle.complete(outcome.result());
            } else {
                handle.fail(outcome.failure());
            }
        } catch (RuntimeException e) {
            handle.fail(new OffloadException(FailureKind.WORKER_CRASHED, "client failure: " + e, e));
        } finally {
            sending.remove(call);
        }
    }

    /**
     * A worker behind the balancer died: resend every request that no worker has started yet (no 102), by
     * hanging up its connection, which the sender then sends again (twice at most for one task). For a
     * balancer that can hand a new connection to a worker that is dying: node's cluster primary (round-robin)
     * does so until it has seen the worker's exit, and nothing then answers or closes that connection. A
     * second look {@link #RESEND_RECHECK_NANOS} later catches a request whose connection was made before the
     * death was seen but was not yet on its call. A request that was only waiting at a live, busy worker runs
     * once more elsewhere; workloads are pure, so the answer is the same.
     *
     * @return the requests resent now
     */
    public int resendUnstarted() {
        long seenNanos = nanoTime.getAsLong();
        int resent = resendUnstarted(false, 0);
        lifecycle.timers().schedule(() -> resendUnstarted(true, seenNanos), RESEND_RECHECK_NANOS);
        return resent;
    }

    /** Resends the unstarted requests; with {@code onlyOlder}, those whose attempt began before {@code nanos}. */
    private int resendUnstarted(boolean onlyOlder, long nanos) {
        int resent = 0;
        for (HttpCall call : sending) {
            HttpClientConnection c = call.connection;
            if (!call.started && c != null && !call.stopped()
                    && (!onlyOlder || call.attemptNanos - nanos < 0)) {
                call.resend.set(true);
                c.close();
                resent++;
            }
        }
        return resent;
    }

    /** The local worker JVMs and, for {@code cluster/nginx}, nginx's master and workers (remote backends: none). */
    @Override
    public List<Long> workerPids() {
        return workers.pids();
    }

    @Override
    public OffloaderStats stats() {
        // respawns are the local workers' own count; abandoned tasks are what the workers' health answers report
        return lifecycle.stats(stopped ? 0 : workers.alive()).withRecovery(workers.respawned(), workers.abandoned());
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

    /**
     * Drains (core's lifecycle: accepted tasks finish until the timeout, the rest fail CLOSED), then stops the
     * lanes, the connections, the health checks, the balancer and the local workers.
     *
     * @throws IllegalStateException when closing the balancer failed (everything else is closed anyway)
     */
    @Override
    public boolean close(Duration timeout) {
        RuntimeException[] problem = new RuntimeException[1];
        boolean clean = lifecycle.close(timeout, deadlineNanos -> {
            lanes.stop();
            pool.close();
            try {
                workers.close();
            } catch (RuntimeException e) {
                problem[0] = e;
            } finally {
                stopped = true;
            }
        });
        if (problem[0] != null) {
            throw problem[0];
        }
        return clean;
    }

    /** One task on its way through a lane: the handle and the connection a cancel closes. */
    private static final class HttpCall implements RequestSender.Call {
        final TaskHandle handle;
        volatile HttpClientConnection connection;
        /** A worker has it (its 102, or written where interim answers do not pass the balancer). */
        volatile boolean started;
        /** {@link #resendUnstarted} closed its connection to send it again. */
        final AtomicBoolean resend = new AtomicBoolean();
        /** When the current attempt began, before its connection was taken or made. */
        volatile long attemptNanos;

        HttpCall(TaskHandle handle) {
            this.handle = handle;
        }

        @Override
        public Task task() {
            return handle.task();
        }

        @Override
        public byte[] input() {
            return handle.input();
        }

        @Override
        public boolean stopped() {
            return handle.isDone();
        }

        @Override
        public void connection(HttpClientConnection c) {
            if (c != null) {
                started = false; // a new attempt: no worker has this one yet, and no resend is asked for it
                resend.set(false);
            }
            connection = c;
        }

        @Override
        public void attempting(long nanos) {
            attemptNanos = nanos;
        }

        @Override
        public boolean takeResend() {
            return resend.getAndSet(false);
        }

        @Override
        public void sent() {
            started = true;
            handle.start(); // from now on it counts in flight; false (already ended) changes nothing here
        }
    }
}
