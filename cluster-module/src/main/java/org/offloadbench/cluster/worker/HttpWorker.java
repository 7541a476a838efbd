package org.offloadbench.cluster.worker;

import java.io.IOException;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.StandardSocketOptions;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.LongSupplier;
import org.offloadbench.core.worker.TaskExecutor;
import org.offloadbench.core.workload.WorkloadCatalogue;

/**
 * The cluster worker: a small HTTP/1.1 keep-alive server on a plain {@link ServerSocket}, one thread per
 * connection, tasks run by {@link TaskDispatcher}.
 *
 * <p>Why hand-rolled: the JDK's {@code com.sun.net.httpserver} cannot set SO_REUSEPORT on its listening
 * socket (so it cannot serve {@code cluster/kernel}), and it cannot tell a request that its client hung up;
 * a {@link ServerSocket} can do both (SO_REUSEPORT through {@link StandardSocketOptions}, hang-up through the
 * connection thread's read). The protocol surface is four routes, so the server stays small; the measured
 * comparison with the JDK server is in the module's README.
 *
 * <pre>
 *   POST /v1/run/{workload}   body = input  -> 200, body = output, X-Offload-Checksum
 *   GET  /health              200 {"status":"up",...} (503 while draining)
 *   GET  /metrics             200 {requests, completed, failures, rejected, timedOut, abandoned, queueDepth, ...}
 *   errors                    400 malformed, 404 unknown path or workload, 405, 408 slow head, 411, 413 body
 *                             too large, 431 head too large, 500 workload failed, 503 queue full, 504 timeout
 * </pre>
 */
public final class HttpWorker implements AutoCloseable {
    private final HttpWorkerConfig config;
    private final WorkloadCatalogue catalogue;
    private final LongSupplier nanoTime;
    private final WorkerCounters counters = new WorkerCounters();
    private final TaskDispatcher dispatcher;
    private final List<ServerSocket> listeners = new ArrayList<>();
    private final Set<HttpConnection> connections = ConcurrentHashMap.newKeySet();
    private final AtomicInteger connectionSeq = new AtomicInteger();
    private final PrintStream log;
    /** Connection loops; unbounded like the connections themselves, idle threads end after a minute. */
    private final java.util.concurrent.ExecutorService connectionThreads = java.util.concurrent.Executors
            .newCachedThreadPool(r -> {
                Thread t = new Thread(r, "http-worker-conn-" + connectionSeq.incrementAndGet());
                t.setDaemon(true);
                return t;
            });
    /** Closes idle keep-alive connections; their reads carry no socket timeout (see HttpConnection). */
    private final java.util.concurrent.ScheduledExecutorService idleSweeper;
    private volatile boolean closed;
    private volatile boolean draining;
    private String id;

