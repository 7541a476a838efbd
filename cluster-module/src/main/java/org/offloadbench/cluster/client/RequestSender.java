package org.offloadbench.cluster.client;

import java.io.IOException;
import java.net.SocketTimeoutException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.BooleanSupplier;
import java.util.function.LongSupplier;
import org.offloadbench.cluster.balance.Backend;
import org.offloadbench.cluster.client.WorkerReplies.Outcome;
import org.offloadbench.cluster.http.HttpClientConnection;
import org.offloadbench.cluster.http.OffloadHeaders;
import org.offloadbench.cluster.http.WorkerReply;
import org.offloadbench.core.offload.OffloadException;
import org.offloadbench.core.offload.Task;
import org.offloadbench.core.offload.transport.RecoveryPolicy;

/**
 * The transport of the HTTP cluster models: sends one task as {@code POST /v1/run/{workload}} on a lane's
 * thread and waits for its answer, with the models' recovery policy (core's {@link RecoveryPolicy}, retry once):
 * <ul>
 *   <li>a worker that dies before answering (the connection ends with no byte of a reply) is marked down and
 *       the request goes once more to another worker; workloads are pure, so this cannot change a result.
 *       Where the kernel or nginx picks the worker, "another" cannot be named: the retry waits
 *       {@link #RETRY_PAUSE_MILLIS} so the dying worker's socket leaves the SO_REUSEPORT group first;</li>
 *   <li>a 502/503 from the balancer itself (its worker died, or none was reachable) is retried once too;</li>
 *   <li>a pooled connection the server had closed before the request left is retried at once (twice at most:
 *       nothing was sent);</li>
 *   <li>while no worker is up (all respawning) it waits up to {@code noWorkerWaitMillis};</li>
 *   <li>no answer within the task's timeout plus {@code replyGraceMillis} is TIMED_OUT (the worker answers 504
 *       itself well before: this is only the backstop).</li>
 * </ul>
 */
final class RequestSender {
    /** Before a retry through a balancer that picks the worker itself. */
    static final long RETRY_PAUSE_MILLIS = 100;
    /** Resends of a request that never left because its pooled connection was stale. */
    private static final int STALE_RETRIES = 2;
    /** Resends asked for from outside ({@link Call#takeResend}): one per worker death seen, at most this many. */
    private static final int ASKED_RESENDS = 2;
    private static final long NO_WORKER_PAUSE_MILLIS = 20;

    /** What the sender needs of one task. */
    interface Call {
        Task task();

        /** The bytes to send (the client's copy of a COPY input). */
        byte[] input();

        /** Ended from outside (cancelled, cut short by close): stop sending, deliver nothing. */
        boolean stopped();

        /** The connection the request travels on now, or null; a cancel closes it (the worker then interrupts). */
        void connection(HttpClientConnection connection);

        /** The request reached a worker (its 102, or written where interim answers do not pass the balancer). */
        void sent();

        /** A new attempt begins now, before its connection is taken from the pool or made. */
        default void attempting(long nanos) {
        }

        /**
         * Whether its connection was closed from outside to send it again (and clears that): wherever the exchange
         * then failed, it goes out once more on a new connection.
         */
        default boolean takeResend() {
            return false;
        }
    }

    private final String model;
    private final ClientSettings settings;
    private final Router router;
    private final ConnectionPool pool;
    private final WorkerReplies replies;
    private final RecoveryPolicy recovery;
    private final LongSupplier nanoTime;
    private final BooleanSupplier closing;
    private final LongAdder retried = new LongAdder();

    RequestSender(String model, ClientSettings settings, Router router, ConnectionPool pool, WorkerReplies replies,
                  RecoveryPolicy recovery, LongSupplier nanoTime, BooleanSupplier closing) {
        this.model = model;
        this.settings = settings;
        this.router = router;
        this.pool = pool;
        this.replies = replies;
        this.recovery = recovery;
        this.nanoTime = nanoTime;
        this.closing = closing;
    }

    /** Requests retried once on another worker after a worker died before answering. */
    long retried() {
        return retried.sum();
    }

