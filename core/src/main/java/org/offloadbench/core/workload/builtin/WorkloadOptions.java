package org.offloadbench.core.workload.builtin;

import java.util.Arrays;
import java.util.Map;
import java.util.TreeSet;
import org.offloadbench.core.workload.InputSpec;

/**
 * Reads a workload's options from an {@link InputSpec}: rejects keys the workload does not know (so a typo
 * never silently runs the default), parses numbers and checks their range, each error naming the workload,
 * the option and what is allowed.
 */
final class WorkloadOptions {

    private final String workloadId;
    private final Map<String, String> options;

    private WorkloadOptions(String workloadId, Map<String, String> options) {
        this.workloadId = workloadId;
        this.options = options;
    }

    /**
     * @throws IllegalArgumentException when {@code spec} holds an option not in {@code validKeys}
     */
    static WorkloadOptions of(String workloadId, InputSpec spec, String... validKeys) {
        var valid = new TreeSet<>(Arrays.asList(validKeys));
        for (String key : new TreeSet<>(spec.options().keySet())) {
            if (!valid.contains(key)) {
                String choices = valid.isEmpty()
                        ? workloadId + " takes no options"
                        : "valid options: " + String.join(", ", valid);
                throw new IllegalArgumentException(workloadId + ": unknown option '" + key + "'; " + choices);
            }
        }
        return new WorkloadOptions(workloadId, spec.options());
    }

    long longOption(String key, long defaultValue, long min, long max) {
        String raw = options.get(key);
        if (raw == null) {
            return defaultValue;
        }
        long value;
        try {
            value = Long.parseLong(raw.trim().replace("_", ""));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(workloadId + ": option " + key + "='" + raw
                    + "' is not a whole number; valid: " + min + " .. " + max, e);
        }
        if (value < min || value > max) {
            throw new IllegalArgumentException(workloadId + ": option " + key + "=" + value
                    + " is out of range; valid: " + min + " .. " + max);
        }
        return value;
    }

    int intOption(String key, int defaultValue, int min, int max) {
        return (int) longOption(key, defaultValue, min, max);
    }
}
