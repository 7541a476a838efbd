package org.offloadbench.cluster;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.offloadbench.cluster.client.ClusterOffloader;
import org.offloadbench.core.offload.OffloaderProvider;
import org.offloadbench.core.offload.OffloaderRegistry;
import org.offloadbench.core.offload.Task;
import org.offloadbench.core.offload.TaskResult;
import org.offloadbench.core.workload.InputSpec;
import org.offloadbench.core.workload.Workload;
import org.offloadbench.core.workload.WorkloadCatalogue;
import org.offloadbench.core.workload.fault.FaultSleep;

/**
 * A worker killed (SIGKILL) under load: every request still gets its correct answer (zero lost: the ones
 * the dead worker had not answered are retried once elsewhere), the worker is respawned, and the cluster is
 * back at full strength. Bounded: 300 requests at most, a liveness timeout of 90 s.
 */
@Timeout(value = 90, unit = TimeUnit.SECONDS)
class FailoverTest {

    @ParameterizedTest
    @ValueSource(strings = {ClusterModels.PRIMARY, ClusterModels.KERNEL, ClusterModels.NGINX})
    void aWorkerKilledUnderLoadLosesNoRequest(String model) throws Exception {
        OffloaderProvider provider = OffloaderRegistry.load().get(model);
        org.junit.jupiter.api.Assumptions.assumeTrue(provider.availability().available(),
                () -> model + " unavailable: " + provider.availability().reason());
        Workload sleep = WorkloadCatalogue.load().get(FaultSleep.ID);
        Workload sha = WorkloadCatalogue.load().get("sha256");
        try (ClusterOffloader cluster = (ClusterOffloader) provider.create(ClusterTestSupport.config(3, 400))) {
            List<byte[]> inputs = new ArrayList<>();
            List<CompletableFuture<TaskResult>> futures = new ArrayList<>();
            int total = 300;
            long victim = cluster.localWorkers().pids().get(0);
            for (int i = 0; i < total; i++) {
                // a few slow requests make sure the victim dies with requests in flight
                byte[] input = i % 10 == 0 ? new FaultSleep().input(30) : sha.generateInput(InputSpec.of(i, 4096));
                inputs.add(input);
                futures.add(cluster.submit(Task.of(i % 10 == 0 ? sleep.id() : sha.id(), input)));
                if (i == total / 3) {
                    ProcessHandle.of(victim).ifPresent(ProcessHandle::destroyForcibly);
                }
            }
            for (int i = 0; i < total; i++) {
                TaskResult r = futures.get(i).get(60, TimeUnit.SECONDS);
                byte[] expected = i % 10 == 0 ? inputs.get(i) : sha.execute(inputs.get(i));
                assertArrayEquals(expected, r.output(), "request " + i + " of " + model);
            }
            assertEquals(total, cluster.stats().completed(), cluster.stats().toString());
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (cluster.stats().workers() < 3 || cluster.localWorkers().lastRecoveryNanos() < 0) {
                assertTrue(System.nanoTime() < deadline, "not back to 3 workers: " + cluster.stats());
                Thread.sleep(20);
            }
            assertTrue(cluster.stats().respawned() >= 1, cluster.stats().toString());
            assertTrue(!cluster.localWorkers().pids().contains(victim), "the killed worker must have been replaced");
            System.err.printf("%s failover: %d requests, %d retried, recovery to full capacity %.0f ms%n", model,
                    total, cluster.retried(), cluster.localWorkers().lastRecoveryNanos() / 1e6);
        }
    }
}
