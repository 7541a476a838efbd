package org.offloadbench.core.offload.transport;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.offloadbench.core.conformance.Await;
import org.offloadbench.core.offload.FailureKind;
import org.offloadbench.core.offload.OffloadException;
import org.offloadbench.core.offload.OffloaderStats;
import org.offloadbench.core.offload.Task;
import org.offloadbench.core.offload.TaskResult;

class TransportPoolTest {
    private final FakeTransport transport = new FakeTransport();
    private TransportPool pool;

    private TransportPool pool(int workers, boolean retry, int maxStartFailures) {
        PoolSettings settings = new PoolSettings("test/pool", workers, 8, 1, DispatchPolicy.LEAST_BUSY,
                RecoveryPolicy.of(retry, maxStartFailures, 0L), 0L, false, System::nanoTime, Duration.ofSeconds(1));
        pool = new TransportPool(settings, transport);
        return pool;
    }

    @AfterEach
    void closePool() {
        if (pool != null) {
            pool.close(Duration.ZERO);
        }
    }

    /** The worker that holds request {@code id} now. */
    private FakeTransport.FakeWorker holder(int nth) {
        Await.until("some worker to hold " + nth + " request(s)",
                () -> transport.started.stream().anyMatch(w -> w.alive && !w.requests.isEmpty()),
                () -> transport.started.toString());
        return transport.started.stream().filter(w -> w.alive && !w.requests.isEmpty()).findFirst().orElseThrow();
    }

    private static long onlyRequest(FakeTransport.FakeWorker w) {
        return w.requests.keySet().iterator().next();
    }

    @Test
    void aTaskTravelsToAWorkerAndBack() {
        transport.behaviour = FakeTransport.Behaviour.ECHO;
        pool(2, true, 3);
        byte[] input = {1, 2, 3};
        TaskResult r = Await.result(pool.submit(Task.of("echo", input)), "echo");
        assertArrayEquals(input, r.output());
        assertTrue(r.workerId().startsWith("pid 100"), r.workerId());
        OffloaderStats s = pool.stats();
        assertEquals(1, s.completed());
        assertEquals(2, s.workers());
        assertEquals(2, pool.workerPids().size());
        assertEquals(2, pool.startups().size());
        assertTrue(pool.startups().get(0).spawnToFirstResultNanos() >= 0
                || pool.startups().get(1).spawnToFirstResultNanos() >= 0);
    }

    @Test
    void aTaskWhoseWorkerDiesIsRetriedOnceElsewhere() {
        pool(2, true, 3);
        CompletableFuture<TaskResult> f = pool.submit(Task.of("echo", new byte[] {7}));
        FakeTransport.FakeWorker first = holder(1);
        first.crash();
        Await.until("the retry to be sent", () -> transport.started.stream()
                .anyMatch(w -> w != first && w.alive && !w.requests.isEmpty()), () -> transport.started.toString());
        FakeTransport.FakeWorker second = holder(1);
        second.answer(onlyRequest(second), new byte[] {7});
        assertArrayEquals(new byte[] {7}, Await.result(f, "the retried task").output());
        assertEquals(1, pool.retries());
        Await.until("the dead worker to be replaced", () -> pool.stats().respawned() == 1, () -> pool.stats().toString());
        assertEquals(1, pool.stats().completed());
    }

    @Test
    void aSecondLossFailsWithTheWorkersReport() {
        pool(1, true, 3);
        CompletableFuture<TaskResult> f = pool.submit(Task.of("echo", new byte[] {7}));
        holder(1).crash();
        Await.until("the retry to be sent", () -> transport.started.size() == 2 && !transport.started.get(1).requests
                .isEmpty(), () -> transport.started.toString());
        transport.started.get(1).crash();
        OffloadException e = Await.failure(f, "the twice-lost task");
        assertEquals(FailureKind.WORKER_CRASHED, e.kind());
        assertTrue(e.getMessage().contains("already been retried once"), e.getMessage());
        assertTrue(e.getMessage().contains("exit code 137"), e.getMessage());
        assertEquals(1, pool.stats().failed());
    }

    @Test
    void withRetryOffTheFirstLossFails() {
        pool(1, false, 3);
        CompletableFuture<TaskResult> f = pool.submit(Task.of("echo", new byte[] {7}));
        holder(1).crash();
        OffloadException e = Await.failure(f, "the lost task");
        assertEquals(FailureKind.WORKER_CRASHED, e.kind());
        assertTrue(e.getMessage().contains("retry=off"), e.getMessage());
        assertEquals(0, pool.retries());
    }

