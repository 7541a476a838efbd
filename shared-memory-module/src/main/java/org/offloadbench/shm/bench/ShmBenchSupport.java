package org.offloadbench.shm.bench;

import java.nio.ByteBuffer;
import java.util.Arrays;
import org.offloadbench.core.offload.OffloaderConfig;
import org.offloadbench.core.measure.ReplyVerifier;
import org.offloadbench.core.offload.TaskResult;
import org.offloadbench.core.workload.InputSpec;
import org.offloadbench.core.workload.Workload;
import org.offloadbench.core.workload.WorkloadCatalogue;
import org.offloadbench.shm.ShmOffloader;
import org.offloadbench.shm.ShmSettings;
import org.offloadbench.shm.ShmInProcessOffloader;
import org.offloadbench.shm.ShmInProcessProvider;
import org.offloadbench.shm.ShmZeroCopyOffloader;
import org.offloadbench.shm.ShmZeroCopyProvider;

/** What the shared-memory benchmarks share: building a model, inputs, and checking replies. */
final class ShmBenchSupport {
    private ShmBenchSupport() {
    }

    static Workload workload(String id) {
        return WorkloadCatalogue.load().get(id);
    }

    static byte[] input(Workload workload, int payloadBytes) {
        return workload.generateInput(InputSpec.of(1, payloadBytes));
    }

    /**
     * A shared-memory offloader with child-JVM ({@code child}: {@code shm/zero-copy}) or in-process
     * ({@code threads}: {@code shm/in-process}) workers, slots just big enough for {@code slotBytes}; every shm
     * model leases slots ({@link ShmOffloader#leaseSlot}).
     */
    static ShmOffloader start(String workers, String wait, int count, int queue, int slotBytes) {
        OffloaderConfig config = OffloaderConfig.of(count, queue).withOption(ShmSettings.WAIT, wait)
                .withOption(ShmSettings.SLOT_BYTES, Integer.toString(Math.max(64, slotBytes)));
        return switch (workers) {
            case "child" -> new ShmZeroCopyOffloader(ShmZeroCopyProvider.NAME,
                    ShmSettings.from(ShmZeroCopyProvider.NAME, config, true));
            case "threads" -> new ShmInProcessOffloader(ShmInProcessProvider.NAME,
                    ShmSettings.from(ShmInProcessProvider.NAME, config, false));
            default -> throw new IllegalArgumentException("workers must be child or threads, was '" + workers + "'");
        };
    }

    /** Throws unless the reply has exactly the bytes of a direct in-thread run. */
    static void verify(String what, byte[] expected, ByteBuffer actual) {
        byte[] got = new byte[actual.remaining()];
        actual.duplicate().get(got);
        if (!Arrays.equals(expected, got)) {
            throw new IllegalStateException(what + ": output differs from a direct in-thread run");
        }
    }

    static long verified(TaskResult result, long expectedChecksum, String what) {
        // the shared check: the caller's own checksum of the bytes and the worker's must both match a direct run
        return new ReplyVerifier(what, "the benchmark's workload", expectedChecksum).verify(result).checksum();
    }
}
