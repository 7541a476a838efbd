package org.offloadbench.process;

import java.util.HashMap;
import java.util.Map;
import org.offloadbench.core.offload.OffloaderConfig;

/** Pool settings for tests: small heaps and C1 only, so a child starts fast on a busy two-core machine. */
final class TestPools {
    static final Map<String, String> FAST_CHILDREN = Map.of("heap", "64m", "tiering", "c1", "gc", "serial");

    private TestPools() {
    }

    static OffloaderConfig config(int workers, int queueCapacity, String... keyValues) {
        Map<String, String> options = new HashMap<>(FAST_CHILDREN);
        for (int i = 0; i < keyValues.length; i += 2) {
            options.put(keyValues[i], keyValues[i + 1]);
        }
        return new OffloaderConfig(workers, queueCapacity, options);
    }

    static PipesSettings settings(int workers, int queueCapacity, String... keyValues) {
        return PipesSettings.from(PipesOffloader.NAME, config(workers, queueCapacity, keyValues));
    }

    static PipesOffloader pool(int workers, int queueCapacity, String... keyValues) {
        return new PipesOffloader(settings(workers, queueCapacity, keyValues));
    }
}
