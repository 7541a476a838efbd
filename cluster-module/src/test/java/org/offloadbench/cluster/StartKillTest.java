package org.offloadbench.cluster;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.offloadbench.cluster.client.ClusterOffloader;
import org.offloadbench.cluster.worker.HttpWorkerMain;
import org.offloadbench.core.offload.OffloaderProvider;
import org.offloadbench.core.offload.OffloaderRegistry;
import org.offloadbench.core.offload.Task;
import org.offloadbench.core.worker.StartKiller;
import org.offloadbench.core.workload.InputSpec;
import org.offloadbench.core.workload.Workload;
import org.offloadbench.core.workload.WorkloadCatalogue;

/**
 * A worker JVM killed with SIGKILL while it is still starting (held at JVM startup, so certainly before it
 * listens) is started again with backoff: the cluster comes up with every worker and answers correctly.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class StartKillTest {
    @TempDir
    Path tmp;

    @ParameterizedTest
    @ValueSource(strings = {ClusterModels.KERNEL, ClusterModels.PRIMARY})
    void aWorkerKilledWhileStartingIsReplacedAndTheClusterStarts(String model) throws Exception {
        OffloaderProvider provider = OffloaderRegistry.load().get(model);
        org.junit.jupiter.api.Assumptions.assumeTrue(provider.availability().available(),
                () -> model + " unavailable: " + provider.availability().reason());
        Workload sha = WorkloadCatalogue.load().get("sha256");
        byte[] input = sha.generateInput(InputSpec.of(3, 4096));
        try (StartKiller killer = new StartKiller(tmp, HttpWorkerMain.class.getName())) {
            var config = ClusterTestSupport.config(2, 16).withOption("jvmOptions",
                    ClusterTestSupport.TEST_JVM_OPTIONS + " " + String.join(" ", killer.jvmOptions()));
            try (ClusterOffloader cluster = (ClusterOffloader) provider.create(config)) {
                assertTrue(killer.killedPid() > 0, "a worker must have been killed while starting");
                List<Long> pids = cluster.localWorkers().pids();
                assertEquals(2, pids.size(), pids.toString());
                assertFalse(pids.contains(killer.killedPid()), "the killed worker was replaced: " + pids);
                for (int i = 0; i < 4; i++) {
                    assertArrayEquals(sha.execute(input), cluster.submit(Task.of("sha256", input)).join().output());
                }
            }
        }
        assertTrue(ProcessHandle.current().children().filter(ProcessHandle::isAlive)
                .noneMatch(p -> p.info().commandLine().orElse("").contains(HttpWorkerMain.class.getName())),
                "no worker may outlive close");
    }
}
