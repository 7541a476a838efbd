package org.offloadbench.node;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.ByteBuffer;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.offloadbench.core.offload.FailureKind;
import org.offloadbench.core.offload.OffloadException;
import org.offloadbench.core.offload.Offloader;
import org.offloadbench.core.offload.OffloaderConfig;
import org.offloadbench.core.offload.Task;
import org.offloadbench.core.offload.TaskResult;

/**
 * A node process killed (SIGKILL) under a running task: the task fails WORKER_CRASHED, nothing hangs, and the
 * model serves the next task. Once for a forked child of node/child-process, once for the node process of
 * node/worker-threads itself (the JVM starts a new one), and over and over for a node/cluster worker.
 */
@Timeout(value = 90, unit = TimeUnit.SECONDS)
class NodeChildDiesTest {

    @BeforeEach
    void needsNode() {
        assumeTrue(NodeModels.findNode().isPresent(), NodeModels.availability().reason());
    }

    @Test
    void aForkedChildKilledMidTaskFailsItsTaskAndIsReplaced() throws Exception {
        try (Offloader offloader = new ChildProcessProvider().create(OffloaderConfig.of(1, 4))) {
            CompletableFuture<TaskResult> running = offloader.submit(sleep(30_000));
            await("in flight", () -> offloader.stats().inFlight() == 1);
            List<Long> pids = offloader.workerPids(); // the parent first, then its forked child
            assertEquals(2, pids.size(), "node parent and one forked child: " + pids);
            ProcessHandle.of(pids.get(1)).orElseThrow().destroyForcibly();
            assertCrashed(running);
            assertStillWorks(offloader);
            assertEquals(1, offloader.stats().respawned(), offloader.stats().toString());
        }
    }

    @Test
    void theNodeProcessKilledMidTaskFailsItsTaskAndANewOneServes() throws Exception {
        try (Offloader offloader = new WorkerThreadsProvider().create(OffloaderConfig.of(1, 4))) {
            CompletableFuture<TaskResult> running = offloader.submit(sleep(30_000));
            await("in flight", () -> offloader.stats().inFlight() == 1);
            long nodePid = offloader.workerPids().get(0);
            ProcessHandle.of(nodePid).orElseThrow().destroyForcibly();
            assertCrashed(running);
            assertStillWorks(offloader);
            assertFalse(offloader.workerPids().contains(nodePid), "a new node process serves");
        }
    }

    /**
     * Node's cluster primary hands a connection that arrives right after a worker's death to that dead worker
     * until it has seen the exit, and nothing answers it; the client resends such requests once the primary
     * reports the respawn. Halts and the next request back to back, many times: each echo must come back.
     */
    @Test
    void aClusterRequestRightAfterAWorkerHaltIsAnswered() throws Exception {
        int rounds = 20;
        try (Offloader offloader = new ClusterProvider().create(OffloaderConfig.of(2, 4))) {
            for (int i = 0; i < rounds; i++) {
                CompletableFuture<TaskResult> halt = offloader.submit(Task.of("fault-halt",
                        ByteBuffer.allocate(8).putLong(3).array()));
                assertCrashed(halt);
                byte[] input = {(byte) i, 2, 3};
                try {
                    assertArrayEquals(input, offloader.submit(Task.of("echo", input.clone()))
                            .get(15, TimeUnit.SECONDS).output());
                } catch (java.util.concurrent.TimeoutException e) {
                    throw new AssertionError("round " + i + ": the echo after a halt hung; " + offloader.stats(), e);
                }
                int round = i + 1;
                await("workers back to 2", () -> offloader.stats().workers() == 2
                        && offloader.stats().respawned() >= round);
            }
            // the halt is resent once (core's recovery policy: a worker that died before answering), so each
            // round ends one or two workers
            long respawned = offloader.stats().respawned();
            assertTrue(respawned >= rounds && respawned <= 2L * rounds, offloader.stats().toString());
        }
    }

    private static void assertCrashed(CompletableFuture<TaskResult> f) {
        ExecutionException e = assertThrows(ExecutionException.class, () -> f.get(30, TimeUnit.SECONDS));
        OffloadException oe = OffloadException.find(e);
        assertNotNull(oe, e.toString());
        assertEquals(FailureKind.WORKER_CRASHED, oe.kind(), oe.toString());
    }

    private static void assertStillWorks(Offloader offloader) throws Exception {
        byte[] input = {1, 2, 3, 4, 5};
        assertArrayEquals(input, offloader.submit(Task.of("echo", input.clone())).get(30, TimeUnit.SECONDS).output());
    }

    static Task sleep(long millis) {
        return Task.of("fault-sleep", ByteBuffer.allocate(16).putLong(millis).array());
    }

    static void await(String what, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("gave up waiting for " + what);
            }
            Thread.sleep(10); // polling a condition, bounded; the assertion is the condition itself
        }
    }
}
