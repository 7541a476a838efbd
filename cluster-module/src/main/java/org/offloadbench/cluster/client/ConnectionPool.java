package org.offloadbench.cluster.client;

import java.io.IOException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.function.LongSupplier;
import org.offloadbench.cluster.http.BackendAddress;
import org.offloadbench.cluster.http.HttpClientConnection;

/**
 * Idle keep-alive connections per address. A connection idle for longer than {@code maxIdleNanos} is closed
 * instead of reused, so the client never sends on a connection the server is about to time out.
 */
final class ConnectionPool implements AutoCloseable {
    private final Map<BackendAddress, ConcurrentLinkedDeque<Idle>> idle = new ConcurrentHashMap<>();
    private final int connectTimeoutMillis;
    private final long maxIdleNanos;
    private final LongSupplier nanoTime;
    private volatile boolean closed;

    ConnectionPool(int connectTimeoutMillis, long maxIdleNanos, LongSupplier nanoTime) {
        this.connectTimeoutMillis = connectTimeoutMillis;
        this.maxIdleNanos = maxIdleNanos;
        this.nanoTime = nanoTime;
    }

    /** An idle connection to {@code address}, or a new one. */
    HttpClientConnection acquire(BackendAddress address) throws IOException {
        ConcurrentLinkedDeque<Idle> q = idle.get(address);
        if (q != null) {
            long now = nanoTime.getAsLong();
            Idle c;
            while ((c = q.pollLast()) != null) {
                if (!c.connection.isClosed() && now - c.sinceNanos < maxIdleNanos) {
                    return c.connection;
                }
                c.connection.close();
            }
        }
        return HttpClientConnection.open(address, connectTimeoutMillis, nanoTime);
    }

    /** Gives a healthy connection back for reuse. */
    void release(HttpClientConnection connection) {
        if (closed || connection.isClosed()) {
            connection.close();
            return;
        }
        idle.computeIfAbsent(connection.address(), a -> new ConcurrentLinkedDeque<>())
                .addLast(new Idle(connection, nanoTime.getAsLong()));
        if (closed) {
            connection.close();
        }
    }

    /** Closes idle connections to an address (its worker died). */
    void evict(BackendAddress address) {
        ConcurrentLinkedDeque<Idle> q = idle.remove(address);
        if (q != null) {
            q.forEach(c -> c.connection.close());
        }
    }

    @Override
    public void close() {
        closed = true;
        idle.values().forEach(q -> q.forEach(c -> c.connection.close()));
        idle.clear();
    }

    private record Idle(HttpClientConnection connection, long sinceNanos) {
    }
}
