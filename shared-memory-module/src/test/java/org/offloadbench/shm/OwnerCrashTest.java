package org.offloadbench.shm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.offloadbench.core.worker.ChildJvm;
import org.offloadbench.core.worker.ChildJvmLauncher;
import org.offloadbench.core.worker.ChildJvmSpec;
import org.offloadbench.shm.region.RegionLayout;
import org.offloadbench.shm.region.ShmRegion;

/** Nothing is left behind when the owning JVM crashes or exits without closing. */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class OwnerCrashTest {

    @TempDir
    Path base;

    @Test
    void aCrashedOwnersWorkersExitAndTheNextStartRemovesItsRegion() throws Exception {
        String[] line = runOwner("halt");
        Path folder = Path.of(line[0]);
        long workerPid = Long.parseLong(line[1]);
        assertTrue(Files.exists(folder), "test premise: a halted owner leaves its region behind");
        // the worker notices its parent is gone and exits by itself
        ShmFailureTest.awaitTrue(() -> ProcessHandle.of(workerPid).map(p -> !p.isAlive()).orElse(true),
                () -> "worker " + workerPid + " outlived its crashed parent");
        try (ShmRegion next = ShmRegion.create(base, new RegionLayout(1, 64))) {
            assertFalse(Files.exists(folder), "the next start must remove the dead owner's region");
            try (var left = Files.list(base)) {
                assertEquals(List.of(next.file().getParent()), left.toList());
            }
        }
        try (var left = Files.list(base)) {
            assertEquals(0, left.count());
        }
    }

    @Test
    void anOwnerExitingWithoutCloseHasItsRegionRemovedByTheShutdownHook() throws Exception {
        String[] line = runOwner("exit");
        assertFalse(Files.exists(Path.of(line[0])), "the shutdown hook must remove the region");
    }

    private String[] runOwner(String how) throws Exception {
        try (ChildJvm owner = new ChildJvmLauncher().launch(ChildJvmSpec.of(CrashingOwnerMain.class.getName())
                .withJvmOptions(List.of(ShmTestSupport.CHILD_JVM_OPTIONS.split(" ")))
                .withArgs(List.of(base.toString(), how)))) {
            BufferedReader out = new BufferedReader(new InputStreamReader(owner.stdout(), StandardCharsets.UTF_8));
            String line = out.readLine();
            assertTrue(line != null, "the owner printed nothing; stderr: " + owner.stderrTail());
            assertTrue(owner.onExit().get(60, TimeUnit.SECONDS) != null);
            return line.split(" ");
        }
    }
}
