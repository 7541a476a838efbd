package org.offloadbench.core.workload;

import java.util.Map;
import java.util.Objects;

/**
 * What to generate: a seed, a payload size and workload-specific options (for example
 * {@code iterations=1000} for {@code password-hash}). Options a workload does not know are an error, so a
 * typo never silently runs the default.
 *
 * @param seed         seed of the deterministic generator
 * @param payloadBytes approximate size of the generated input; each workload documents how it uses it
 * @param options      workload-specific options, never null
 */
public record InputSpec(long seed, int payloadBytes, Map<String, String> options) {

    public InputSpec {
        if (payloadBytes < 0) {
            throw new IllegalArgumentException("payloadBytes must be >= 0, was " + payloadBytes);
        }
        options = Map.copyOf(Objects.requireNonNull(options, "options"));
    }

    public static InputSpec of(long seed, int payloadBytes) {
        return new InputSpec(seed, payloadBytes, Map.of());
    }

    /** The default spec every golden checksum is pinned for: seed 1 at the workload's default size. */
    public static InputSpec golden(Workload workload) {
        return of(1L, workload.defaultPayloadBytes());
    }

    public InputSpec withOption(String key, String value) {
        var copy = new java.util.HashMap<>(options);
        copy.put(key, value);
        return new InputSpec(seed, payloadBytes, copy);
    }
}
