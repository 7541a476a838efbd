package org.offloadbench.shm.agrona;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.offloadbench.core.conformance.Await;
import org.offloadbench.core.offload.OffloaderConfig;
import org.offloadbench.core.offload.Task;
import org.offloadbench.core.offload.TaskResult;
import org.offloadbench.core.worker.ChildJvm;
import org.offloadbench.core.worker.ChildJvmLauncher;
import org.offloadbench.core.worker.ChildJvmSpec;
import org.offloadbench.core.workload.InputSpec;
import org.offloadbench.core.workload.WorkloadCatalogue;
import org.offloadbench.core.workload.fault.FaultSleep;
import org.offloadbench.core.workload.fault.FaultWorkload;

/** No child JVM and no ring file is left behind: after close, busy or not, and after the owner is SIGKILLed. */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class AgronaLeftoverTest {

    @TempDir
    Path base;

    @BeforeEach
    void available() {
        assumeTrue(new AgronaProvider().availability().available(), new AgronaProvider().availability().reason());
    }

    private AgronaOffloader create(int workers) {
        return (AgronaOffloader) new AgronaProvider().create(AgronaTestSupport.tuned(OffloaderConfig.of(workers, 8)
                .withOption(AgronaSettings.DIR, base.toString())));
    }

    @Test
    void ringFilesArePrivateAndGoWithTheChildrenOnClose() throws Exception {
        AgronaOffloader offloader = create(2);
        List<Long> pids = offloader.workerPids();
        assertEquals(2, pids.size(), pids.toString());
        Path folder = offloader.folder();
        assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(folder)));
        List<Path> files;
        try (var list = Files.list(folder)) {
            files = list.toList();
        }
        assertEquals(2, files.size(), "one ring file per child: " + files);
        for (Path file : files) {
            assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)), file.toString());
        }
        // busy at close: a running task is cut short, its child killed, its file removed with the rest
        CompletableFuture<TaskResult> running = offloader.submit(Task.of("echo", new byte[100]));
        Await.result(running, "an echo before close");
        CompletableFuture<TaskResult> cut = offloader.submit(sleepTask());
        Await.until("the sleep running", () -> !offloader.runningPids().isEmpty(), offloader.stats()::toString);
        assertFalse(offloader.close(Duration.ofMillis(200)), "a task was cut short, so close must say false");
        assertTrue(cut.isCompletedExceptionally());
        assertNothingLeft(pids);
    }

    @Test
    void aKilledOwnersChildrenExitAndTheNextStartRemovesItsRings() throws Exception {
        List<String> jvm = new ArrayList<>(Arrays.asList(AgronaTestSupport.CHILD_JVM_OPTIONS.split(" ")));
        jvm.add(RingChild.AGRONA_EXPORT);
        String[] line;
        try (ChildJvm owner = new ChildJvmLauncher().launch(ChildJvmSpec.of(AgronaOwnerMain.class.getName())
                .withJvmOptions(jvm).withArgs(List.of(base.toString())))) {
            String printed = new BufferedReader(new InputStreamReader(owner.stdout(), StandardCharsets.UTF_8)).readLine();
            assertTrue(printed != null, "the owner printed nothing; stderr: " + owner.stderrTail());
            line = printed.split(" ");
            owner.destroyForcibly(); // SIGKILL: no close, no shutdown hook
            assertTrue(owner.onExit().get(30, TimeUnit.SECONDS) != null);
        }
        Path folder = Path.of(line[0]);
        List<Long> workers = Arrays.stream(line).skip(1).map(Long::parseLong).toList();
        assertEquals(2, workers.size(), String.join(" ", line));
        assertTrue(Files.exists(folder), "test premise: a SIGKILLed owner leaves its rings behind");
        // the children notice their parent is gone and exit by themselves
        Await.until("the dead owner's children exit", () -> workers.stream().noneMatch(AgronaLeftoverTest::alive),
                workers::toString);
        AgronaOffloader next = create(1);
        List<Long> nextPids = next.workerPids();
        assertFalse(Files.exists(folder), "the next start must remove the dead owner's rings");
        assertTrue(next.close(Duration.ofSeconds(10)));
        assertNothingLeft(nextPids);
    }

    private static Task sleepTask() {
        FaultWorkload w = (FaultWorkload) WorkloadCatalogue.load().get(FaultSleep.ID);
        return Task.of(w.id(), w.generateInput(InputSpec.of(1, 16).withOption(w.option(), "30000")));
    }

    private void assertNothingLeft(List<Long> pids) throws Exception {
        for (long pid : pids) {
            assertFalse(alive(pid), "child " + pid + " outlived close");
        }
        assertTrue(AgronaTestSupport.workerChildren().isEmpty(), "children left: " + AgronaTestSupport.workerChildren());
        try (var left = Files.list(base)) {
            assertEquals(List.of(), left.toList(), "nothing may stay in the ring folder's base");
        }
    }

    private static boolean alive(long pid) {
        return ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false);
    }
}
