package org.offloadbench.node;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.offloadbench.cluster.balance.Backend;
import org.offloadbench.cluster.client.ClientSettings;
import org.offloadbench.cluster.client.ClusterOffloader;
import org.offloadbench.cluster.client.Router;
import org.offloadbench.cluster.http.BackendAddress;
import org.offloadbench.core.offload.FailureKind;
import org.offloadbench.core.offload.OffloadException;
import org.offloadbench.core.offload.Offloader;
import org.offloadbench.core.offload.OffloaderStats;
import org.offloadbench.core.offload.Task;
import org.offloadbench.core.offload.TaskResult;
import org.offloadbench.core.wire.FrameLimits;
import org.offloadbench.core.workload.Checksums;

/**
 * {@code node/cluster}: the cluster module's HTTP client (bounded queue, a lane per request in flight,
 * keep-alive connections, the 102 start notice, health checks, one retry after a dead worker) pointed at node's
 * cluster primary, which hands each connection to a worker round-robin. Node's primary has one gap this class
 * closes: a connection that arrives after a worker died but before the primary saw its exit is handed to the
 * dead worker and then neither answered nor closed (here 9 times in 100 tries with a new connection right after
 * the death); on each respawn the primary reports, every request no worker has started (no 102) is resent
 * ({@link ClusterOffloader#resendUnstarted}). This class adds what is node's: the
 * supported workloads, the JVM's own checksum of every reply, and the workers, respawns and abandoned tasks as
 * the primary reports them.
 */
final class NodeClusterOffloader implements Offloader {
    private static final long HEALTH_INTERVAL_MILLIS = 1_000;

    private final String name;
    private final NodeClusterPrimary primary;
    private final ClusterOffloader client;
    private final AtomicLong refused = new AtomicLong();
    private volatile boolean closed;

    NodeClusterOffloader(NodeSettings s, Path node) {
        this.name = s.model();
        AtomicReference<ClusterOffloader> clientOnceBuilt = new AtomicReference<>();
        try {
            // node's primary hands new connections to a dead worker until it has seen its exit, and nothing
            // answers them: once it has, whatever no worker has started yet is resent
            primary = NodeClusterPrimary.start(node, s, FrameLimits.DEFAULT_MAX_PAYLOAD_BYTES, () -> {
                ClusterOffloader c = clientOnceBuilt.get();
                if (c != null) {
                    c.resendUnstarted();
                }
            });
        } catch (IOException e) {
            throw new OffloadException(FailureKind.UNAVAILABLE, name + ": " + e.getMessage(), e);
        }
        BackendAddress address = new BackendAddress("127.0.0.1", primary.port());
        List<Backend> backends = List.of(new Backend(0, address, address));
        Router router = Router.fixed(address, backends, "node cluster primary (round-robin over " + s.workers()
                + " workers)");
        ClientSettings settings = new ClientSettings(s.workers(), s.queueCapacity(), true, HEALTH_INTERVAL_MILLIS,
                2_000, 30_000, 10_000, true);
        client = new ClusterOffloader(name, settings, router, null, List.of(primary), System::nanoTime);
        clientOnceBuilt.set(client);
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public CompletableFuture<TaskResult> submit(Task task) {
        if (!closed && !NodeModels.supports(task.workloadId())) {
            refused.incrementAndGet();
            return CompletableFuture.failedFuture(OffloadException.badRequest(NodeModels.unsupported(name,
                    task.workloadId())));
        }
        Relay relay = new Relay(client.submit(task));
        relay.inner.whenComplete((r, e) -> {
            if (e != null) {
                relay.completeExceptionally(e);
            } else {
                // the worker sends checksum 0 (no CRC32C in JS): the JVM checksums the bytes it received
                relay.complete(new TaskResult(r.output(), Checksums.of(r.output()), r.queueNanos(), r.runNanos(),
                        r.workerId()));
            }
        });
        return relay;
    }

    @Override
    public OffloaderStats stats() {
        OffloaderStats s = client.stats();
        int workers = closed ? 0 : primary.workersAlive();
        return new OffloaderStats(workers, s.queueDepth(), s.inFlight(), s.completed(), s.failed() + refused.get(),
                s.timedOut(), s.rejected(), s.cancelled(), primary.respawned(), primary.abandoned());
    }

    @Override
    public List<Long> workerPids() {
        return closed ? List.of() : primary.pids();
    }

    @Override
    public boolean close(Duration timeout) {
        boolean clean = client.close(timeout); // closes the primary last, which ends its workers
        closed = true;
        return clean;
    }

    /** The caller's future: a cancel reaches the client's, which hangs up on the worker. */
    private static final class Relay extends CompletableFuture<TaskResult> {
        final CompletableFuture<TaskResult> inner;

        Relay(CompletableFuture<TaskResult> inner) {
            this.inner = inner;
        }

        @Override
        public boolean cancel(boolean mayInterruptIfRunning) {
            boolean cancelled = inner.cancel(mayInterruptIfRunning);
            super.cancel(mayInterruptIfRunning);
            return cancelled;
        }
    }
}
