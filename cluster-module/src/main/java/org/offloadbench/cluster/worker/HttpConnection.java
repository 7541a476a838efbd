package org.offloadbench.cluster.worker;

import java.io.EOFException;
import java.io.IOException;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.function.LongSupplier;
import org.offloadbench.cluster.http.HttpInput;
import org.offloadbench.cluster.http.HttpProtocolException;
import org.offloadbench.cluster.http.OffloadHeaders;
import org.offloadbench.core.offload.FailureKind;
import org.offloadbench.core.wire.Frame;
import org.offloadbench.core.workload.WorkloadCatalogue;

/**
 * One keep-alive connection of a worker. Its thread reads requests and, when a slot is free, runs them
 * itself (inline: no thread hand-off on the way in or out); a request that must wait for a slot goes to a
 * task thread. The answer is written by whichever thread produces it (connection, task or watchdog). While a
 * request runs on another thread, the connection thread goes straight back to reading, which is how the
 * worker learns that the client hung up (end of stream) and cancels the request, instead of computing an
 * answer nobody will read; a request that runs inline for longer than a millisecond gets the same, because
 * the loop then moves to a new thread (see {@link TaskDispatcher#runInline}).
 *
 * <p>Requests on one connection are answered in order: a pipelined request waits for the one before it.
 */
final class HttpConnection implements Runnable {
    private final Socket socket;
    private final HttpWorker worker;
    private final HttpWorkerConfig config;
    private final WorkloadCatalogue catalogue;
    private final LongSupplier nanoTime;
    /** Set once by run(); then used by one thread at a time (the one that holds the loop). */
    private HttpInput in;
    private ResponseWriter writer;
    private long nextRequestId = 1;
    private static final long NOT_IDLE = Long.MIN_VALUE;
    /** When the loop began waiting for the next request's first byte, or NOT_IDLE. */
    private volatile long waitingSinceNanos = NOT_IDLE;
    /** The answer of the request before that wait; the connection is idle only once it is written. */
    private volatile CompletableFuture<Void> pendingAnswerNow = CompletableFuture.completedFuture(null);
    private volatile long lastAnswerNanos;
    /** Set once an answer said Connection: close; the loop ends after it. */
    private volatile boolean closing;

    HttpConnection(Socket socket, HttpWorker worker) {
        this.socket = socket;
        this.worker = worker;
        this.config = worker.config();
        this.catalogue = worker.catalogue();
        this.nanoTime = worker.nanoTime();
    }

    @Override
    public void run() {
        worker.counters().connections.increment();
        try {
            socket.setTcpNoDelay(true);
            in = new HttpInput(socket, 16 * 1024, nanoTime);
            writer = new ResponseWriter(socket.getOutputStream(), worker.id(), worker.counters());
        } catch (IOException e) {
            worker.log("a new connection failed before its first request: " + e);
            worker.connectionClosed(this);
            closeSocket();
            return;
        }
        serve(null, CompletableFuture.completedFuture(null));
    }

    /**
     * The connection's loop, from a request still running ({@code pending}, may be null) on. It ends with the
     * connection, or when this thread runs a request inline for so long that another thread took the loop
     * over (see {@link TaskDispatcher#runInline}); only the thread that ends the connection closes it.
     */
    private void serve(WorkerJob pending, CompletableFuture<Void> pendingAnswer) {
        boolean owner = true;
        try {
            while (!worker.isClosed()) {
                boolean more;
                // an untimed read: a socket timeout here would make every later read a non-blocking read,
                // an EAGAIN and a poll (two more system calls per request, measured with strace); the idle
                // limit is enforced by the worker's sweeper instead (closeIfIdle), which closes the socket
                pendingAnswerNow = pendingAnswer;
                if (!in.hasBuffered()) {
                    waitingSinceNanos = nanoTime.getAsLong();
                }
                try {
                    more = in.awaitByte(0);
                } catch (IOException reset) {
                    more = false;
                } finally {
                    waitingSinceNanos = NOT_IDLE;
                }
                if (!more) {
                    if (pending != null && !pendingAnswer.isDone()) {
                        worker.dispatcher().cancel(pending);
                    }
                    break;
                }
                awaitQuietly(pendingAnswer); // pipelined: answer in order
                CompletableFuture<Void> answered = new CompletableFuture<>();
                WorkerJob job = serveOne(in, answered);
                if (job == HANDED_OFF) {
                    owner = false;
                    return; // another thread reads this connection now; this one ran a long task
                }
                boolean ended = job == null && !answered.isDone();
                if (job == null) {
                    answered.complete(null); // answered at once, or not at all
                }
                pending = job;
                pendingAnswer = answered;
                if (closing || ended) {
                    break; // the request ended the connection
                }
            }
        } catch (IOException | RuntimeException e) {
            // the connection is broken; a running request loses its reader, so it is cancelled below
            if (pending != null && !pendingAnswer.isDone()) {
                worker.dispatcher().cancel(pending);
            }
        } finally {
            if (owner) {
                awaitQuietly(pendingAnswer);
                worker.connectionClosed(this);
                closeSocket();
            }
        }
    }

