package org.offloadbench.process.bench;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.offloadbench.core.offload.FailureKind;
import org.offloadbench.core.offload.OffloadException;
import org.offloadbench.core.offload.Task;
import org.offloadbench.core.offload.TaskResult;
import org.offloadbench.core.workload.Workload;
import org.offloadbench.process.ChildStartup;
import org.offloadbench.process.PipesOffloader;

/**
 * SIGKILL a child while the pool is saturated, several times, and account for every task: each future must
 * complete (with its verified result or a clear failure; lost = 0), and the replacement should be ready
 * within 2x the measured spawn-to-READY time. Not a JMH benchmark: a kill is an event, not an operation.
 *
 * <p>Run: {@code java -cp process-module/target/benchmarks.jar org.offloadbench.process.bench.KillUnderLoadProbe
 * [kills=5] [workload=sha256]}
 */
public final class KillUnderLoadProbe {
    private KillUnderLoadProbe() {
    }

    public static void main(String[] args) throws Exception {
        int kills = args.length > 0 ? Integer.parseInt(args[0]) : 5;
        String workloadId = args.length > 1 ? args[1] : "sha256";
        int workers = 2;
        Workload workload = PipesBench.workload(workloadId);
        byte[] input = PipesBench.input(workload, -1);
        long expected = PipesBench.expectedChecksum(workload, input);
        List<CompletableFuture<TaskResult>> all = new ArrayList<>();
        AtomicBoolean stop = new AtomicBoolean();
        PipesOffloader pool = PipesBench.pool(workers, 64);
        double spawnMillis = pool.startups().stream().mapToLong(ChildStartup::spawnToReadyNanos).average().orElse(0) / 1e6;
        Thread driver = new Thread(() -> {
            ArrayDeque<CompletableFuture<TaskResult>> window = new ArrayDeque<>();
            // bounded in count as well as time: the main thread stops it after the last kill
            while (!stop.get() && all.size() < 2_000_000) {
                while (window.size() < 2 * workers) {
                    CompletableFuture<TaskResult> f = pool.submit(Task.of(workloadId, input));
                    synchronized (all) {
                        all.add(f);
                    }
                    window.add(f);
                }
                window.poll().handle((r, e) -> null).join();
            }
        }, "kill-probe-driver");
        driver.start();
        List<Double> replacementMillis = new ArrayList<>();
        try {
            for (int k = 0; k < kills; k++) {
                Thread.sleep(700);
                long respawnedBefore = pool.stats().respawned();
                long victim = pool.childPids().get(0);
                long t0 = System.nanoTime();
                ProcessHandle.of(victim).orElseThrow().destroyForcibly();
                long deadline = t0 + TimeUnit.SECONDS.toNanos(30);
                while (pool.stats().respawned() == respawnedBefore || pool.stats().workers() < workers) {
                    if (System.nanoTime() > deadline) {
                        throw new IllegalStateException("no replacement within 30 s: " + pool.stats());
                    }
                    Thread.sleep(1);
                }
                replacementMillis.add((System.nanoTime() - t0) / 1e6);
            }
        } finally {
            stop.set(true);
            driver.join(TimeUnit.SECONDS.toMillis(60));
        }
        List<CompletableFuture<TaskResult>> snapshot;
        synchronized (all) {
            snapshot = new ArrayList<>(all);
        }
        long ok = 0;
        long lost = 0;
        Map<FailureKind, Long> failed = new EnumMap<>(FailureKind.class);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        for (CompletableFuture<TaskResult> f : snapshot) {
            try {
                long left = Math.max(1, deadline - System.nanoTime());
                PipesBench.verified(f.get(left, TimeUnit.NANOSECONDS), expected);
                ok++;
            } catch (java.util.concurrent.TimeoutException e) {
                lost++;
            } catch (java.util.concurrent.ExecutionException e) {
                OffloadException oe = OffloadException.find(e);
                failed.merge(oe == null ? FailureKind.WORKLOAD_FAILED : oe.kind(), 1L, Long::sum);
            }
        }
        List<ChildStartup> startups = pool.startups();
        double replacementSpawn = startups.subList(workers, startups.size()).stream()
                .mapToLong(ChildStartup::spawnToReadyNanos).average().orElse(0) / 1e6;
        long retries = pool.retries();
        pool.close(Duration.ofSeconds(10));
        List<Double> sorted = new ArrayList<>(replacementMillis);
        sorted.sort(null);
        System.out.printf("workload %s, %d children, %d SIGKILLs under load%n", workloadId, workers, kills);
        System.out.printf("tasks %d: ok %d (all verified), failed %s, lost %d, retried %d%n", snapshot.size(), ok,
                failed, lost, retries);
        System.out.printf("initial spawn-to-READY mean %.1f ms; replacement children spawn-to-READY mean %.1f ms%n",
                spawnMillis, replacementSpawn);
        System.out.printf("kill-to-replacement-ready ms: %s (median %.1f, max %.1f) = %.2fx the initial spawn%n",
                replacementMillis.stream().map(d -> String.format("%.1f", d)).toList(), sorted.get(sorted.size() / 2),
                sorted.get(sorted.size() - 1), sorted.get(sorted.size() / 2) / spawnMillis);
    }
}
