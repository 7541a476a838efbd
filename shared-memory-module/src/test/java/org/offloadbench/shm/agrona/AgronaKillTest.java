package org.offloadbench.shm.agrona;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.offloadbench.core.conformance.Await;
import org.offloadbench.core.offload.FailureKind;
import org.offloadbench.core.offload.OffloadException;
import org.offloadbench.core.offload.OffloaderConfig;
import org.offloadbench.core.offload.OffloaderStats;
import org.offloadbench.core.offload.Task;
import org.offloadbench.core.offload.TaskResult;
import org.offloadbench.core.workload.InputSpec;
import org.offloadbench.core.workload.Workload;
import org.offloadbench.core.workload.WorkloadCatalogue;

/**
 * Children SIGKILLed at random moments (busy or idle) while tasks flow: every task gives the bytes of a
 * direct run or fails WORKER_CRASHED after its one retry, none is lost or counted twice, the model keeps
 * working, and its folder holds one ring file per live child, never the dead ones'.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class AgronaKillTest {

    @TempDir
    Path base;

    @Test
    void randomKillsLoseNothing() throws Exception {
        assumeTrue(new AgronaProvider().availability().available(), new AgronaProvider().availability().reason());
        Workload sha = WorkloadCatalogue.load().get("sha256");
        Random random = new Random(14);
        AgronaOffloader offloader = (AgronaOffloader) new AgronaProvider().create(AgronaTestSupport.tuned(
                OffloaderConfig.of(2, 256).withOption(AgronaSettings.DIR, base.toString())));
        AtomicInteger kills = new AtomicInteger();
        try {
            List<byte[]> inputs = new ArrayList<>();
            List<CompletableFuture<TaskResult>> futures = new ArrayList<>();
            Thread killer = new Thread(() -> {
                while (kills.get() < 6) {
                    pause(50 + random.nextInt(200));
                    List<Long> pids = offloader.workerPids();
                    if (!pids.isEmpty()) {
                        ProcessHandle.of(pids.get(random.nextInt(pids.size()))).ifPresent(ProcessHandle::destroyForcibly);
                        kills.incrementAndGet();
                    }
                }
            }, "test-killer");
            killer.start();
            // a window of 8 tasks in flight, bounded in count and time, until the killer is done
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (killer.isAlive() && futures.size() < 5_000 && System.nanoTime() < deadline) {
                int i = futures.size();
                byte[] input = sha.generateInput(InputSpec.of(i, 16 * 1024 + random.nextInt(256 * 1024)));
                inputs.add(input);
                futures.add(offloader.submit(Task.of("sha256", input)));
                if (i >= 8) {
                    futures.get(i - 8).handle((r, e) -> null).get(30, TimeUnit.SECONDS);
                }
            }
            killer.join(TimeUnit.SECONDS.toMillis(60));
            int ok = 0;
            for (int i = 0; i < futures.size(); i++) {
                try {
                    assertArrayEquals(sha.execute(inputs.get(i)), futures.get(i).get(30, TimeUnit.SECONDS).output(),
                            "task " + i);
                    ok++;
                } catch (java.util.concurrent.ExecutionException e) {
                    OffloadException oe = OffloadException.find(e);
                    assertTrue(oe != null && oe.kind() == FailureKind.WORKER_CRASHED
                            && oe.getMessage().contains("retried once"), "task " + i + ": " + e);
                }
            }
            assertEquals(6, kills.get(), "the test must really have killed children");
            assertTrue(ok >= futures.size() - kills.get(), "a task fails only when two kills hit it: " + ok + " of "
                    + futures.size() + " ok, " + offloader.stats());
            int tasks = futures.size();
            Await.until("every task counted once", () -> {
                OffloaderStats s = offloader.stats();
                return s.completed() + s.failed() == tasks && s.inFlight() == 0 && s.workers() == 2;
            }, offloader.stats()::toString);
            assertTrue(offloader.stats().respawned() >= 1, offloader.stats().toString());
            try (var files = Files.list(offloader.folder())) {
                assertEquals(2, files.count(), "one ring file per live child, the dead ones' removed");
            }
            byte[] input = inputs.get(0);
            assertArrayEquals(sha.execute(input), Await.result(offloader.submit(Task.of("sha256", input)),
                    "after the kills").output());
        } finally {
            assertTrue(offloader.close(Duration.ofSeconds(30)));
        }
        assertTrue(AgronaTestSupport.workerChildren().isEmpty(), "children left: " + AgronaTestSupport.workerChildren());
        try (var left = Files.list(base)) {
            assertEquals(0, left.count());
        }
    }

    private static void pause(long millis) {
        try {
            Thread.sleep(millis); // the killer's random rhythm, not synchronisation
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
