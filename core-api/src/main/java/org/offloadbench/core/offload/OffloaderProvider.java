package org.offloadbench.core.offload;

import java.util.List;
import java.util.Map;
import org.offloadbench.core.offload.options.ModelOptions;
import org.offloadbench.core.offload.options.OptionSpec;

/**
 * How the runner finds models: each module lists its providers in
 * {@code META-INF/services/org.offloadbench.core.offload.OffloaderProvider}, so a model that exists in the
 * build shows up in {@code bench list}, every suite and the report without changes elsewhere.
 */
public interface OffloaderProvider {

    /** The model name, equal to the {@link Offloader#name()} of what {@link #create} returns. */
    String name();

    /** One line for {@code bench list}. */
    String description();

    /** Whether this model can run here; when not, the reason. Must be cheap and must not throw. */
    Availability availability();

    /** The qualitative trade-offs of this model. */
    ModelTraits traits();

    /**
     * Starts an offloader; its workers are ready when this returns (a pool is warmed up front).
     *
     * @throws IllegalArgumentException for an invalid config (the message names the valid choices)
     * @throws OffloadException with {@link FailureKind#UNAVAILABLE} when the model cannot run here
     */
    Offloader create(OffloaderConfig config);

    /**
     * The transport this model's hand-off crosses, naming the calibration floor it is compared with.
     * Models that do not say are compared with no floor.
     */
    default FloorTransport floorTransport() {
        return FloorTransport.UNKNOWN;
    }

    /**
     * How a caller of an offloader built from {@code config} waits for its reply (spin, park, adaptive),
     * which with {@link #floorTransport()} picks the like-for-like floor. Must not throw for a config that
     * {@link #create} accepts.
     */
    default WaitDiscipline waitDiscipline(OffloaderConfig config) {
        return WaitDiscipline.UNKNOWN;
    }

    /**
     * The options {@link #create} accepts in {@link OffloaderConfig#options()}, with their defaults, ranges
     * and descriptions: what {@code bench list} prints and {@code bench run --model-option} is checked against.
     * A model that declares none accepts none.
     */
    default List<OptionSpec> options() {
        return List.of();
    }

    /**
     * Checks {@code config}'s options as {@link #create} would, without starting anything, and returns every
     * option with its value (given or default) in declaration order: what run.json records for this model.
     * Models whose options depend on one another override this to run their own checks as well.
     *
     * @throws IllegalArgumentException for an unknown option or a bad value, naming the valid ones
     */
    default Map<String, String> resolveOptions(OffloaderConfig config) {
        return ModelOptions.parse(name(), options(), config.options()).resolved();
    }

    /**
     * Whether a default run measures this model in {@code suite} (see {@code SuiteNames}). A pattern shown for
     * comparison rather than deployed, such as a new worker per task, says no outside the suites where its
     * point shows (overhead, startup), which keeps the default run within its budget; a model named with
     * {@code --models} is measured in every suite asked for.
     */
    default boolean measuredByDefaultIn(String suite) {
        return true;
    }

    /**
     * Whether this model can run {@code workloadId}. A model that implements its workloads itself rather than
     * running the JVM's (the node models run noop, echo and sha256 in JavaScript) says no to the others, and the
     * runner never schedules them for it. Must be cheap and must not throw.
     */
    default boolean supportsWorkload(String workloadId) {
        return true;
    }

    /**
     * The largest input, in bytes, one task may carry with these options (its output is assumed no larger):
     * {@link Long#MAX_VALUE} when the transport sets no limit of its own (the wire's frame limit still applies).
     * A suite that sweeps payload sizes skips the sizes above it, with a note naming the option to raise,
     * instead of counting the model's clear BAD_REQUEST as a failed suite. Must be cheap and must not throw.
     */
    default long maxInputBytes(OffloaderConfig config) {
        return Long.MAX_VALUE;
    }

    /**
     * About how long {@link #create} takes to return with {@code workers} workers on a two-core machine, in
     * milliseconds: what the runner's time estimate charges for each instance a suite starts (the scaling,
     * latency and responsiveness suites start several per model, the JMH suites one per fork). The default is
     * nothing much for workers that are threads of the caller (traits' isolation "none...") and a child JVM's start
     * for the others (child JVMs start side by side, ~270 ms for one); a model whose start is slower (a cluster
     * that forms, a server stack to load) says so. An estimate, never a timeout.
     */
    default long startEstimateMillis(int workers) {
        return traits().isolation().startsWith("none") ? 5 : 200 + 80L * Math.max(1, workers);
    }
}
