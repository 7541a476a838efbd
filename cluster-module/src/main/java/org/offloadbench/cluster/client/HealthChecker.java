package org.offloadbench.cluster.client;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.LongSupplier;
import org.offloadbench.cluster.balance.Backend;
import org.offloadbench.cluster.http.HttpClientConnection;
import org.offloadbench.cluster.http.WorkerReply;

/**
 * Polls {@code GET /health} of every worker: a worker that does not answer 200 is marked down (balancers skip
 * it), one that answers again is marked up. It also sums the workers' {@code abandoned} counters (tasks whose
 * threads ignored an interrupt after a timeout or cancel), so the client's stats can show them.
 */
final class HealthChecker implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final List<Backend> backends;
    private final long intervalMillis;
    private final LongSupplier nanoTime;
    private final HttpClientConnection[] connections;
    private final long[] lastAbandoned;
    private final LongAdder abandoned = new LongAdder();
    private final Thread thread;
    private volatile boolean closed;

    HealthChecker(List<Backend> backends, long intervalMillis, String threadName, LongSupplier nanoTime) {
        this.backends = backends;
        this.intervalMillis = intervalMillis;
        this.nanoTime = nanoTime;
        this.connections = new HttpClientConnection[backends.size()];
        this.lastAbandoned = new long[backends.size()];
        this.thread = new Thread(this::loop, threadName);
        this.thread.setDaemon(true);
    }

    void start() {
        thread.start();
    }

    long abandoned() {
        return abandoned.sum();
    }

    private void loop() {
        while (!closed) {
            for (int i = 0; i < backends.size() && !closed; i++) {
                check(i);
            }
            try {
                Thread.sleep(intervalMillis);
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    private void check(int i) {
        Backend b = backends.get(i);
        HttpClientConnection c = connections[i];
        try {
            if (c == null || c.isClosed() || !c.address().equals(b.healthAddress())) {
                if (c != null) {
                    c.close();
                }
                c = HttpClientConnection.open(b.healthAddress(), 500, nanoTime);
                connections[i] = c;
            }
            WorkerReply reply = c.exchange("GET", "/health", Map.of(), new byte[0], 2_000, false);
            if (reply.status() != 200) {
                b.markDown();
                return;
            }
            JsonNode json = JSON.readTree(reply.body());
            long now = json.path("abandoned").asLong(0);
            long prev = lastAbandoned[i];
            abandoned.add(now >= prev ? now - prev : now); // a respawned worker starts from 0
            lastAbandoned[i] = now;
            b.markUp();
        } catch (IOException e) {
            b.markDown();
            if (c != null) {
                c.close();
            }
            connections[i] = null;
        }
    }

    @Override
    public void close() {
        closed = true;
        thread.interrupt();
        try {
            thread.join(5_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        for (HttpClientConnection c : connections) {
            if (c != null) {
                c.close();
            }
        }
    }
}
