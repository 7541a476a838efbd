package org.offloadbench.cluster.grpc;

import org.offloadbench.core.offload.options.OptionUnit;
import org.offloadbench.core.offload.options.OptionSpec;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import org.offloadbench.cluster.ClusterOptions;
import org.offloadbench.cluster.http.BackendAddress;
import org.offloadbench.core.offload.OffloaderConfig;
import org.offloadbench.core.wire.FrameLimits;

/**
 * The options of cluster/grpc, parsed and checked once; an unknown option or a bad value fails with the
 * valid choices.
 *
 * <pre>
 *   jvmOptions=...          worker JVM options, space separated (the cluster workers' default)
 *   workerConcurrency=N     tasks each worker runs at once (1)
 *   backends=h:p,h:p        use gRPC workers already running there (GrpcWorkerMain started by hand)
 *   retry=on|off            retry a task once when its worker dies before answering (on)
 *   executor=direct|pool    where gRPC runs the client's callbacks: its transport thread (direct) or
 *                           gRPC's default shared pool, one more thread hand-off per reply (direct)
 *   maxPayloadBytes=N       largest input or output; gRPC's message limit follows it (64 MiB)
 *   deadlineMarginMillis=N      the call's deadline is the task's timeout plus this (30000)
 * </pre>
 */
record GrpcOptions(List<String> jvmOptions, int workerConcurrency, List<BackendAddress> backends, boolean retry,
                   boolean directExecutor, int maxPayloadBytes, long deadlineMarginMillis) {

    static final Set<String> VALID = Set.of("jvmOptions", "workerConcurrency", "backends", "retry", "executor",
            "maxPayloadBytes", "deadlineMarginMillis");

    /** What {@code bench list} prints and the runner checks; {@link #parse} applies the same rules. */
    static final List<OptionSpec> SPECS = List.of(
            OptionSpec.text("jvmOptions", ClusterOptions.DEFAULT_JVM_OPTIONS, "worker JVM options, space separated"),
            OptionSpec.integer("workerConcurrency", 1, 1, 4096, OptionUnit.NONE, "tasks each worker runs at once"),
            OptionSpec.text("backends", null, "host:port,... of gRPC workers already running (GrpcWorkerMain); "
                    + "none = start workers here"),
            OptionSpec.choice("retry", "on", List.of("on", "off"),
                    "retry a task once when its worker dies before answering"),
            OptionSpec.choice("executor", "direct", List.of("direct", "pool"),
                    "where the client's callbacks run: gRPC's transport thread, or its shared pool"),
            OptionSpec.integer("maxPayloadBytes", FrameLimits.DEFAULT_MAX_PAYLOAD_BYTES, 1,
                    FrameLimits.MAX_SUPPORTED_PAYLOAD_BYTES, OptionUnit.BYTES,
                    "largest input or output; gRPC's message limit follows it"),
            OptionSpec.integer("deadlineMarginMillis", 30_000, 1, 24L * 3600 * 1000, OptionUnit.MILLIS,
                    "the call's deadline is the task's timeout plus this (a backstop; the worker times the task)"));

    static GrpcOptions parse(String model, OffloaderConfig config) {
        config.requireOnly(model, VALID);
        List<String> jvm = Arrays.stream(config.option("jvmOptions", ClusterOptions.DEFAULT_JVM_OPTIONS).trim()
                .split("\\s+")).filter(s -> !s.isEmpty()).toList();
        int concurrency = (int) config.longOption(model, "workerConcurrency", 1, 1, 4096);
        List<BackendAddress> backends;
        try {
            backends = config.options().containsKey("backends")
                    ? BackendAddress.parseList(config.option("backends", "")) : List.of();
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(model + ": option backends: " + e.getMessage(), e);
        }
        boolean retry = choice(model, config, "retry", "on", List.of("on", "off")).equals("on");
        boolean direct = choice(model, config, "executor", "direct", List.of("direct", "pool")).equals("direct");
        int maxPayload = (int) config.longOption(model, "maxPayloadBytes", FrameLimits.DEFAULT_MAX_PAYLOAD_BYTES, 1,
                FrameLimits.MAX_SUPPORTED_PAYLOAD_BYTES);
        long margin = config.longOption(model, "deadlineMarginMillis", 30_000, 1, 24L * 3600 * 1000);
        return new GrpcOptions(jvm, concurrency, backends, retry, direct, maxPayload, margin);
    }

    private static String choice(String model, OffloaderConfig config, String key, String defaultValue,
                                 List<String> valid) {
        String v = config.option(key, defaultValue).trim();
        if (!valid.contains(v)) {
            throw new IllegalArgumentException(model + ": option " + key + "='" + v + "'; valid: "
                    + String.join(", ", valid));
        }
        return v;
    }

    boolean remote() {
        return !backends.isEmpty();
    }
}
