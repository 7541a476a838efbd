package org.offloadbench.core.measure.cpu;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.offloadbench.core.measure.NanoClock;
import org.offloadbench.core.worker.ChildJvm;
import org.offloadbench.core.worker.ChildJvmLauncher;
import org.offloadbench.core.worker.ChildJvmSpec;

/**
 * The accountant on this machine, against work of known CPU cost: tasks that each burn a fixed amount of
 * thread CPU time. Bounds are generous (the JIT, GC and the test runner's own threads add a little) and
 * are in CPU time, so a busy machine makes the test slower, never wrong.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class CpuAccountantKnownCostTest {
    private static final long TASK_MILLIS = 40;
    private static final int TASKS = 8;
    private static final List<String> SMALL_JVM = List.of("-Xmx32m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1");

    private static void assumeProc() {
        assumeTrue(ProcCpuSource.ofThisMachine().unavailableReason().isEmpty(), "needs Linux /proc");
    }

    @Test
    @SuppressWarnings("deprecation")
    void inProcessWorkerThreadsAreChargedTheirBurnAndTheWaitingCallerAlmostNothing() throws Exception {
        assumeProc();
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            pool.submit(() -> Burn.cpuNanos(TASK_MILLIS * 1_000_000L)).get(); // threads started, code loaded
            CpuAccountant accountant = CpuAccountant.ofThisMachine();
            CpuAccountant.Window window = accountant.start(List.of(Thread.currentThread().getId()), List::of);
            List<Future<Long>> tasks = new java.util.ArrayList<>();
            for (int i = 0; i < TASKS; i++) {
                tasks.add(pool.submit(() -> Burn.cpuNanos(TASK_MILLIS * 1_000_000L)));
            }
            for (Future<Long> f : tasks) {
                f.get();
            }
            CpuPerTask perTask = window.stop().perTask(TASKS);
            double workerMillis = perTask.workerNanos() / 1e6;
            assertTrue(workerMillis >= 0.8 * TASK_MILLIS && workerMillis <= 2.0 * TASK_MILLIS,
                    "worker CPU per task " + workerMillis + " ms, burned " + TASK_MILLIS + " ms");
            assertTrue(perTask.coordinatorNanos() / 1e6 < 0.25 * TASK_MILLIS,
                    "a caller blocked in Future.get used " + perTask.coordinatorNanos() / 1e6 + " ms per task");
        } finally {
            pool.shutdownNow();
            assertTrue(pool.awaitTermination(10, TimeUnit.SECONDS));
        }
    }

    @Test
    void aChildProcessIsChargedItsBurnWhetherItLivesOnOrExitsInTheWindow() throws Exception {
        assumeProc();
        for (boolean exitInWindow : new boolean[] {false, true}) {
            ChildJvm child = new ChildJvmLauncher().launch(ChildJvmSpec.of(BurnMain.class.getName())
                    .withJvmOptions(SMALL_JVM).withArgs(List.of(Long.toString(TASK_MILLIS))));
            try (child) {
                BufferedReader out = new BufferedReader(new InputStreamReader(child.stdout(), StandardCharsets.UTF_8));
                OutputStream in = child.stdin();
                assertEquals("ready", out.readLine());
                burn(in, out); // its own warm-up, before the window
                CpuAccountant.Window window = new CpuAccountant(ProcCpuSource.ofThisMachine(), NanoClock.system())
                        .start(List.of(), () -> child.isAlive() ? List.of(child.pid()) : List.of());
                for (int i = 0; i < TASKS; i++) {
                    burn(in, out);
                }
                if (exitInWindow) {
                    send(in, "exit");
                    assertEquals(0, child.onExit().get(30, TimeUnit.SECONDS)); // reaped: its time is in our cutime
                }
                CpuUsage usage = window.stop();
                double workerMillis = usage.perTask(TASKS).workerNanos() / 1e6;
                assertTrue(usage.workersOutOfProcess());
                // /proc counts 10 ms ticks: the bound allows for them; exiting adds the JVM's shutdown
                assertTrue(workerMillis >= 0.8 * TASK_MILLIS - 2 && workerMillis <= 2.5 * TASK_MILLIS + 10,
                        (exitInWindow ? "exited child: " : "live child: ") + "worker CPU per task " + workerMillis
                                + " ms, burned " + TASK_MILLIS + " ms");
            } finally {
                child.close(Duration.ofSeconds(5));
            }
        }
    }

    private static void burn(OutputStream in, BufferedReader out) throws IOException {
        send(in, "burn");
        assertEquals("done", out.readLine());
    }

    private static void send(OutputStream in, String line) throws IOException {
        in.write((line + "\n").getBytes(StandardCharsets.UTF_8));
        in.flush();
    }
}