    /** What {@link #serveOne} returns when the connection now belongs to another thread. */
    private static final WorkerJob HANDED_OFF = new WorkerJob(null, null, 0L);

    /**
     * Reads and serves one request.
     *
     * @return the dispatched job, null when the request was answered at once ({@code answered} is then
     * complete unless the connection must close), or {@link #HANDED_OFF}
     */
    private WorkerJob serveOne(HttpInput in, CompletableFuture<Void> answered)
            throws IOException {
        HttpInput.Head head;
        try {
            head = in.readHead(config.maxHeadBytes(), nanoTime.getAsLong() + config.headTimeoutMillis() * 1_000_000L);
        } catch (SocketTimeoutException slow) {
            reject(408, FailureKind.BAD_REQUEST, "request head not complete within "
                    + config.headTimeoutMillis() + " ms", true);
            return null;
        } catch (HttpProtocolException bad) {
            reject(bad.status(), FailureKind.BAD_REQUEST, bad.getMessage(), true);
            return null;
        } catch (EOFException gone) {
            return null;
        }
        String[] parts = head.startLine().split(" ", -1);
        if (parts.length != 3 || parts[0].isEmpty() || !parts[1].startsWith("/")) {
            reject(400, FailureKind.BAD_REQUEST, "malformed request line '" + cut(head.startLine())
                    + "'; expected METHOD /path HTTP/1.1", true);
            return null;
        }
        if (!parts[2].equals("HTTP/1.1") && !parts[2].equals("HTTP/1.0")) {
            reject(505, FailureKind.BAD_REQUEST, "unsupported protocol '" + cut(parts[2]) + "'; use HTTP/1.1", true);
            return null;
        }
        boolean close = head.wantsClose() || parts[2].equals("HTTP/1.0");
        String method = parts[0];
        String path = parts[1];
        int query = path.indexOf('?');
        if (query >= 0) {
            path = path.substring(0, query);
        }
        int bodyBytes;
        try {
            bodyBytes = head.contentLength(config.maxBodyBytes());
        } catch (HttpProtocolException e) {
            // the body was not read, so the connection cannot be reused
            reject(e.status(), FailureKind.BAD_REQUEST, e.getMessage(), true);
            return null;
        }
        byte[] body;
        try {
            body = in.readBody(bodyBytes, nanoTime.getAsLong() + config.bodyTimeoutMillis() * 1_000_000L);
        } catch (SocketTimeoutException slow) {
            reject(408, FailureKind.BAD_REQUEST, "request body of " + bodyBytes + " bytes not complete within "
                    + config.bodyTimeoutMillis() + " ms", true);
            return null;
        }
        if (path.equals("/health") || path.equals("/metrics")) {
            if (!method.equals("GET")) {
                reject(405, FailureKind.BAD_REQUEST, path + " answers GET only", close, "Allow", "GET");
            } else {
                int status = path.equals("/health") && worker.isDraining() ? 503 : 200;
                Map<String, Object> body2 = worker.counters().snapshot(worker.dispatcher());
                body2.put("status", status == 200 ? "up" : "draining");
                writer.json(status, body2, close);
            }
            answered.complete(null);
            closing |= close;
            return null;
        }
        if (!path.startsWith(OffloadHeaders.RUN_PATH)) {
            reject(404, FailureKind.BAD_REQUEST, "no such path '" + cut(path) + "'; valid: POST "
                    + OffloadHeaders.RUN_PATH + "{workload}, GET /health, GET /metrics", close);
            answered.complete(null);
            return null;
        }
        if (!method.equals("POST")) {
            reject(405, FailureKind.BAD_REQUEST, OffloadHeaders.RUN_PATH + "{workload} answers POST only",
                    close, "Allow", "POST");
            answered.complete(null);
            return null;
        }
        String workloadId = path.substring(OffloadHeaders.RUN_PATH.length());
        if (!catalogue.contains(workloadId)) {
            reject(404, FailureKind.BAD_REQUEST, "unknown workload '" + cut(workloadId) + "'; valid: "
                    + String.join(", ", catalogue.ids()), close);
            answered.complete(null);
            return null;
        }
        long timeoutNanos;
        try {
            String t = head.header(OffloadHeaders.TIMEOUT_NANOS.toLowerCase(java.util.Locale.ROOT));
            timeoutNanos = t == null ? 0L : Long.parseLong(t.trim());
            if (timeoutNanos < 0) {
                throw new NumberFormatException("negative");
            }
        } catch (NumberFormatException e) {
            reject(400, FailureKind.BAD_REQUEST, OffloadHeaders.TIMEOUT_NANOS
                    + " must be a non-negative integer (nanoseconds)", close);
            answered.complete(null);
            return null;
        }
        worker.counters().requests.increment();
        Frame.Request request = new Frame.Request(nextRequestId++, workloadId, timeoutNanos, body);
        boolean notifyStart = "true".equals(head.header(OffloadHeaders.NOTIFY_START.toLowerCase(java.util.Locale.ROOT)));
        java.util.function.Consumer<Frame> onAnswer = frame -> {
            try {
                answer(frame, close);
            } finally {
                lastAnswerNanos = nanoTime.getAsLong();
                answered.complete(null);
            }
        };
        WorkerJob inline = worker.dispatcher().claimInline(request, onAnswer);
        if (inline != null) {
            // a free slot: run it on this thread (no hand-off); if it runs long, the watchdog gives the loop to
            // a new thread, which notices a hang-up, and sends the 102 only then (short tasks never need one)
            boolean kept = worker.dispatcher().runInline(inline, () -> {
                if (notifyStart) {
                    interim();
                }
                worker.startConnectionThread(() -> serve(inline, answered));
            });
            return kept ? null : HANDED_OFF;
        }
        Runnable onStart = notifyStart ? this::interim : null;
        WorkerJob job = worker.dispatcher().submit(request, onStart, onAnswer);
        if (job != null) {
            try {
                worker.dispatcher().awaitBegun(job);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException("interrupted while starting a task", e);
            }
        }
        if (job == null) {
            reject(503, FailureKind.REJECTED, "worker queue is full (" + config.concurrency() + " running, "
                    + config.maxQueued() + " queued)", close, "Retry-After", "1");
            answered.complete(null);
        }
        return job;
    }

