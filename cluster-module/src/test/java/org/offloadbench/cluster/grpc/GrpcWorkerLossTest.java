package org.offloadbench.cluster.grpc;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.offloadbench.core.workload.fault.FaultSleep;
import org.offloadbench.core.offload.FailureKind;
import org.offloadbench.core.offload.OffloadException;
import org.offloadbench.core.offload.Task;
import org.offloadbench.core.offload.TaskResult;
import org.offloadbench.core.workload.InputSpec;
import org.offloadbench.core.workload.Workload;
import org.offloadbench.core.workload.WorkloadCatalogue;
import org.offloadbench.core.workload.fault.FaultHalt;
import org.offloadbench.core.workload.fault.FaultWorkload;

/**
 * A worker SIGKILLed while it runs a task: with retry=on the task is run again on the other worker and
 * returns its right bytes; with retry=off it fails WORKER_CRASHED. Either way the worker is respawned and the
 * cluster serves again. A poison task (fault-halt) kills two workers with retry=on, one with retry=off.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class GrpcWorkerLossTest {
    private final WorkloadCatalogue catalogue = WorkloadCatalogue.load();

    @Test
    void aKilledWorkersTaskIsRetriedOnTheOtherWorker() throws Exception {
        try (GrpcOffloader grpc = GrpcCluster.create(GrpcTestSupport.config(2, 8))) {
            List<CompletableFuture<TaskResult>> futures = twoRunningSleeps(grpc);
            killFirstWorker(grpc);
            for (CompletableFuture<TaskResult> f : futures) {
                assertArrayEquals(new FaultSleep().input(3_000), f.get(60, TimeUnit.SECONDS).output());
            }
            assertEquals(1, grpc.retried(), grpc.stats().toString());
            awaitBackToStrength(grpc);
            assertStillServes(grpc);
        }
    }

    @Test
    void withRetryOffTheKilledWorkersTaskFailsWorkerCrashed() throws Exception {
        try (GrpcOffloader grpc = GrpcCluster.create(GrpcTestSupport.config(2, 8).withOption("retry", "off"))) {
            List<CompletableFuture<TaskResult>> futures = twoRunningSleeps(grpc);
            killFirstWorker(grpc);
            int crashed = 0;
            for (CompletableFuture<TaskResult> f : futures) {
                try {
                    assertArrayEquals(new FaultSleep().input(3_000), f.get(60, TimeUnit.SECONDS).output());
                } catch (ExecutionException e) {
                    OffloadException oe = OffloadException.find(e);
                    assertTrue(oe != null && oe.kind() == FailureKind.WORKER_CRASHED, String.valueOf(e));
                    assertTrue(oe.getMessage().contains("retry=off"), oe.getMessage());
                    crashed++;
                }
            }
            assertEquals(1, crashed, "exactly the killed worker's task fails");
            assertEquals(0, grpc.retried());
            awaitBackToStrength(grpc);
            assertStillServes(grpc);
        }
    }

    @Test
    void aPoisonTaskTakesTwoWorkersWithRetryAndOneWithout() throws Exception {
        for (String retry : List.of("on", "off")) {
            try (GrpcOffloader grpc = GrpcCluster.create(GrpcTestSupport.config(2, 8).withOption("retry", retry))) {
                FaultWorkload halt = (FaultWorkload) catalogue.get(FaultHalt.ID);
                byte[] input = halt.generateInput(InputSpec.of(1, 16).withOption(halt.option(), "3"));
                ExecutionException e = org.junit.jupiter.api.Assertions.assertThrows(ExecutionException.class,
                        () -> grpc.submit(Task.of(FaultHalt.ID, input)).get(60, TimeUnit.SECONDS));
                assertEquals(FailureKind.WORKER_CRASHED, OffloadException.find(e).kind(), e.toString());
                long expectedDeaths = retry.equals("on") ? 2 : 1;
                await("respawned == " + expectedDeaths, () -> grpc.stats().respawned() == expectedDeaths
                        && grpc.stats().workers() == 2, grpc);
                assertEquals(retry.equals("on") ? 1 : 0, grpc.retried());
                assertStillServes(grpc);
            }
        }
    }

    /** Two 3 s sleeps, running at once: with one task per worker, one on each worker. */
    private static List<CompletableFuture<TaskResult>> twoRunningSleeps(GrpcOffloader grpc) {
        List<CompletableFuture<TaskResult>> futures = new ArrayList<>();
        for (int i = 0; i < 2; i++) {
            futures.add(grpc.submit(Task.of(FaultSleep.ID, new FaultSleep().input(3_000))));
        }
        await("both running", () -> grpc.stats().inFlight() == 2, grpc);
        return futures;
    }

    private static void killFirstWorker(GrpcOffloader grpc) {
        long victim = grpc.workerPids().get(0);
        assertTrue(ProcessHandle.of(victim).map(ProcessHandle::destroyForcibly).orElse(false), "kill " + victim);
    }

    private static void awaitBackToStrength(GrpcOffloader grpc) {
        await("worker respawned", () -> grpc.stats().respawned() >= 1 && grpc.stats().workers() == 2, grpc);
    }

    private void assertStillServes(GrpcOffloader grpc) throws Exception {
        Workload sha = catalogue.get("sha256");
        for (int i = 0; i < 4; i++) {
            byte[] input = sha.generateInput(InputSpec.of(i, 1024));
            assertArrayEquals(sha.execute(input), grpc.submit(Task.of("sha256", input)).get(60, TimeUnit.SECONDS)
                    .output());
        }
    }

    /** Polls a condition (a liveness bound, never a timing assertion). */
    static void await(String what, BooleanSupplier condition, GrpcOffloader grpc) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                fail("gave up waiting for " + what + ": " + grpc.stats());
            }
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                fail("interrupted");
            }
        }
    }
}
