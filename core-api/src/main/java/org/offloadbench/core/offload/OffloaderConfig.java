package org.offloadbench.core.offload;

import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import org.offloadbench.core.offload.options.ModelOptions;
import org.offloadbench.core.offload.options.OptionSpec;
import org.offloadbench.core.offload.options.OptionUnit;

/**
 * How to build an offloader. Options are model-specific strings (for example {@code dispatch=least-busy}
 * or {@code jvmOptions=-Xmx256m}); a model rejects options it does not know, naming the valid ones.
 *
 * @param workers       worker threads, processes or backends
 * @param queueCapacity tasks that may wait beyond those running; a full queue rejects
 * @param options       model-specific options, never null
 */
public record OffloaderConfig(int workers, int queueCapacity, Map<String, String> options) {

    public OffloaderConfig {
        if (workers < 1) {
            throw new IllegalArgumentException("workers must be >= 1, was " + workers);
        }
        if (queueCapacity < 0) {
            throw new IllegalArgumentException("queueCapacity must be >= 0, was " + queueCapacity);
        }
        options = Map.copyOf(Objects.requireNonNull(options, "options"));
    }

    public static OffloaderConfig of(int workers, int queueCapacity) {
        return new OffloaderConfig(workers, queueCapacity, Map.of());
    }

    /** Workers = available processors, a queue of 1024: the default a user gets from the CLI. */
    public static OffloaderConfig defaults() {
        return of(Runtime.getRuntime().availableProcessors(), 1024);
    }

    public OffloaderConfig withOption(String key, String value) {
        var copy = new java.util.HashMap<>(options);
        copy.put(key, value);
        return new OffloaderConfig(workers, queueCapacity, copy);
    }

    public OffloaderConfig withWorkers(int newWorkers) {
        return new OffloaderConfig(newWorkers, queueCapacity, options);
    }

    public String option(String key, String defaultValue) {
        return options.getOrDefault(key, defaultValue);
    }

    /**
     * A whole-number option in {@code [min, max]}, or {@code defaultValue} when absent. Models declare their
     * options as {@link OptionSpec}s and parse them with
     * {@link ModelOptions}; this is the same check for a single option.
     *
     * @throws IllegalArgumentException naming the model, the option, the valid range and the bad value
     */
    public long longOption(String model, String key, long defaultValue, long min, long max) {
        String text = options.get(key);
        if (text == null) {
            return defaultValue;
        }
        return Long.parseLong(OptionSpec.integer(key, defaultValue, min, max, OptionUnit.NONE, "").check(model, text));
    }

    /**
     * Fails when an option is not among {@code valid}, so a typo never silently runs a default.
     *
     * @throws IllegalArgumentException naming the unknown option and the valid ones
     */
    public void requireOnly(String model, Set<String> valid) {
        for (String key : new TreeSet<>(options.keySet())) {
            if (!valid.contains(key)) {
                throw new IllegalArgumentException(ModelOptions.unknown(model, key, valid));
            }
        }
    }
}
