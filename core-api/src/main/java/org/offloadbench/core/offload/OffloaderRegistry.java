package org.offloadbench.core.offload;

import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.TreeMap;

/** Every {@link OffloaderProvider} on the classpath, by name. */
public final class OffloaderRegistry {
    private final Map<String, OffloaderProvider> byName;

    private OffloaderRegistry(Map<String, OffloaderProvider> byName) {
        this.byName = byName;
    }

    public static OffloaderRegistry load() {
        Map<String, OffloaderProvider> found = new TreeMap<>();
        for (OffloaderProvider provider : ServiceLoader.load(OffloaderProvider.class,
                OffloaderRegistry.class.getClassLoader())) {
            if (found.putIfAbsent(provider.name(), provider) != null) {
                throw new IllegalStateException("two models share the name '" + provider.name() + "'");
            }
        }
        return new OffloaderRegistry(found);
    }

    public static OffloaderRegistry of(List<OffloaderProvider> providers) {
        Map<String, OffloaderProvider> found = new TreeMap<>();
        providers.forEach(p -> found.put(p.name(), p));
        return new OffloaderRegistry(found);
    }

    /** @throws IllegalArgumentException naming the valid models when {@code name} is unknown */
    public OffloaderProvider get(String name) {
        OffloaderProvider provider = byName.get(name);
        if (provider == null) {
            throw new IllegalArgumentException("unknown model '" + name + "'; valid: " + String.join(", ", names()));
        }
        return provider;
    }

    public List<String> names() {
        return List.copyOf(byName.keySet());
    }

    public List<OffloaderProvider> all() {
        return List.copyOf(byName.values());
    }

    /** Providers that can run here. */
    public List<OffloaderProvider> available() {
        return byName.values().stream().filter(p -> p.availability().available()).toList();
    }
}