    private HttpWorker(HttpWorkerConfig config, TaskExecutor executor, LongSupplier nanoTime, PrintStream log) {
        this.config = config;
        this.catalogue = executor.catalogue();
        this.nanoTime = nanoTime;
        this.log = log;
        this.dispatcher = new TaskDispatcher(executor, config.concurrency(), config.maxQueued(),
                TimeUnit.MILLISECONDS.toNanos(config.abandonGraceMillis()), counters, nanoTime, this::log);
        this.idleSweeper = java.util.concurrent.Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "http-worker-idle-sweeper");
            t.setDaemon(true);
            return t;
        });
        long idleNanos = TimeUnit.MILLISECONDS.toNanos(config.idleTimeoutMillis());
        long periodMillis = Math.max(10, Math.min(1_000, config.idleTimeoutMillis() / 4));
        idleSweeper.scheduleWithFixedDelay(() -> {
            long now = nanoTime.getAsLong();
            connections.forEach(c -> c.closeIfIdle(now, idleNanos));
        }, periodMillis, periodMillis, TimeUnit.MILLISECONDS);
    }

    /**
     * Binds and starts accepting.
     *
     * @throws IOException when the address cannot be bound (the message names it)
     */
    public static HttpWorker start(HttpWorkerConfig config, TaskExecutor executor, PrintStream log)
            throws IOException {
        HttpWorker worker = new HttpWorker(Objects.requireNonNull(config, "config"), executor, System::nanoTime, log);
        try {
            worker.listeners.add(bind(config.host(), config.port(), config.reusePort()));
            if (config.adminPort() >= 0) {
                worker.listeners.add(bind(config.host(), config.adminPort(), false));
            }
        } catch (IOException e) {
            worker.close();
            throw e;
        }
        worker.id = ProcessHandle.current().pid() + "@" + config.host() + ":" + worker.port();
        for (ServerSocket listener : worker.listeners) {
            Thread t = new Thread(() -> worker.acceptLoop(listener), "http-worker-accept-" + listener.getLocalPort());
            t.setDaemon(true);
            t.start();
        }
        return worker;
    }

    private static ServerSocket bind(String host, int port, boolean reusePort) throws IOException {
        ServerSocket socket = new ServerSocket();
        try {
            socket.setReuseAddress(true);
            if (reusePort) {
                if (!socket.supportedOptions().contains(StandardSocketOptions.SO_REUSEPORT)) {
                    throw new IOException("SO_REUSEPORT is not supported on " + System.getProperty("os.name")
                            + "; cluster/kernel needs Linux");
                }
                socket.setOption(StandardSocketOptions.SO_REUSEPORT, true);
            }
            socket.bind(new InetSocketAddress(InetAddress.getByName(host), port), 1024);
            return socket;
        } catch (IOException e) {
            socket.close();
            throw new IOException("cannot listen on " + host + ":" + port + (reusePort ? " (SO_REUSEPORT)" : "")
                    + ": " + e.getMessage(), e);
        }
    }

    private void acceptLoop(ServerSocket listener) {
        while (!closed) {
            Socket socket;
            try {
                socket = listener.accept();
            } catch (IOException e) {
                if (!closed) {
                    log("accept on port " + listener.getLocalPort() + " failed: " + e);
                }
                return;
            }
            HttpConnection connection = new HttpConnection(socket, this);
            connections.add(connection);
            startConnectionThread(connection);
        }
    }

    /**
     * Runs a connection's loop on a pooled thread: a new connection, or one whose reader is busy with a long
     * inline task (then a thread per such request; pooled, so it is rarely a thread start).
     */
    void startConnectionThread(Runnable loop) {
        connectionThreads.execute(loop);
    }

    public int port() {
        return listeners.get(0).getLocalPort();
    }

    /** The admin listener's port, or -1 when there is none. */
    public int adminPort() {
        return listeners.size() > 1 ? listeners.get(1).getLocalPort() : -1;
    }

    /** {@code pid@host:port}, sent with every answer. */
    public String id() {
        return id;
    }

    /** From now on /health answers 503, so balancers stop sending before the worker goes. */
    public void drain() {
        draining = true;
    }

    HttpWorkerConfig config() {
        return config;
    }

    WorkloadCatalogue catalogue() {
        return catalogue;
    }

    LongSupplier nanoTime() {
        return nanoTime;
    }

    WorkerCounters counters() {
        return counters;
    }

    TaskDispatcher dispatcher() {
        return dispatcher;
    }

    boolean isClosed() {
        return closed;
    }

    boolean isDraining() {
        return draining;
    }

    void connectionClosed(HttpConnection connection) {
        connections.remove(connection);
    }

    void log(String line) {
        log.println("HttpWorker " + id + ": " + line);
    }

    /** Stops listening, closes every connection and stops the task threads. */
    @Override
    public void close() {
        closed = true;
        for (ServerSocket listener : listeners) {
            try {
                listener.close();
            } catch (IOException e) {
                log("closing listener failed: " + e);
            }
        }
        idleSweeper.shutdownNow();
        connections.forEach(HttpConnection::closeSocket);
        connectionThreads.shutdown(); // their sockets are closed: each loop ends on its own
        dispatcher.close();
    }
}
