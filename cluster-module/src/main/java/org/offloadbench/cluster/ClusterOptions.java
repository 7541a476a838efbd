package org.offloadbench.cluster;

import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.offloadbench.cluster.balance.BalancePolicy;
import org.offloadbench.cluster.http.BackendAddress;
import org.offloadbench.cluster.local.WorkerPlacement;
import org.offloadbench.core.offload.OffloaderConfig;

/**
 * The options of the cluster models, parsed and checked once. Unknown options and bad values fail with the
 * valid choices.
 *
 * <pre>
 *   jvmOptions=...            worker JVM options, space separated (default -Xms256m -Xmx256m -XX:+UseSerialGC)
 *   workerConcurrency=N       requests each worker runs at once (1)
 *   backends=h:p,h:p          use workers already running there (started by hand) instead of local ones
 *   connections=persistent    keep-alive connections, or per-request (a new connection for every request)
 *   healthIntervalMs=N        pause between health-check rounds (200)
 *   netns=ns:addr,...         start local workers inside these Linux network namespaces (the namespace test)
 *   policy=round-robin        or least-connections (cluster/primary, cluster/nginx)
 *   nginxWorkers=N            nginx worker processes (cluster/nginx, default 1)
 * </pre>
 */
public record ClusterOptions(List<String> jvmOptions, int workerConcurrency, List<BackendAddress> backends,
                             boolean persistentConnections, long healthIntervalMillis,
                             List<WorkerPlacement> placements, BalancePolicy policy, int nginxWorkers) {

    public static final String DEFAULT_JVM_OPTIONS = "-Xms256m -Xmx256m -XX:+UseSerialGC -Xss512k";

    static final Set<String> COMMON = Set.of("jvmOptions", "workerConcurrency", "backends", "connections",
            "healthIntervalMs", "netns");

    /** @param extra the options this model adds to {@link #COMMON} */
    public static ClusterOptions parse(String model, OffloaderConfig config, Set<String> extra) {
        Set<String> valid = new HashSet<>(COMMON);
        valid.addAll(extra);
        config.requireOnly(model, valid);
        List<String> jvm = Arrays.stream(config.option("jvmOptions", DEFAULT_JVM_OPTIONS).trim().split("\\s+"))
                .filter(s -> !s.isEmpty()).toList();
        int concurrency = positive(model, "workerConcurrency", config.option("workerConcurrency", "1"));
        List<BackendAddress> backends = config.options().containsKey("backends")
                ? BackendAddress.parseList(config.option("backends", "")) : List.of();
        String conn = config.option("connections", "persistent");
        if (!conn.equals("persistent") && !conn.equals("per-request")) {
            throw new IllegalArgumentException(model + ": connections='" + conn + "'; valid: persistent, per-request");
        }
        long health = positive(model, "healthIntervalMs", config.option("healthIntervalMs", "200"));
        List<WorkerPlacement> placements = config.options().containsKey("netns")
                ? WorkerPlacement.parseList(config.option("netns", "")) : List.of(WorkerPlacement.LOOPBACK);
        if (!backends.isEmpty() && config.options().containsKey("netns")) {
            throw new IllegalArgumentException(model + ": give either backends (remote workers) or netns (local "
                    + "workers in namespaces), not both");
        }
        BalancePolicy policy = BalancePolicy.parse(config.option("policy", "round-robin"));
        int nginxWorkers = positive(model, "nginxWorkers", config.option("nginxWorkers", "1"));
        return new ClusterOptions(jvm, concurrency, backends, conn.equals("persistent"), health, placements, policy,
                nginxWorkers);
    }

    private static int positive(String model, String name, String value) {
        try {
            int v = Integer.parseInt(value.trim());
            if (v >= 1) {
                return v;
            }
        } catch (NumberFormatException e) {
            // falls through to the message below, which names the option and its value
        }
        throw new IllegalArgumentException(model + ": " + name + " must be a positive integer, was '" + value + "'");
    }

    public boolean remote() {
        return !backends.isEmpty();
    }
}
