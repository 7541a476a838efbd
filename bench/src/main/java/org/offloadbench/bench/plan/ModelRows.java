package org.offloadbench.bench.plan;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.offloadbench.core.offload.OffloaderConfig;
import org.offloadbench.core.offload.OffloaderProvider;
import org.offloadbench.core.offload.OffloaderRegistry;
import org.offloadbench.core.offload.options.OptionSpec;

/**
 * Turns {@code --models} (plain names and variants like {@code shm/zero-copy[wait=spin,slotBytes=4096]}) and
 * {@code --model-option MODEL:key=value} into {@link ModelRow}s, every option checked by its model before any
 * suite starts. A variant's options override the {@code --model-option}s of its model.
 */
final class ModelRows {
    private final OffloaderRegistry registry;

    ModelRows(OffloaderRegistry registry) {
        this.registry = registry;
    }

    /**
     * @param asked        the {@code --models} items, already split (empty: every available model)
     * @param modelOptions the {@code --model-option} items
     * @throws UsageException for an unknown or unavailable model, a malformed item, an unknown key or a bad
     *                        value, naming the valid ones
     */
    List<ModelRow> plan(List<String> asked, List<String> modelOptions) {
        Map<String, Map<String, String>> perModel = modelOptions(modelOptions);
        List<String> items = asked.isEmpty() ? available() : asked;
        Set<String> bases = new LinkedHashSet<>();
        Map<String, ModelRow> rows = new LinkedHashMap<>();
        for (String item : new LinkedHashSet<>(items)) {
            Variant v = Variant.parse(item);
            OffloaderProvider provider = provider(v.model(), "model");
            Map<String, String> options = new LinkedHashMap<>(perModel.getOrDefault(v.model(), Map.of()));
            options.putAll(v.options());
            Map<String, String> resolved = resolve(provider, options, item);
            ModelRow row = new ModelRow(v.name(), v.model(), options, resolved);
            for (ModelRow other : rows.values()) {
                if (other.model().equals(row.model()) && other.resolved().equals(row.resolved())) {
                    throw new UsageException("'" + other.name() + "' and '" + row.name() + "' are the same "
                            + row.model() + " (" + row.describeOptions() + "); drop one or give them different options");
                }
            }
            rows.put(row.name(), row);
            bases.add(v.model());
        }
        for (String model : perModel.keySet()) {
            if (!bases.contains(model)) {
                throw new UsageException("--model-option names " + model + ", which is not among the models of this "
                        + "run: " + String.join(", ", rows.keySet()));
            }
        }
        return List.copyOf(rows.values());
    }

    /** {@code --models} items split at the commas outside brackets ({@code a[x=1,y=2],b} is two items). */
    static List<String> split(List<String> items) {
        List<String> out = new ArrayList<>();
        for (String item : items) {
            int depth = 0;
            StringBuilder current = new StringBuilder();
            for (char c : item.toCharArray()) {
                if (c == '[') {
                    depth++;
                } else if (c == ']') {
                    depth--;
                }
                if (c == ',' && depth == 0) {
                    add(out, current);
                } else {
                    current.append(c);
                }
            }
            add(out, current);
        }
        return out;
    }

    private static void add(List<String> out, StringBuilder current) {
        if (!current.toString().isBlank()) {
            out.add(current.toString().trim());
        }
        current.setLength(0);
    }

    private List<String> available() {
        List<String> names = registry.available().stream().map(OffloaderProvider::name).toList();
        if (names.isEmpty()) {
            throw new UsageException("no model is available on this JDK and machine; known models: "
                    + (registry.names().isEmpty() ? "(none on the classpath)" : String.join(", ", registry.names())));
        }
        return names;
    }

    private OffloaderProvider provider(String name, String kind) {
        if (!registry.names().contains(name)) {
            throw new UsageException("unknown " + kind + " '" + name + "'; valid: "
                    + (registry.names().isEmpty() ? "(none)" : String.join(", ", registry.names())));
        }
        OffloaderProvider provider = registry.get(name);
        if (!provider.availability().available()) {
            throw new UsageException("model '" + name + "' is not available here: " + provider.availability().reason()
                    + "; available: " + String.join(", ", registry.available().stream().map(OffloaderProvider::name)
                    .toList()));
        }
        return provider;
    }

    private static Map<String, String> resolve(OffloaderProvider provider, Map<String, String> options, String item) {
        try {
            return provider.resolveOptions(new OffloaderConfig(1, 1, options));
        } catch (IllegalArgumentException e) {
            throw new UsageException(e.getMessage() + " (in '" + item + "'); options of " + provider.name() + ": "
                    + describe(provider.options()));
        }
    }

    /** {@code key=default (values)} for each option, or "(none)". */
    static String describe(List<OptionSpec> specs) {
        if (specs.isEmpty()) {
            return "(none)";
        }
        List<String> out = new ArrayList<>();
        for (OptionSpec s : specs) {
            out.add(s.name() + "=" + (s.defaultValue() == null ? "(unset)" : s.defaultValue().isEmpty() ? "''"
                    : s.defaultValue()) + " (" + s.values() + ")");
        }
        return String.join(", ", out);
    }

    /** {@code MODEL:key=value} items, grouped by model; later items win. */
    private Map<String, Map<String, String>> modelOptions(List<String> items) {
        Map<String, Map<String, String>> out = new LinkedHashMap<>();
        for (String item : items) {
            int colon = item.indexOf(':');
            int eq = colon < 0 ? -1 : item.indexOf('=', colon);
            if (colon <= 0 || eq <= colon + 1) {
                throw new UsageException("malformed --model-option '" + item + "'; use MODEL:key=value, e.g. "
                        + "shm/zero-copy:wait=spin");
            }
            String model = item.substring(0, colon).trim();
            provider(model, "model in --model-option");
            out.computeIfAbsent(model, k -> new LinkedHashMap<>())
                    .put(item.substring(colon + 1, eq).trim(), item.substring(eq + 1));
        }
        return out;
    }

    /** One {@code --models} item: {@code model} or {@code model[key=value,...]}. */
    record Variant(String name, String model, Map<String, String> options) {
        static Variant parse(String item) {
            String text = item.trim();
            int open = text.indexOf('[');
            if (open < 0) {
                if (text.contains("]")) {
                    throw malformed(item);
                }
                return new Variant(text, text, Map.of());
            }
            if (open == 0 || !text.endsWith("]") || text.indexOf('[', open + 1) >= 0
                    || text.indexOf(']') != text.length() - 1) {
                throw malformed(item);
            }
            String model = text.substring(0, open).trim();
            Map<String, String> options = new LinkedHashMap<>();
            List<String> parts = new ArrayList<>();
            for (String pair : text.substring(open + 1, text.length() - 1).split(",")) {
                int eq = pair.indexOf('=');
                if (eq <= 0 || pair.substring(0, eq).isBlank()) {
                    throw malformed(item);
                }
                String key = pair.substring(0, eq).trim();
                String value = pair.substring(eq + 1).trim();
                if (options.put(key, value) != null) {
                    throw new UsageException("model variant '" + item + "' gives " + key + " twice");
                }
                parts.add(key + "=" + value);
            }
            return new Variant(model + "[" + String.join(",", parts) + "]", model, options);
        }

        private static UsageException malformed(String item) {
            return new UsageException("malformed model variant '" + item + "'; use MODEL[key=value,key=value], e.g. "
                    + "shm/zero-copy[wait=spin]");
        }
    }
}