    /**
     * Sends the task until it has an outcome.
     *
     * @param submitNanos when the task was accepted: its wait in the client counts into its queue time
     * @return its outcome, or null when it was stopped from outside (its cancel or close decided it)
     */
    Outcome send(Call call, long submitNanos) {
        long started = nanoTime.getAsLong();
        Task task = call.task();
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Content-Type", "application/octet-stream");
        if (task.timeoutNanos() > 0) {
            headers.put(OffloadHeaders.TIMEOUT_NANOS, Long.toString(task.timeoutNanos()));
        }
        boolean notifyStart = settings.notifyStart();
        if (notifyStart) {
            headers.put(OffloadHeaders.NOTIFY_START, "true");
        }
        Runnable sent = call::sent;
        int replyTimeoutMillis = task.timeoutNanos() == 0 ? 0 : (int) Math.min(Integer.MAX_VALUE,
                TimeUnit.NANOSECONDS.toMillis(task.timeoutNanos()) + settings.replyGraceMillis());
        String path = OffloadHeaders.RUN_PATH + task.workloadId();
        Backend exclude = null;
        int sends = 1; // a retry goes out even while close drains: the drain waits for this task
        int staleRetries = STALE_RETRIES;
        int askedResends = ASKED_RESENDS;
        long waitUntil = started + TimeUnit.MILLISECONDS.toNanos(settings.noWorkerWaitMillis());
        String lastProblem = "no worker is up";
        while (!call.stopped()) {
            Route route = router.route(exclude);
            if (route == null) {
                if (!pause(waitUntil)) {
                    return Outcome.failed(OffloadException.workerCrashed(model + ": " + lastProblem + " ("
                            + router.describe() + ")"));
                }
                continue;
            }
            HttpClientConnection connection;
            call.attempting(nanoTime.getAsLong());
            try {
                connection = settings.persistentConnections() ? pool.acquire(route.address())
                        : HttpClientConnection.open(route.address(), settings.connectTimeoutMillis(), nanoTime);
            } catch (IOException e) {
                lastProblem = "cannot connect to " + route.address() + ": " + e.getMessage();
                if (route.backend() != null) {
                    route.backend().markDown();
                }
                if (!pause(waitUntil)) {
                    return Outcome.failed(OffloadException.workerCrashed(model + ": " + lastProblem));
                }
                continue;
            }
            call.connection(connection);
            if (call.stopped()) {
                connection.close(); // cancelled while connecting
                return null;
            }
            Backend backend = route.backend();
            if (backend != null) {
                backend.begin();
            }
            try {
                WorkerReply reply = connection.exchange("POST", path, headers, call.input(), replyTimeoutMillis,
                        !settings.persistentConnections(), notifyStart ? null : sent, notifyStart ? sent : null);
                if (settings.persistentConnections()) {
                    pool.release(connection);
                }
                if (reply.header(OffloadHeaders.WORKER) == null && (reply.status() == 502 || reply.status() == 503)
                        && recovery.mayRetry(sends, false)) {
                    sends++;
                    // the balancer itself answered: its worker died before answering (nginx already tried
                    // a second one) or none was reachable; one more try once a worker is up
                    retried.increment();
                    lastProblem = "the balancer answered " + reply.status();
                    continue;
                }
                return replies.decode(reply, Math.max(0L, started - submitNanos));
            } catch (HttpClientConnection.NotAnsweredException e) {
                if (call.stopped()) {
                    return null; // our own cancel or close ended the connection
                }
                if (call.takeResend() && askedResends-- > 0) {
                    retried.increment();
                    continue;
                }
                if (e.duringSend() && connection.exchanges() > 0 && staleRetries-- > 0) {
                    continue; // a pooled connection the server had closed: nothing was sent
                }
                lastProblem = e.getMessage();
                if (recovery.mayRetry(sends, false)) {
                    sends++;
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
                return Outcome.failed(OffloadException.workerCrashed(model + ": the worker died before answering, "
                        + "also on the retry: " + lastProblem));
            } catch (SocketTimeoutException e) {
                return Outcome.failed(OffloadException.timedOut(model + ": no answer from " + route.address()
                        + " within " + replyTimeoutMillis + " ms (task timeout plus " + settings.replyGraceMillis()
                        + " ms grace)"));
            } catch (IOException e) {
                if (!call.stopped() && call.takeResend() && askedResends-- > 0) {
                    retried.increment(); // closed by resendUnstarted between the first byte and the 102
                    continue;
                }
                return call.stopped() ? null : Outcome.failed(OffloadException.workerCrashed(model + ": "
                        + e.getMessage()));
            } finally {
                if (backend != null) {
                    backend.end();
                }
                call.connection(null);
            }
        }
        return null;
    }

    private static void pauseMillis(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Sleeps a little while waiting for a worker; false once the wait is over. */
    private boolean pause(long untilNanos) {
        if (nanoTime.getAsLong() - untilNanos > 0 || closing.getAsBoolean()) {
            return false;
        }
        try {
            Thread.sleep(NO_WORKER_PAUSE_MILLIS);
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
