package org.offloadbench.shm;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.offloadbench.core.offload.FailureKind;
import org.offloadbench.core.offload.OffloadException;
import org.offloadbench.core.offload.OffloaderConfig;
import org.offloadbench.core.offload.OffloaderStats;
import org.offloadbench.core.offload.Task;
import org.offloadbench.core.offload.TaskResult;
import org.offloadbench.core.workload.InputSpec;
import org.offloadbench.core.workload.Workload;
import org.offloadbench.core.workload.WorkloadCatalogue;
import org.offloadbench.shm.slot.Slot;
import org.offloadbench.shm.worker.ShmWorkerMain;

/**
 * Children killed with SIGKILL at random points while tasks run: every task still gives the bytes of a
 * direct run (retried once on a fresh child) or fails clearly as WORKER_CRASHED, none is lost, and once
 * things are quiet every slot of the region is FREE and consistent.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class ChildKillTest {

    @ParameterizedTest(name = "wait={0}")
    @ValueSource(strings = {"backoff", "park"})
    void randomKillsLoseNothingAndLeaveEverySlotConsistent(String wait) throws Exception {
        WorkloadCatalogue catalogue = WorkloadCatalogue.load();
        Workload sha = catalogue.get("sha256");
        OffloaderConfig config = OffloaderConfig.of(2, 256).withOption(ShmSettings.WAIT, wait)
                .withOption(ShmSettings.SLOT_BYTES, Integer.toString(1 << 20))
                .withOption(ShmSettings.JVM_OPTIONS, ShmTestSupport.CHILD_JVM_OPTIONS);
        Random random = new Random(wait.hashCode());
        ShmOffloader offloader = (ShmOffloader) new ShmCopyProvider().create(config);
        AtomicInteger kills = new AtomicInteger();
        try {
            // tasks keep flowing (a window of 8 in flight) until the killer has struck often enough; bounded in
            // count and time so a broken model fails the test instead of hanging it
            List<byte[]> inputs = new ArrayList<>();
            List<CompletableFuture<TaskResult>> futures = new ArrayList<>();
            Thread killer = new Thread(() -> {
                while (kills.get() < 8) {
                    sleep(30 + random.nextInt(150));
                    List<ProcessHandle> children = workerChildren();
                    if (!children.isEmpty()) {
                        children.get(random.nextInt(children.size())).destroyForcibly();
                        kills.incrementAndGet();
                    }
                }
            }, "test-killer");
            killer.start();
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (killer.isAlive() && futures.size() < 5_000 && System.nanoTime() < deadline) {
                int i = futures.size();
                byte[] input = sha.generateInput(InputSpec.of(i, 64 * 1024 + random.nextInt(512 * 1024)));
                inputs.add(input);
                futures.add(offloader.submit(Task.of("sha256", input)));
                if (i >= 8) {
                    futures.get(i - 8).handle((r, e) -> null).join();
                }
            }
            int tasks = futures.size();
            int ok = 0;
            int crashed = 0;
            List<String> crashes = new ArrayList<>();
            for (int i = 0; i < tasks; i++) {
                try {
                    TaskResult result = futures.get(i).join();
                    assertArrayEquals(sha.execute(inputs.get(i)), result.output(), "task " + i);
                    ok++;
                } catch (RuntimeException e) {
                    OffloadException oe = OffloadException.find(e);
                    assertTrue(oe != null && oe.kind() == FailureKind.WORKER_CRASHED, "task " + i + ": " + e);
                    assertTrue(oe.getMessage().contains("retried once"), oe.getMessage());
                    crashed++;
                    crashes.add("task " + i + ": " + oe.getMessage());
                }
            }
            killer.join();
            assertEquals(8, kills.get(), "the test must actually have killed children");
            assertEquals(tasks, ok + crashed);
            assertTrue(ok >= tasks - kills.get(), "a task fails only when two kills hit it: " + ok + " ok, "
                    + kills.get() + " kills, " + offloader.stats() + "; the failures: " + String.join(" | ", crashes));
            OffloaderStats stats = offloader.stats();
            assertEquals(tasks, stats.completed() + stats.failed(), stats.toString());
            assertEquals(0, stats.inFlight(), stats.toString());
            assertTrue(stats.respawned() > 0, stats.toString());
            assertTrue(offloader.retried() > 0, "kills during tasks must have caused retries: " + stats);

            // quiet now: every slot FREE and consistent, whatever the kills interrupted
            for (Slot slot : offloader.region().slots()) {
                assertNull(slot.inconsistency(true), slot.toString());
            }
            // and the model still works on every channel (idle-killed children are replaced on demand)
            List<CompletableFuture<TaskResult>> after = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                after.add(offloader.submit(Task.of("sha256", inputs.get(i))));
            }
            for (int i = 0; i < after.size(); i++) {
                assertArrayEquals(sha.execute(inputs.get(i)), after.get(i).join().output());
            }
        } finally {
            assertTrue(offloader.close(Duration.ofSeconds(30)));
        }
        assertTrue(workerChildren().isEmpty(), "no child may outlive close: " + workerChildren());
    }

    static List<ProcessHandle> workerChildren() {
        return ProcessHandle.current().children().filter(ProcessHandle::isAlive)
                .filter(p -> p.info().commandLine().orElse("").contains(ShmWorkerMain.class.getName())).toList();
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
