package org.offloadbench.cluster;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.offloadbench.core.offload.Offloader;
import org.offloadbench.core.offload.OffloaderRegistry;
import org.offloadbench.core.offload.Task;
import org.offloadbench.core.offload.TaskResult;
import org.offloadbench.core.workload.InputSpec;
import org.offloadbench.core.workload.Workload;
import org.offloadbench.core.workload.WorkloadCatalogue;

class SmokeTest {
    @ParameterizedTest
    @ValueSource(strings = {"cluster/primary", "cluster/kernel", "cluster/nginx"})
    void runs(String model) throws Exception {
        Workload sha = WorkloadCatalogue.load().get("sha256");
        long t0 = System.nanoTime();
        try (Offloader o = OffloaderRegistry.load().get(model).create(ClusterTestSupport.config(2, 100))) {
            System.err.println(model + " started in " + (System.nanoTime() - t0) / 1_000_000 + " ms");
            List<CompletableFuture<TaskResult>> fs = new ArrayList<>();
            List<byte[]> ins = new ArrayList<>();
            for (int i = 0; i < 50; i++) {
                byte[] in = sha.generateInput(InputSpec.of(i, 2000));
                ins.add(in);
                fs.add(o.submit(Task.of("sha256", in)));
            }
            for (int i = 0; i < 50; i++) {
                assertArrayEquals(sha.execute(ins.get(i)), fs.get(i).get(30, TimeUnit.SECONDS).output());
            }
            System.err.println(model + " " + o.stats() + " " + ((org.offloadbench.cluster.client.ClusterOffloader) o).answeredByWorker());
        }
        System.err.println(model + " done in " + (System.nanoTime() - t0) / 1_000_000 + " ms");
    }
}
