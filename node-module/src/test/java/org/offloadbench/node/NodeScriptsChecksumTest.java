package org.offloadbench.node;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.offloadbench.core.offload.FailureKind;
import org.offloadbench.core.offload.OffloadException;
import org.offloadbench.core.offload.Offloader;
import org.offloadbench.core.offload.OffloaderConfig;
import org.offloadbench.core.offload.OffloaderProvider;
import org.offloadbench.core.offload.Task;
import org.offloadbench.core.offload.TaskResult;
import org.offloadbench.core.workload.Checksums;
import org.offloadbench.core.workload.InputSpec;
import org.offloadbench.core.workload.Workload;
import org.offloadbench.core.workload.WorkloadCatalogue;

/**
 * The JavaScript workloads against the JVM's: every workload the node scripts run, at sizes from empty to
 * past the shared-array-buffer model's first region (1 MiB, so its region grows), through each of the four
 * models, must return exactly the bytes and CRC32C of a direct in-thread run. One node process (set) per model.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class NodeScriptsChecksumTest {
    private static final int[] SIZES = {0, 1, 63, 4096, 65_537, (1 << 20) + 3, 3 << 20};
    private final WorkloadCatalogue catalogue = WorkloadCatalogue.load();

    @Test
    void everyModelMatchesTheJvmForEveryWorkloadItRuns() throws Exception {
        assumeTrue(NodeModels.findNode().isPresent(), NodeModels.availability().reason());
        List<OffloaderProvider> providers = List.of(new WorkerThreadsProvider(), new ChildProcessProvider(),
                new SharedArrayBufferProvider(), new ClusterProvider());
        for (OffloaderProvider provider : providers) {
            try (Offloader offloader = provider.create(OffloaderConfig.of(2, 64))) {
                int checked = 0;
                for (String id : NodeModels.MEASURED_WORKLOADS) {
                    Workload workload = catalogue.get(id);
                    List<CompletableFuture<TaskResult>> futures = new ArrayList<>();
                    List<byte[]> expected = new ArrayList<>();
                    for (int size : SIZES) {
                        byte[] input = workload.generateInput(InputSpec.of(size + 11, size));
                        expected.add(workload.execute(input.clone()));
                        futures.add(offloader.submit(Task.of(id, input)));
                    }
                    for (int i = 0; i < SIZES.length; i++) {
                        String what = provider.name() + " " + id + " " + SIZES[i] + " B";
                        TaskResult r;
                        try {
                            r = futures.get(i).get(30, TimeUnit.SECONDS);
                        } catch (TimeoutException e) {
                            throw new AssertionError(what + ": no answer within 30 s; " + offloader.stats(), e);
                        }
                        assertArrayEquals(expected.get(i), r.output(), what + ": bytes differ from the JVM's");
                        assertEquals(Checksums.of(expected.get(i)), r.checksum(), what + ": checksum");
                        checked++;
                    }
                }
                assertEquals(NodeModels.MEASURED_WORKLOADS.size() * SIZES.length, checked);
                assertEquals(checked, offloader.stats().completed(), provider.name() + " " + offloader.stats());
                offloader.close(Duration.ofSeconds(10));
            }
        }
    }

    @Test
    void aWorkloadNodeDoesNotRunIsRefusedNamingTheOnesItDoes() throws Exception {
        assumeTrue(NodeModels.findNode().isPresent(), NodeModels.availability().reason());
        try (Offloader offloader = new WorkerThreadsProvider().create(OffloaderConfig.of(1, 4))) {
            CompletableFuture<TaskResult> f = offloader.submit(Task.of("deflate", new byte[16]));
            OffloadException e = OffloadException.find(org.junit.jupiter.api.Assertions.assertThrows(
                    Exception.class, () -> f.get(30, TimeUnit.SECONDS)));
            assertEquals(FailureKind.BAD_REQUEST, e.kind(), e.toString());
            assertTrue(e.getMessage().contains("not supported by node models") && e.getMessage().contains("sha256"),
                    e.getMessage());
        }
    }
}
