package org.offloadbench.process;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.offloadbench.core.worker.ChildJvm;
import org.offloadbench.core.worker.ChildJvmLauncher;
import org.offloadbench.core.worker.ChildJvmSpec;

/** A parent killed with SIGKILL cannot clean up; its children must still go (end of stdin). */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class NoOrphansTest {

    @Test
    void childrenOfASigkilledParentExit() throws Exception {
        List<Long> pids = new ArrayList<>();
        ChildJvmSpec parentSpec = ChildJvmSpec.of(OrphanCheckParentMain.class.getName())
                .withJvmOptions(List.of("-Xmx128m", "-XX:TieredStopAtLevel=1"));
        try (ChildJvm parent = new ChildJvmLauncher().launch(parentSpec)) {
            BufferedReader out = new BufferedReader(new InputStreamReader(parent.stdout(), StandardCharsets.UTF_8));
            String line = out.readLine();
            if (line == null || !line.startsWith("pids ")) {
                fail("the parent printed '" + line + "' instead of its children's pids; stderr: " + parent.stderrTail());
            }
            for (String pid : line.substring(5).trim().split(" ")) {
                pids.add(Long.parseLong(pid));
            }
            assertEquals(2, pids.size(), line);
            for (long pid : pids) {
                assertTrue(ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false), "child " + pid + " is up");
            }
            // SIGKILL: no shutdown hook, no close(); only the kernel closing the pipes can tell the children
            ProcessHandle.of(parent.pid()).orElseThrow().destroyForcibly();
            parent.onExit().get(30, TimeUnit.SECONDS);
            parent.close(Duration.ZERO);
        }
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        for (long pid : pids) {
            while (ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false)) {
                if (System.nanoTime() - deadline > 0) {
                    ProcessHandle.of(pid).ifPresent(ProcessHandle::destroyForcibly);
                    fail("child " + pid + " outlived its SIGKILLed parent by 30 s (killed now)");
                }
                Thread.sleep(10);
            }
        }
    }
}