    @Test
    void respawningStopsAfterRepeatedStartFailuresAndThenEverythingFailsUnavailable() {
        transport.failFrom = 1; // the warm pool starts; every replacement fails
        pool(1, false, 2);
        CompletableFuture<TaskResult> f = pool.submit(Task.of("echo", new byte[] {7}));
        holder(1).crash();
        assertEquals(FailureKind.WORKER_CRASHED, Await.failure(f, "the lost task").kind());
        Await.until("the pool to give up", () -> transport.launches.get() == 3 && pool.stats().workers() == 0
                        && pool.submit(Task.of("echo", new byte[0])).isCompletedExceptionally(),
                () -> pool.stats() + ", launches " + transport.launches.get());
        OffloadException e = Await.failure(pool.submit(Task.of("echo", new byte[0])), "a task after giving up");
        assertEquals(FailureKind.UNAVAILABLE, e.kind());
        assertTrue(e.getMessage().contains("stopped respawning after 2"), e.getMessage());
        assertEquals(3, transport.launches.get(), "no more starts after giving up");
    }

    @Test
    void cancellingARunningTaskReplacesItsWorker() {
        pool(1, true, 3);
        CompletableFuture<TaskResult> f = pool.submit(Task.of("echo", new byte[] {7}));
        FakeTransport.FakeWorker w = holder(1);
        f.cancel(true);
        Await.until("the worker to be replaced", () -> pool.stats().respawned() == 1, () -> pool.stats().toString());
        assertFalse(w.alive, "the worker running the cancelled task was killed");
        OffloaderStats s = pool.stats();
        assertEquals(1, s.cancelled());
        assertEquals(0, s.inFlight());
        assertEquals(1, s.workers());
    }

    @Test
    void aTimeoutAnswerReplacesTheWorkerThatRanIt() {
        pool(1, true, 3);
        CompletableFuture<TaskResult> f = pool.submit(Task.of("echo", new byte[] {7}).withTimeoutNanos(1_000_000));
        FakeTransport.FakeWorker w = holder(1);
        w.failTask(onlyRequest(w), FailureKind.TIMED_OUT, "ran past its timeout");
        assertEquals(FailureKind.TIMED_OUT, Await.failure(f, "the timed-out task").kind());
        Await.until("the worker to be replaced", () -> pool.stats().respawned() == 1, () -> pool.stats().toString());
        assertEquals(1, pool.stats().timedOut());
    }

    @Test
    void aBadRequestAndAFullQueueAreRefusedAtSubmit() {
        pool(1, true, 3);
        assertEquals(FailureKind.BAD_REQUEST, Await.failure(pool.submit(Task.of("echo", new byte[2048])),
                "an oversized task").kind());
        for (int i = 0; i < 9; i++) {
            assertFalse(pool.submit(Task.of("echo", new byte[1])).isDone(), "task " + i + " fits (1 + 8)");
        }
        OffloadException full = Await.failure(pool.submit(Task.of("echo", new byte[1])), "the tenth task");
        assertEquals(FailureKind.REJECTED, full.kind());
        assertTrue(full.getMessage().contains("queueCapacity"), full.getMessage());
        OffloaderStats s = pool.stats();
        assertEquals(1, s.failed());
        assertEquals(1, s.rejected());
        assertEquals(8, s.queueDepth());
        assertEquals(1, s.inFlight());
    }

    @Test
    void closeStopsIdleWorkersGentlyAndCutsBusyOnesShort() {
        pool(2, true, 3);
        CompletableFuture<TaskResult> f = pool.submit(Task.of("echo", new byte[] {7}));
        FakeTransport.FakeWorker busy = holder(1);
        assertFalse(pool.close(Duration.ZERO), "a task was cut short");
        assertEquals(FailureKind.CLOSED, Await.failure(f, "the cut task").kind());
        FakeTransport.FakeWorker idle = transport.started.stream().filter(w -> w != busy).findFirst().orElseThrow();
        assertTrue(idle.gracefulShutdown, "an idle worker is asked to exit");
        assertFalse(busy.gracefulShutdown, "a busy worker is killed");
        assertFalse(busy.alive);
        assertTrue(transport.closed);
        assertEquals(FailureKind.CLOSED, Await.failure(pool.submit(Task.of("echo", new byte[0])), "after close").kind());
        assertEquals(0, pool.stats().respawned(), "nothing is respawned at close");
    }

    @Test
    void aWarmPoolThatCannotStartFailsUnavailable() {
        transport.failFrom = 0;
        OffloadException e = org.junit.jupiter.api.Assertions.assertThrows(OffloadException.class,
                () -> pool(1, true, 2));
        assertEquals(FailureKind.UNAVAILABLE, e.kind());
        assertEquals(2, transport.launches.get(), "the start guard tried twice");
    }
}
