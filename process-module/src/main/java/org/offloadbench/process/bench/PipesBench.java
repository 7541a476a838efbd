package org.offloadbench.process.bench;

import java.util.HashMap;
import java.util.Map;
import org.offloadbench.core.offload.OffloaderConfig;
import org.offloadbench.core.measure.ReplyVerifier;
import org.offloadbench.core.offload.TaskResult;
import org.offloadbench.core.workload.Checksums;
import org.offloadbench.core.workload.InputSpec;
import org.offloadbench.core.workload.Workload;
import org.offloadbench.core.workload.WorkloadCatalogue;
import org.offloadbench.process.PipesOffloader;
import org.offloadbench.process.PipesSettings;

/** What every benchmark here does in setup: start a pool, make an input and the checksum every reply must have. */
final class PipesBench {
    private PipesBench() {
    }

    /** A pool of {@code workers} children; {@code keyValues} are pool options (see {@link PipesSettings}). */
    static PipesOffloader pool(int workers, int queueCapacity, String... keyValues) {
        Map<String, String> options = new HashMap<>();
        for (int i = 0; i < keyValues.length; i += 2) {
            if (!keyValues[i + 1].isEmpty()) {
                options.put(keyValues[i], keyValues[i + 1]);
            }
        }
        return new PipesOffloader(PipesSettings.from(PipesOffloader.NAME,
                new OffloaderConfig(workers, queueCapacity, options)));
    }

    static Workload workload(String id) {
        return WorkloadCatalogue.load().get(id);
    }

    /** Seed-1 input of {@code payloadBytes}, or the workload's default size when negative. */
    static byte[] input(Workload workload, int payloadBytes) {
        return workload.generateInput(InputSpec.of(1L, payloadBytes < 0 ? workload.defaultPayloadBytes() : payloadBytes));
    }

    static long expectedChecksum(Workload workload, byte[] input) {
        return Checksums.of(workload.execute(input.clone()));
    }

    /** Recomputes the reply's checksum here (the child's claim is not trusted) and compares with a direct run. */
    static long verified(TaskResult result, long expected) {
        // the shared check: the caller's own checksum of the bytes and the worker's must both match a direct run
        return new ReplyVerifier("process/pipes", "the benchmark's workload", expected).verify(result).checksum();
    }
}
