package org.offloadbench.bench.plan;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import org.offloadbench.core.offload.OffloaderConfig;

/**
 * One model as a row of the run: a model with its options. A plain model is a row named after it; a variant
 * such as {@code shm/zero-copy[wait=spin]} is a row of its own, named with its options, measured beside the
 * others in every suite.
 *
 * @param name     the row's name in every figure, file and chart ({@code shm/zero-copy[wait=spin]})
 * @param model    the provider's name ({@code shm/zero-copy})
 * @param options  the options given (from {@code --model-option} and the variant), handed to the model
 * @param resolved every option of the model with its value, given or default: what run.json records
 */
public record ModelRow(String name, String model, Map<String, String> options, Map<String, String> resolved) {
    private static final ObjectMapper JSON = new ObjectMapper();

    public ModelRow {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(model, "model");
        options = ordered(options);
        resolved = ordered(resolved);
    }

    /** A row of the model with no options given (defaults unknown: nothing recorded). */
    public static ModelRow plain(String model) {
        return new ModelRow(model, model, Map.of(), Map.of());
    }

    /** The configuration to build this row's offloader with. */
    public OffloaderConfig config(int workers, int queueCapacity) {
        return new OffloaderConfig(workers, queueCapacity, options);
    }

    /** The resolved options as {@code key=value, key=value}, for the report and the console; "" for none. */
    public String describeOptions() {
        StringBuilder out = new StringBuilder();
        resolved.forEach((k, v) -> out.append(out.length() == 0 ? "" : ", ").append(k).append('=').append(v));
        return out.toString();
    }

    /** Options as one JSON object, to hand to a forked JVM (a JMH parameter, a probe's argument). */
    public static String encodeOptions(Map<String, String> options) {
        try {
            return JSON.writeValueAsString(ordered(options));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot encode options " + options + ": " + e.getMessage(), e);
        }
    }

    /** The inverse of {@link #encodeOptions}; "" is no options. */
    public static Map<String, String> decodeOptions(String json) {
        if (json == null || json.isBlank()) {
            return Map.of();
        }
        try {
            return ordered(JSON.readValue(json, new TypeReference<LinkedHashMap<String, String>>() { }));
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("model options must be a JSON object of strings, was " + json, e);
        }
    }

    private static Map<String, String> ordered(Map<String, String> m) {
        return Collections.unmodifiableMap(new LinkedHashMap<>(Objects.requireNonNull(m)));
    }
}
