package org.offloadbench.threads.bench;

import org.offloadbench.core.offload.Availability;
import org.offloadbench.core.offload.Offloader;
import org.offloadbench.core.offload.OffloaderConfig;
import org.offloadbench.core.offload.OffloaderProvider;
import org.offloadbench.core.offload.OffloaderRegistry;
import org.offloadbench.core.measure.ReplyVerifier;
import org.offloadbench.core.offload.TaskResult;
import org.offloadbench.core.workload.Checksums;
import org.offloadbench.core.workload.InputSpec;
import org.offloadbench.core.workload.Workload;
import org.offloadbench.core.workload.WorkloadCatalogue;

/** What every benchmark here does in setup: start a model by name, make an input and its expected reply. */
final class BenchSupport {
    private BenchSupport() {
    }

    /**
     * Starts {@code model}; a model that cannot run here (virtual threads on JDK 17) fails the trial with its
     * reason, which JMH prints, and the other parameter combinations go on.
     */
    static Offloader start(String model, OffloaderConfig config) {
        OffloaderProvider provider = OffloaderRegistry.load().get(model);
        Availability availability = provider.availability();
        if (!availability.available()) {
            throw new IllegalStateException(model + " is unavailable here: " + availability.reason());
        }
        return provider.create(config);
    }

    static Workload workload(String id) {
        return WorkloadCatalogue.load().get(id);
    }

    /** Seed-1 input of {@code payloadBytes}, or the workload's default size when negative. */
    static byte[] input(Workload workload, int payloadBytes) {
        int size = payloadBytes < 0 ? workload.defaultPayloadBytes() : payloadBytes;
        return workload.generateInput(InputSpec.of(1L, size));
    }

    /** The checksum of a direct in-thread run: what every reply must match. */
    static long expectedChecksum(Workload workload, byte[] input) {
        return Checksums.of(workload.execute(input.clone()));
    }

    /** Recomputes the reply's checksum here (the worker's own claim is not trusted) and compares. */
    static long verified(TaskResult result, long expected, String what) {
        // the shared check: the caller's own checksum of the bytes and the worker's must both match a direct run
        return new ReplyVerifier(what, "the benchmark's workload", expected).verify(result).checksum();
    }
}