    private void answer(Frame frame, boolean close) {
        try {
            if (frame instanceof Frame.Error) {
                closing |= close;
            }
            writer.answer(frame, close);
            if (close) {
                closeSocket();
            }
        } catch (IOException gone) {
            // the client left before its answer: nothing to deliver to, the socket is closed below
            closeSocket();
        }
    }

    private void interim() {
        try {
            writer.interim();
        } catch (IOException gone) {
            closeSocket(); // the client left; the connection thread sees it and cancels the task
        }
    }

    private void reject(int status, FailureKind kind, String message, boolean close, String... extra)
            throws IOException {
        closing |= close;
        writer.reject(status, kind, message, close, extra);
    }

    /** Sweeper: closes this connection if it has waited for a request for {@code idleNanos} or more. */
    void closeIfIdle(long nowNanos, long idleNanos) {
        long since = waitingSinceNanos;
        if (since == NOT_IDLE || !pendingAnswerNow.isDone()) {
            return; // reading a request, or a request is running: busy
        }
        long answered = lastAnswerNanos;
        if (answered - since > 0) {
            since = answered; // the wait began while a request ran: idle from its answer on
        }
        if (nowNanos - since >= idleNanos) {
            closeSocket(); // the loop's read ends, and the loop closes the connection as any hang-up
        }
    }

    void closeSocket() {
        try {
            socket.close();
        } catch (IOException e) {
            worker.log("closing a connection failed: " + e);
        }
    }

    private static void awaitQuietly(CompletableFuture<Void> f) {
        try {
            f.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException e) {
            throw new IllegalStateException("an answer callback failed", e.getCause());
        }
    }

    private static String cut(String s) {
        return s.length() <= 80 ? s : s.substring(0, 80) + "...";
    }
}
