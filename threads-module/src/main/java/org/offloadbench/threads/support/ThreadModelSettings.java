package org.offloadbench.threads.support;

import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

import org.offloadbench.core.offload.OffloaderConfig;

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

    /**
     * Validates {@code config} for {@code model}, which also accepts {@code modelOptions}.
     *
     * @throws IllegalArgumentException naming an unknown option or a bad value and the valid choices
     */
    public static ThreadModelSettings from(String model, OffloaderConfig config, Set<String> modelOptions) {
        Set<String> valid = new HashSet<>(modelOptions);
        valid.add(ABANDON_GRACE_MILLIS);
        config.requireOnly(model, valid);
        long graceMillis = config.longOption(model, ABANDON_GRACE_MILLIS, DEFAULT_ABANDON_GRACE_MILLIS, 1, 60_000);
        return new ThreadModelSettings(model, config.workers(), config.queueCapacity(),
                TimeUnit.MILLISECONDS.toNanos(graceMillis), System::nanoTime);
    }
}
