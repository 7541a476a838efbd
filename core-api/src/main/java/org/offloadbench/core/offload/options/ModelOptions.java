package org.offloadbench.core.offload.options;

import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * A model's options checked against its {@link OptionSpec}s: the one way every model parses its options.
 * Unknown keys and bad values are refused with the valid ones; what was not given takes its default.
 */
public final class ModelOptions {
    private final String model;
    private final Map<String, OptionSpec> specs;
    private final Map<String, String> given;
    private final Map<String, String> resolved;

    private ModelOptions(String model, Map<String, OptionSpec> specs, Map<String, String> given,
                         Map<String, String> resolved) {
        this.model = model;
        this.specs = specs;
        this.given = Collections.unmodifiableMap(given);
        this.resolved = Collections.unmodifiableMap(resolved);
    }

    /**
     * @param model  the model's name, for messages
     * @param specs  what the model accepts
     * @param raw    the options as given (keys may be old aliases)
     * @throws IllegalArgumentException for an unknown key (naming the valid keys) or a bad value (naming the
     *                                  valid range or choices)
     */
    public static ModelOptions parse(String model, List<OptionSpec> specs, Map<String, String> raw) {
        Map<String, OptionSpec> byName = new LinkedHashMap<>();
        Map<String, String> aliasOf = new HashMap<>();
        for (OptionSpec s : specs) {
            if (byName.put(s.name(), s) != null) {
                throw new IllegalStateException(model + " declares option " + s.name() + " twice");
            }
            s.aliases().forEach(a -> aliasOf.put(a, s.name()));
        }
        Map<String, String> given = new LinkedHashMap<>();
        for (Map.Entry<String, String> e : new java.util.TreeMap<>(raw).entrySet()) {
            String key = aliasOf.getOrDefault(e.getKey(), e.getKey());
            OptionSpec spec = byName.get(key);
            if (spec == null) {
                throw new IllegalArgumentException(unknown(model, e.getKey(), byName.keySet()));
            }
            if (given.containsKey(key)) {
                throw new IllegalArgumentException(model + ": option " + key + " is given twice (also under its old "
                        + "name " + spec.aliases() + ")");
            }
            given.put(key, spec.check(model, e.getValue()));
        }
        Map<String, String> resolved = new LinkedHashMap<>();
        for (OptionSpec s : byName.values()) {
            String v = given.containsKey(s.name()) ? given.get(s.name()) : s.defaultValue();
            if (v != null) {
                resolved.put(s.name(), v);
            }
        }
        return new ModelOptions(model, byName, given, resolved);
    }

    /** The message for an unknown key: {@code unknown option 'x' for m; valid: a, b}. */
    public static String unknown(String model, String key, java.util.Collection<String> valid) {
        return "unknown option '" + key + "' for " + model + "; valid: "
                + (valid.isEmpty() ? "(none)" : String.join(", ", new TreeSet<>(valid)));
    }

    /** The value given, else the default; null when neither exists. */
    public String text(String name) {
        spec(name);
        return resolved.get(name);
    }

    /** Whether the option was given (rather than defaulted). */
    public boolean isGiven(String name) {
        spec(name);
        return given.containsKey(name);
    }

    /**
     * A whole-number option's value.
     *
     * @throws IllegalStateException when it has none or holds one of its words (ask {@link #text} first)
     */
    public long integer(String name) {
        OptionSpec s = spec(name);
        String v = resolved.get(name);
        if (s.kind() != OptionSpec.Kind.INTEGER || v == null || s.choices().contains(v)) {
            throw new IllegalStateException(model + ": option " + name + " has no whole-number value (" + v + ")");
        }
        return Long.parseLong(v);
    }

    /** The options given, checked and canonical, by name. */
    public Map<String, String> given() {
        return given;
    }

    /** Every option with a value, given or default, in declaration order: what run.json records. */
    public Map<String, String> resolved() {
        return resolved;
    }

    private OptionSpec spec(String name) {
        OptionSpec s = specs.get(name);
        if (s == null) {
            throw new IllegalStateException(model + " asks for option " + name + ", which it does not declare");
        }
        return s;
    }
}
