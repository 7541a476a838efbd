package org.offloadbench.process;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.offloadbench.core.offload.Task;
import org.offloadbench.core.worker.StartKiller;
import org.offloadbench.core.worker.WorkerMain;

/**
 * A child killed with SIGKILL while the pool is still starting (held at JVM startup, so before READY) is
 * replaced with the respawn backoff: the pool comes up with every worker instead of failing its creation.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class StartKillTest {
    @TempDir
    Path tmp;

    @Test
    void aChildKilledWhileThePoolStartsIsReplaced() throws Exception {
        try (StartKiller killer = new StartKiller(tmp, WorkerMain.class.getName());
             PipesOffloader pool = TestPools.pool(2, 8, "cds", "default",
                     "jvmOptions", String.join(" ", killer.jvmOptions()))) {
            assertTrue(killer.killedPid() > 0, "a child must have been killed while starting");
            List<Long> pids = pool.childPids();
            assertEquals(2, pids.size(), pids.toString());
            assertFalse(pids.contains(killer.killedPid()), "the killed child was replaced: " + pids);
            byte[] input = "after a start kill".getBytes(StandardCharsets.US_ASCII);
            assertArrayEquals(input, pool.submit(Task.of("echo", input)).get(30, TimeUnit.SECONDS).output());
        }
    }
}
