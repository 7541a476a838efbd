package org.offloadbench.shm;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.offloadbench.core.offload.OffloaderConfig;
import org.offloadbench.core.offload.Task;
import org.offloadbench.core.worker.StartKiller;
import org.offloadbench.core.workload.InputSpec;
import org.offloadbench.core.workload.Workload;
import org.offloadbench.core.workload.WorkloadCatalogue;
import org.offloadbench.shm.worker.ShmWorkerMain;

/**
 * A child killed with SIGKILL while it is still starting (held at JVM startup, so certainly before READY)
 * is started again with backoff: the model comes up and serves correct bytes, instead of failing as
 * "workers did not start" for the rest of a suite.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class StartKillTest {
    @TempDir
    Path tmp;

    @Test
    void aChildKilledWhileStartingIsReplacedAndTheModelStarts() throws Exception {
        Workload sha = WorkloadCatalogue.load().get("sha256");
        byte[] input = sha.generateInput(InputSpec.of(7, 64 * 1024));
        try (StartKiller killer = new StartKiller(tmp, ShmWorkerMain.class.getName())) {
            OffloaderConfig config = OffloaderConfig.of(1, 16).withOption(ShmSettings.WAIT, "park")
                    .withOption(ShmSettings.SLOT_BYTES, Integer.toString(1 << 20))
                    .withOption(ShmSettings.JVM_OPTIONS, ShmTestSupport.CHILD_JVM_OPTIONS + " "
                            + String.join(" ", killer.jvmOptions()));
            ShmOffloader offloader = (ShmOffloader) new ShmZeroCopyProvider().create(config);
            try {
                assertTrue(killer.killedPid() > 0, "the first child must have been killed while starting");
                assertArrayEquals(sha.execute(input), offloader.submit(Task.of("sha256", input)).join().output());
                assertTrue(ProcessHandle.of(killer.killedPid()).map(ProcessHandle::isAlive).orElse(false) == false,
                        "the answer came from a fresh child, not the killed one");
            } finally {
                assertTrue(offloader.close(Duration.ofSeconds(30)));
            }
        }
        assertTrue(ChildKillTest.workerChildren().isEmpty(), "no child may outlive close");
    }
}
