package org.offloadbench.cluster;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.StandardSocketOptions;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.offloadbench.cluster.balance.Backend;
import org.offloadbench.cluster.client.ClientSettings;
import org.offloadbench.cluster.client.ClusterOffloader;
import org.offloadbench.cluster.client.Router;
import org.offloadbench.cluster.http.BackendAddress;
import org.offloadbench.cluster.local.LocalWorkers;
import org.offloadbench.cluster.nginx.NginxBalancer;
import org.offloadbench.core.offload.Availability;
import org.offloadbench.core.offload.FailureKind;
import org.offloadbench.core.offload.ModelTraits;
import org.offloadbench.core.offload.OffloadException;
import org.offloadbench.core.offload.OffloaderConfig;

/** Builds the three cluster models: workers (local or remote), a router, the client. */
public final class ClusterModels {
    public static final String KERNEL = "cluster/kernel";
    public static final String PRIMARY = "cluster/primary";
    public static final String NGINX = "cluster/nginx";

    static final Duration WORKER_START_TIMEOUT = Duration.ofSeconds(60);

    private ClusterModels() {
    }

    static ModelTraits traits(String operationalParts, String nodeAnalog) {
        return new ModelTraits("cluster", "own process and heap per worker (may be another host)",
                "one worker JVM; requests it had not answered are retried once on another worker", false,
                operationalParts, nodeAnalog);
    }

    static Availability kernelAvailability() {
        if (!System.getProperty("os.name", "").toLowerCase(Locale.ROOT).contains("linux")) {
            return Availability.no("SO_REUSEPORT load balancing needs Linux; this is " + System.getProperty("os.name"));
        }
        try (ServerSocket s = new ServerSocket()) {
            if (!s.supportedOptions().contains(StandardSocketOptions.SO_REUSEPORT)) {
                return Availability.no("this JDK does not offer SO_REUSEPORT on server sockets");
            }
        } catch (IOException e) {
            return Availability.no("cannot open a server socket: " + e.getMessage());
        }
        return Availability.yes();
    }

    static Availability nginxAvailability() {
        return NginxBalancer.findBinary().isPresent() ? Availability.yes()
                : Availability.no("nginx not found on PATH or in /usr/sbin; install it (Debian: apt-get install nginx)");
    }

    /** The options each model adds to {@link ClusterOptions#COMMON}. */
    static final Set<String> KERNEL_EXTRA = Set.of();
    static final Set<String> PRIMARY_EXTRA = Set.of(ClusterOptions.POLICY);
    static final Set<String> NGINX_EXTRA = Set.of(ClusterOptions.POLICY, ClusterOptions.NGINX_WORKERS);

    /** The kernel model's options, checked; starts nothing. */
    static ClusterOptions kernelOptions(OffloaderConfig config) {
        ClusterOptions o = ClusterOptions.parse(KERNEL, config, KERNEL_EXTRA);
        if (o.remote()) {
            throw new IllegalArgumentException(KERNEL + ": backends is not valid here: SO_REUSEPORT shares a port "
                    + "between processes of one host; use cluster/primary or cluster/nginx for remote workers");
        }
        return o;
    }

    static ClusterOffloader kernel(OffloaderConfig config) {
        ClusterOptions o = kernelOptions(config);
        Availability a = kernelAvailability();
        if (!a.available()) {
            throw new OffloadException(FailureKind.UNAVAILABLE, KERNEL + ": " + a.reason());
        }
        LocalWorkers workers = startLocal(KERNEL, config, o, true);
        Router router = Router.fixed(new BackendAddress(workers.sharedHost(), workers.sharedPort()),
                workers.backends(), "kernel (SO_REUSEPORT)");
        // two persistent connections may land on one worker (that is kernel balancing), where the second
        // waits: here "in flight" means "sent to a worker", not "running"
        return new ClusterOffloader(KERNEL, settings(config, o, false), router, workers, List.of(), System::nanoTime);
    }

    static ClusterOffloader primary(OffloaderConfig config) {
        ClusterOptions o = ClusterOptions.parse(PRIMARY, config, PRIMARY_EXTRA);
        LocalWorkers workers = o.remote() ? null : startLocal(PRIMARY, config, o, false);
        List<Backend> backends = workers != null ? workers.backends() : remoteBackends(o);
        return new ClusterOffloader(PRIMARY, settings(config, o, true), Router.primary(backends, o.policy()), workers,
                List.of(), System::nanoTime);
    }

    static ClusterOffloader nginx(OffloaderConfig config) {
        ClusterOptions o = ClusterOptions.parse(NGINX, config, NGINX_EXTRA);
        Path binary = NginxBalancer.findBinary().orElseThrow(() -> new OffloadException(FailureKind.UNAVAILABLE,
                NGINX + ": " + nginxAvailability().reason()));
        LocalWorkers workers = o.remote() ? null : startLocal(NGINX, config, o, false);
        List<Backend> backends = workers != null ? workers.backends() : remoteBackends(o);
        List<BackendAddress> addresses = backends.stream().map(Backend::address).toList();
        NginxBalancer nginx;
        try {
            nginx = NginxBalancer.start(binary, addresses, o.policy(), o.nginxWorkers(), 64 * 1024 * 1024);
        } catch (IOException e) {
            if (workers != null) {
                workers.close();
            }
            throw new OffloadException(FailureKind.UNAVAILABLE, NGINX + ": " + e.getMessage(), e);
        }
        Router router = Router.fixed(nginx.address(), backends, "nginx (" + o.policy().id() + ")");
        // nginx 1.22 takes an upstream's interim 102 for the final status line, so through nginx "in flight"
        // means "sent" rather than "running"
        return new ClusterOffloader(NGINX, settings(config, o, false), router, workers, List.of(nginx), System::nanoTime);
    }

    private static List<Backend> remoteBackends(ClusterOptions o) {
        List<Backend> out = new ArrayList<>();
        for (int i = 0; i < o.backends().size(); i++) {
            out.add(new Backend(i, o.backends().get(i), o.backends().get(i)));
        }
        return out;
    }

    private static LocalWorkers startLocal(String model, OffloaderConfig config, ClusterOptions o, boolean sharePort) {
        try {
            return LocalWorkers.start(new LocalWorkers.Spec(config.workers(), o.workerConcurrency(), o.jvmOptions(),
                    sharePort, o.placements(), WORKER_START_TIMEOUT), model, System::nanoTime);
        } catch (IOException e) {
            throw new OffloadException(FailureKind.UNAVAILABLE, model + ": workers did not start: " + e.getMessage(), e);
        }
    }

    private static ClientSettings settings(OffloaderConfig config, ClusterOptions o, boolean notifyStart) {
        int backends = o.remote() ? o.backends().size() : config.workers();
        return new ClientSettings(backends * o.workerConcurrency(), config.queueCapacity(), o.persistentConnections(),
                o.healthIntervalMillis(), 2_000, 30_000, 10_000, notifyStart);
    }
}
