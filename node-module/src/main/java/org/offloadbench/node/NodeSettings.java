package org.offloadbench.node;

import java.util.List;
import org.offloadbench.core.offload.OffloaderConfig;
import org.offloadbench.core.offload.options.ModelOptions;
import org.offloadbench.core.offload.options.OptionSpec;
import org.offloadbench.core.offload.options.OptionUnit;

/**
 * The options every node model takes.
 *
 * @param startTimeoutMillis the node process must have every worker up within this
 * @param heapMb             V8 old-generation limit of each worker (worker thread, forked child, cluster worker)
 */
public record NodeSettings(String model, int workers, int queueCapacity, long startTimeoutMillis, int heapMb) {
    static final String START_TIMEOUT_MILLIS = "startTimeoutMillis";
    static final String HEAP_MB = "heapMb";

    public static final List<OptionSpec> OPTIONS = List.of(
            OptionSpec.integer(START_TIMEOUT_MILLIS, 30_000, 100, 600_000, OptionUnit.MILLIS,
                    "node must have every worker up within this"),
            OptionSpec.integer(HEAP_MB, 256, 16, 65_536, OptionUnit.NONE,
                    "V8 heap limit (old generation, MiB) of each worker; a worker over it dies and is replaced"));

    /** @throws IllegalArgumentException for an unknown option or a bad value, naming the valid ones */
    public static NodeSettings from(String model, OffloaderConfig config) {
        ModelOptions o = ModelOptions.parse(model, OPTIONS, config.options());
        return new NodeSettings(model, config.workers(), config.queueCapacity(), o.integer(START_TIMEOUT_MILLIS),
                (int) o.integer(HEAP_MB));
    }
}
