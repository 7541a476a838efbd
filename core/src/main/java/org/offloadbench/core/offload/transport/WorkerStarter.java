package org.offloadbench.core.offload.transport;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.offloadbench.core.measure.NanoClock;
import org.offloadbench.core.offload.FailureKind;
import org.offloadbench.core.offload.OffloadException;
import org.offloadbench.core.worker.StartRetry;

/**
 * Starts the workers of a {@link TransportPool}: the warm-up (all launched at once, then awaited, each with the
 * policy's start guard) and every respawn, with the {@link RecoveryPolicy}'s backoff and its give-up rule. Its
 * counters are guarded by the pool's lock.
 */
final class WorkerStarter {
    private final TransportPool pool;
    private final PoolSettings settings;
    private final Transport transport;
    private final AtomicInteger launches = new AtomicInteger();
    private final ScheduledThreadPoolExecutor spawner;
    private int spawning;
    private int consecutiveStartFailures;
    private String gaveUpReason;

    WorkerStarter(TransportPool pool, PoolSettings settings, Transport transport) {
        this.pool = pool;
        this.settings = settings;
        this.transport = transport;
        AtomicInteger n = new AtomicInteger();
        this.spawner = new ScheduledThreadPoolExecutor(Math.min(settings.workers(), 4), r -> {
            Thread t = new Thread(r, settings.model() + "-spawner-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        spawner.setRemoveOnCancelPolicy(true);
    }

    /** Why respawning stopped, or null. Under the pool's lock. */
    String gaveUpReason() {
        return gaveUpReason;
    }

    /** Starts under way now. Under the pool's lock. */
    int spawning() {
        return spawning;
    }

    /** Starts every worker of the warm pool; returns them ready, or throws UNAVAILABLE having stopped them all. */
    List<PoolWorker> warmUp() {
        // launch all first, then wait for each: the workers boot in parallel
        List<Transport.Launch> launched = new ArrayList<>();
        try {
            for (int i = 0; i < settings.workers(); i++) {
                launched.add(transport.launch(launches.getAndIncrement()));
            }
        } catch (IOException e) {
            launched.forEach(Transport.Launch::abort);
            throw new OffloadException(FailureKind.UNAVAILABLE, settings.model() + ": cannot start a worker: "
                    + e.getMessage(), e);
        }
        List<String> problems = new ArrayList<>();
        List<PoolWorker> ready = new ArrayList<>();
        // a worker killed (or failing) while it starts is started again with the respawn backoff; only
        // maxStartFailures failed starts in a row make the pool unavailable
        StartRetry retry = settings.recovery().warmUpRetry(NanoClock.system());
        for (Transport.Launch l : launched) {
            try {
                ready.add(retry.start(attempt -> awaitReady(attempt == 1 ? l : launch()),
                        (attempt, failure) -> System.err.println(settings.model() + ": a worker did not start "
                                + "(attempt " + attempt + "), starting another: " + failure.getMessage())));
            } catch (IOException e) {
                problems.add(e.getMessage());
            }
        }
        if (!problems.isEmpty()) {
            ready.forEach(w -> w.worker.kill());
            ready.forEach(w -> w.worker.close(Duration.ZERO));
            throw new OffloadException(FailureKind.UNAVAILABLE, settings.model() + ": " + problems.size() + " of "
                    + settings.workers() + " workers did not start: " + problems.get(0));
        }
        return ready;
    }

    private Transport.Launch launch() throws IOException {
        return transport.launch(launches.getAndIncrement());
    }

    private PoolWorker awaitReady(Transport.Launch l) throws IOException {
        TransportWorker worker = l.awaitReady();
        return new PoolWorker(worker, l.spawnNanos(), settings.nanoTime().getAsLong());
    }

    /** Asks for one more worker, after the policy's backoff; nothing once closing or given up. */
    void scheduleRespawn() {
        synchronized (pool.lock) {
            if (pool.isClosing() || gaveUpReason != null) {
                return;
            }
            long delay = settings.recovery().respawnDelayNanos(consecutiveStartFailures);
            spawning++;
            spawner.schedule(this::respawn, delay, TimeUnit.NANOSECONDS);
        }
    }

    private void respawn() {
        PoolWorker worker = null;
        String failure = null;
        try {
            worker = awaitReady(launch());
        } catch (IOException e) {
            failure = e.getMessage();
        }
        boolean again = false;
        boolean gaveUp = false;
        boolean closing;
        synchronized (pool.lock) {
            spawning--;
            closing = pool.isClosing();
            if (worker != null && !closing) {
                consecutiveStartFailures = 0;
                pool.respawned();
                pool.adopt(worker);
            } else if (worker == null && !closing) {
                consecutiveStartFailures++;
                if (settings.recovery().givesUp(consecutiveStartFailures)) {
                    gaveUpReason = settings.model() + " stopped respawning after " + consecutiveStartFailures
                            + " consecutive worker start failures; the last: " + failure;
                    gaveUp = true;
                } else {
                    again = true;
                }
            }
            pool.lock.notifyAll();
        }
        if (worker != null && closing) {
            worker.worker.close(Duration.ZERO);
            return;
        }
        if (gaveUp) {
            System.err.println(gaveUpReason);
            pool.failQueueIfNoWorkerLeft();
        }
        if (again) {
            scheduleRespawn();
        }
        pool.pump();
    }

    /** Stops starting workers: a start under way finishes, and its worker is closed at once. */
    void shutdown() {
        spawner.shutdownNow();
    }

    void awaitStopped() {
        try {
            if (!spawner.awaitTermination(30, TimeUnit.SECONDS)) {
                System.err.println(settings.model() + ": the spawner did not stop within 30 s: " + spawner);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
