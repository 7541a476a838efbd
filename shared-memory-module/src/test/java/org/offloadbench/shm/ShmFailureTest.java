package org.offloadbench.shm;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.offloadbench.core.offload.FailureKind;
import org.offloadbench.core.offload.OffloadException;
import org.offloadbench.core.offload.Offloader;
import org.offloadbench.core.offload.Task;
import org.offloadbench.core.offload.TaskResult;
import org.offloadbench.core.workload.fault.FaultHang;
import org.offloadbench.core.workload.fault.FaultSleep;
import org.offloadbench.shm.slot.Slot;

/**
 * Timeouts from the start of execution, cancellation, stuck workers and close, for threads and child JVMs.
 * Every limit is a liveness bound, never a performance check.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class ShmFailureTest {

    private static Task sleep(long millis) {
        return Task.of(FaultSleep.ID, ShmTestSupport.millis(millis));
    }

    private static Task hang(long millis) {
        return Task.of(FaultHang.ID, ShmTestSupport.millis(millis));
    }

    @ParameterizedTest(name = "{0} wait={1}")
    @CsvSource({"shm/in-process,backoff", "shm/in-process,park", "shm/copy,backoff", "shm/copy,park"})
    void aTimeoutRunsFromTheStartOfExecutionAndAStuckWorkerIsReplaced(String model, String wait) {
        try (ShmOffloader offloader = (ShmOffloader) ShmModelsTest.create(model, 1, wait, 4096)) {
            // queued behind 600 ms of work with a 400 ms timeout, it runs 10 ms: must succeed
            CompletableFuture<TaskResult> ahead = offloader.submit(sleep(600));
            long submitted = System.nanoTime();
            TaskResult behind = offloader.submit(sleep(10).withTimeoutNanos(TimeUnit.MILLISECONDS.toNanos(400))).join();
            assertTrue(System.nanoTime() - submitted > TimeUnit.MILLISECONDS.toNanos(400), "test premise: it waited");
            assertArrayEquals(ShmTestSupport.millis(10), behind.output());
            ahead.join();

            // a task ignoring interrupts runs past its timeout: TIMED_OUT, and the model carries on
            OffloadException e = ShmModelsTest.failure(offloader.submit(
                    hang(3_000).withTimeoutNanos(TimeUnit.MILLISECONDS.toNanos(200))));
            assertEquals(FailureKind.TIMED_OUT, e.kind(), e.toString());
            assertTrue(e.getMessage().contains("200 ms"), e.getMessage());
            assertArrayEquals(ShmTestSupport.millis(1), offloader.submit(sleep(1)).join().output());
            awaitTrue(() -> offloader.stats().inFlight() == 0, offloader::toString);
            var stats = offloader.stats();
            assertEquals(1, stats.timedOut(), stats.toString());
            assertEquals(1, stats.respawned() + stats.abandoned(), stats.toString());
            assertEquals(3, stats.completed(), stats.toString());
        }
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({"shm/in-process", "shm/copy"})
    void cancellingARunningTaskFreesItsWorkerAndItsSlot(String model) {
        try (ShmOffloader offloader = (ShmOffloader) ShmModelsTest.create(model, 1, "backoff", 4096)) {
            CompletableFuture<TaskResult> running = offloader.submit(sleep(30_000));
            awaitTrue(() -> offloader.stats().inFlight() == 1, offloader::toString);
            awaitTrue(() -> offloader.region().slot(0).state() == Slot.CLAIMED, () -> "slot never claimed");
            assertTrue(running.cancel(true));
            // one worker: this completes only if the 30 s task really stopped occupying it
            assertArrayEquals(ShmTestSupport.millis(2), offloader.submit(sleep(2)).join().output());
            awaitTrue(() -> offloader.stats().inFlight() == 0, offloader::toString);
            assertEquals(1, offloader.stats().cancelled());
            for (Slot slot : offloader.region().slots()) {
                assertNull(slot.inconsistency(true), slot.toString());
            }
        }
    }

    @Test
    void aThreadIgnoringInterruptsIsAbandonedWithItsSlotAndASpareTakesOver() {
        try (ShmOffloader offloader = (ShmOffloader) ShmModelsTest.create("shm/in-process", 1, "park", 4096)) {
            CompletableFuture<TaskResult> stuck = offloader.submit(hang(1_500));
            awaitTrue(() -> offloader.region().slot(0).state() == Slot.CLAIMED, () -> "slot never claimed");
            assertTrue(stuck.cancel(true));
            assertArrayEquals(ShmTestSupport.millis(3), offloader.submit(sleep(3)).join().output());
            assertEquals(1, offloader.stats().abandoned());
            // the abandoned thread still holds slot 0 (it may yet write there); when it ends, slot 0 is a spare
            awaitTrue(() -> offloader.region().slot(0).state() == Slot.FREE, () -> "slot 0 never came back");
            assertEquals(1, offloader.stats().workers());
        }
    }

    @Test
    void whenEverySpareSlotIsHeldByAbandonedThreadsTasksFailClearlyUntilOneEnds() {
        try (ShmOffloader offloader = (ShmOffloader) ShmModelsTest.create("shm/in-process", 1, "park", 4096)) {
            int slots = offloader.region().layout().slotCount();
            for (int i = 0; i < slots; i++) {
                CompletableFuture<TaskResult> stuck = offloader.submit(hang(1_500 + 300L * i));
                awaitTrue(() -> offloader.stats().inFlight() == 1, offloader::toString);
                assertTrue(stuck.cancel(true));
                awaitTrue(() -> offloader.stats().inFlight() == 0, offloader::toString);
            }
            assertEquals(slots, offloader.stats().abandoned());
            OffloadException e = ShmModelsTest.failure(offloader.submit(sleep(1)));
            assertEquals(FailureKind.WORKER_CRASHED, e.kind(), e.toString());
            assertTrue(e.getMessage().contains("spare slot"), e.getMessage());
            // the first abandoned thread ends after its 1.5 s and gives its slot back
            awaitTrue(() -> {
                try {
                    return offloader.submit(sleep(1)).join() != null;
                } catch (RuntimeException notYet) {
                    return false;
                }
            }, offloader::toString);
            for (Slot slot : offloader.region().slots()) {
                assertNull(slot.inconsistency(false), slot.toString());
            }
        }
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({"shm/in-process", "shm/copy"})
    void closeWhileBusyFailsWhatIsLeftAndLeavesNothingBehind(String model) {
        List<Long> before = ProcessHandle.current().descendants().map(ProcessHandle::pid).toList();
        java.util.Set<Thread> threadsBefore = Thread.getAllStackTraces().keySet();
        ShmOffloader offloader = (ShmOffloader) ShmModelsTest.create(model, 2, "backoff", 4096);
        CompletableFuture<TaskResult> a = offloader.submit(sleep(30_000));
        CompletableFuture<TaskResult> b = offloader.submit(sleep(30_000));
        CompletableFuture<TaskResult> queued = offloader.submit(sleep(1));
        awaitTrue(() -> offloader.stats().inFlight() == 2, offloader::toString);
        assertFalse(offloader.close(Duration.ofMillis(200)));
        for (CompletableFuture<TaskResult> f : List.of(a, b, queued)) {
            assertTrue(f.isDone());
            assertEquals(FailureKind.CLOSED, ShmModelsTest.failure(f).kind());
        }
        assertEquals(FailureKind.CLOSED, ShmModelsTest.failure(offloader.submit(sleep(1))).kind());
        assertFalse(offloader.close(Duration.ofMillis(10)), "a second close repeats the first answer");
        assertFalse(java.nio.file.Files.exists(offloader.region().file().getParent()));
        assertEquals(0, offloader.stats().workers());
        awaitTrue(() -> ProcessHandle.current().descendants().filter(p -> !before.contains(p.pid()))
                .noneMatch(ProcessHandle::isAlive), () -> "child processes left after close");
        awaitTrue(() -> Thread.getAllStackTraces().keySet().stream()
                .noneMatch(t -> t.isAlive() && t.getName().startsWith(model) && !threadsBefore.contains(t)),
                () -> "threads left after close");
    }

    static void awaitTrue(BooleanSupplier condition, java.util.function.Supplier<String> what) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("not within 60 s: " + what.get());
            }
            try {
                Thread.sleep(5);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
    }
}
