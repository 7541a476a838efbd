package org.offloadbench.cluster.client;

import java.util.ArrayList;
import java.util.List;
import java.util.function.LongSupplier;
import org.offloadbench.cluster.balance.Backend;
import org.offloadbench.cluster.local.LocalWorkers;
import org.offloadbench.cluster.nginx.NginxBalancer;

/**
 * What an HTTP cluster model runs beside its client: the local worker JVMs (none when the backends are
 * remote), what else balances (nginx), and the health checker that marks backends up and down. Answers
 * the worker questions of the stats (alive, respawned, abandoned) and closes everything, the balancer first.
 */
final class ClusterWorkers {
    private final String model;
    private final Router router;
    private final LocalWorkers localWorkers;
    private final List<AutoCloseable> alsoClose;
    private final HealthChecker health;

    ClusterWorkers(String model, ClientSettings settings, Router router, LocalWorkers localWorkers,
                   List<AutoCloseable> alsoClose, LongSupplier nanoTime) {
        this.model = model;
        this.router = router;
        this.localWorkers = localWorkers;
        this.alsoClose = List.copyOf(alsoClose);
        this.health = new HealthChecker(router.backends(), settings.healthIntervalMillis(), model + "-health",
                nanoTime);
    }

    void startHealthChecks() {
        health.start();
    }

    /** The local workers, or null when the backends are remote. */
    LocalWorkers localWorkers() {
        return localWorkers;
    }

    /** Local workers alive, or remote backends up. */
    int alive() {
        return localWorkers != null ? localWorkers.alive()
                : (int) router.backends().stream().filter(Backend::isUp).count();
    }

    long respawned() {
        return localWorkers == null ? 0 : localWorkers.respawned();
    }

    /** Tasks the workers abandoned (they ignored an interrupt), as their health answers report. */
    long abandoned() {
        return health.abandoned();
    }

    /** The local worker JVMs and, for {@code cluster/nginx}, nginx's master and workers (remote backends: none). */
    List<Long> pids() {
        List<Long> pids = new ArrayList<>(localWorkers == null ? List.of() : localWorkers.pids());
        for (AutoCloseable c : alsoClose) {
            if (c instanceof NginxBalancer nginx) {
                pids.addAll(nginx.pids());
            }
        }
        return pids;
    }

    /**
     * Stops the health checks, the balancer and the local workers, all of them even when one fails.
     *
     * @throws IllegalStateException when closing the balancer failed (the workers are closed anyway)
     */
    void close() {
        health.close();
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
        if (!problems.isEmpty()) {
            IllegalStateException e = new IllegalStateException(model + ": closing its balancer failed: "
                    + problems.get(0).getMessage(), problems.get(0));
            problems.stream().skip(1).forEach(e::addSuppressed);
            throw e;
        }
    }
}
