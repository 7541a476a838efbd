package org.offloadbench.threads.support;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

import org.offloadbench.core.offload.OffloaderConfig;
import org.offloadbench.core.offload.options.ModelOptions;
import org.offloadbench.core.offload.options.OptionSpec;
import org.offloadbench.core.offload.options.OptionUnit;

/**
 * What every thread model is built from: the {@link OffloaderConfig} validated, plus the option all of them
 * share, {@value #ABANDON_GRACE_MILLIS}: how long a timed-out or cancelled task may ignore its interrupt
 * before its thread is abandoned and replaced.
 *
 * @param model             the model's name, e.g. {@code threads/platform-pool}
 * @param workers           threads that run tasks
 * @param queueCapacity     tasks that may wait beyond those running
 * @param abandonGraceNanos grace between interrupting a task and abandoning its thread
 * @param nanoTime          the clock for queue and run times (injectable for tests)
 */
public record ThreadModelSettings(String model, int workers, int queueCapacity, long abandonGraceNanos,
                                  LongSupplier nanoTime) {

    public static final String ABANDON_GRACE_MILLIS = "abandonGraceMillis";
    public static final long DEFAULT_ABANDON_GRACE_MILLIS = 200;

    /** The option every thread model accepts. */
    public static final OptionSpec ABANDON_GRACE = OptionSpec.integer(ABANDON_GRACE_MILLIS,
            DEFAULT_ABANDON_GRACE_MILLIS, 1, 60_000, OptionUnit.MILLIS,
            "how long a timed-out or cancelled task may ignore its interrupt before its thread is abandoned and "
                    + "replaced");

    /** The options of a thread model: {@code modelOptions}, then {@link #ABANDON_GRACE}. */
    public static List<OptionSpec> specs(List<OptionSpec> modelOptions) {
        List<OptionSpec> all = new ArrayList<>(modelOptions);
        all.add(ABANDON_GRACE);
        return List.copyOf(all);
    }

    /**
     * As {@link #from(String, OffloaderConfig, List)} for a model with no options of its own
     * ({@code noOptions} must be empty; a model with options declares them as {@link OptionSpec}s).
     */
    public static ThreadModelSettings from(String model, OffloaderConfig config, Set<String> noOptions) {
        if (!noOptions.isEmpty()) {
            throw new IllegalArgumentException(model + ": declare the options " + noOptions + " as OptionSpecs");
        }
        return from(model, config, List.<OptionSpec>of());
    }

    /**
     * Validates {@code config} for {@code model}, which also accepts {@code modelOptions}.
     *
     * @throws IllegalArgumentException naming an unknown option or a bad value and the valid choices
     */
    public static ThreadModelSettings from(String model, OffloaderConfig config, List<OptionSpec> modelOptions) {
        ModelOptions o = ModelOptions.parse(model, specs(modelOptions), config.options());
        return new ThreadModelSettings(model, config.workers(), config.queueCapacity(),
                TimeUnit.MILLISECONDS.toNanos(o.integer(ABANDON_GRACE_MILLIS)), System::nanoTime);
    }
}
