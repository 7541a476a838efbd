package org.offloadbench.cluster;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import org.offloadbench.cluster.balance.BalancePolicy;
import org.offloadbench.cluster.http.BackendAddress;
import org.offloadbench.cluster.local.WorkerPlacement;
import org.offloadbench.core.offload.OffloaderConfig;
import org.offloadbench.core.offload.options.ModelOptions;
import org.offloadbench.core.offload.options.OptionSpec;
import org.offloadbench.core.offload.options.OptionUnit;

/**
 * The options of the cluster models, declared in {@link #COMMON} (every cluster model) and {@link #EXTRA}
 * (those a model adds by name, e.g. {@code policy}), parsed and checked once. Unknown options and bad values
 * fail with the valid choices. {@code healthIntervalMs} is still accepted as the old name of
 * {@code healthIntervalMillis}.
 */
public record ClusterOptions(List<String> jvmOptions, int workerConcurrency, List<BackendAddress> backends,
                             boolean persistentConnections, long healthIntervalMillis,
                             List<WorkerPlacement> placements, BalancePolicy policy, int nginxWorkers) {

    public static final String DEFAULT_JVM_OPTIONS = "-Xms256m -Xmx256m -XX:+UseSerialGC -Xss512k";
    public static final String JVM_OPTIONS = "jvmOptions";
    public static final String WORKER_CONCURRENCY = "workerConcurrency";
    public static final String BACKENDS = "backends";
    public static final String CONNECTIONS = "connections";
    public static final String HEALTH_INTERVAL_MILLIS = "healthIntervalMillis";
    public static final String NETNS = "netns";
    public static final String POLICY = "policy";
    public static final String NGINX_WORKERS = "nginxWorkers";

    /** The options every cluster model accepts. */
    public static final List<OptionSpec> COMMON = List.of(
            OptionSpec.text(JVM_OPTIONS, DEFAULT_JVM_OPTIONS, "worker JVM options, whitespace-separated"),
            OptionSpec.integer(WORKER_CONCURRENCY, 1, 1, Integer.MAX_VALUE, OptionUnit.NONE,
                    "requests each worker runs at once"),
            OptionSpec.text(BACKENDS, null, "host:port,host:port: use workers already running there (started by "
                    + "hand) instead of local ones"),
            OptionSpec.choice(CONNECTIONS, "persistent", List.of("persistent", "per-request"),
                    "keep-alive connections, or a new connection for every request"),
            OptionSpec.integer(HEALTH_INTERVAL_MILLIS, 200, 1, Integer.MAX_VALUE, OptionUnit.MILLIS,
                    "pause between health-check rounds").withAlias("healthIntervalMs"),
            OptionSpec.text(NETNS, null, "ns:addr,...: start local workers inside these Linux network namespaces"));

    /** Options a model adds to {@link #COMMON} by name ({@link #parse}'s {@code extra}). */
    public static final List<OptionSpec> EXTRA = List.of(
            OptionSpec.choice(POLICY, BalancePolicy.ROUND_ROBIN.id(),
                    Arrays.stream(BalancePolicy.values()).map(BalancePolicy::id).toList(),
                    "how the balancer picks a worker: each in turn, or the one with the fewest requests in flight"),
            OptionSpec.integer(NGINX_WORKERS, 1, 1, Integer.MAX_VALUE, OptionUnit.NONE, "nginx worker processes"));

    /** {@link #COMMON} plus the named {@link #EXTRA} options: what one model accepts. */
    public static List<OptionSpec> specs(Set<String> extra) {
        List<OptionSpec> out = new ArrayList<>(COMMON);
        for (OptionSpec s : EXTRA) {
            if (extra.contains(s.name())) {
                out.add(s);
            }
        }
        if (out.size() != COMMON.size() + extra.size()) {
            throw new IllegalArgumentException("unknown extra cluster options in " + extra + "; declared: "
                    + EXTRA.stream().map(OptionSpec::name).toList());
        }
        return List.copyOf(out);
    }

    /** @param extra the options this model adds to {@link #COMMON}, by name (see {@link #EXTRA}) */
    public static ClusterOptions parse(String model, OffloaderConfig config, Set<String> extra) {
        ModelOptions o = ModelOptions.parse(model, specs(extra), config.options());
        List<String> jvm = Arrays.stream(o.text(JVM_OPTIONS).split("\\s+")).filter(s -> !s.isEmpty()).toList();
        List<BackendAddress> backends = o.isGiven(BACKENDS) ? BackendAddress.parseList(o.text(BACKENDS)) : List.of();
        List<WorkerPlacement> placements = o.isGiven(NETNS) ? WorkerPlacement.parseList(o.text(NETNS))
                : List.of(WorkerPlacement.LOOPBACK);
        if (!backends.isEmpty() && o.isGiven(NETNS)) {
            throw new IllegalArgumentException(model + ": give either backends (remote workers) or netns (local "
                    + "workers in namespaces), not both");
        }
        BalancePolicy policy = extra.contains(POLICY) ? BalancePolicy.parse(o.text(POLICY)) : BalancePolicy.ROUND_ROBIN;
        int nginxWorkers = extra.contains(NGINX_WORKERS) ? (int) o.integer(NGINX_WORKERS) : 1;
        return new ClusterOptions(jvm, (int) o.integer(WORKER_CONCURRENCY), backends,
                o.text(CONNECTIONS).equals("persistent"), o.integer(HEALTH_INTERVAL_MILLIS), placements, policy,
                nginxWorkers);
    }

    public boolean remote() {
        return !backends.isEmpty();
    }
}
