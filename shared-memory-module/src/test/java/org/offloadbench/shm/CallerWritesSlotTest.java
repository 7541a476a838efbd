package org.offloadbench.shm;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.offloadbench.shm.ShmFailureTest.awaitTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.offloadbench.core.offload.FailureKind;
import org.offloadbench.core.offload.OffloaderStats;
import org.offloadbench.core.offload.Task;
import org.offloadbench.core.offload.TaskResult;
import org.offloadbench.core.offload.ZeroCopyLease;
import org.offloadbench.core.workload.Workload;
import org.offloadbench.core.workload.WorkloadCatalogue;
import org.offloadbench.core.workload.fault.FaultSleep;
import org.offloadbench.shm.slot.Slot;

/**
 * The fast path of {@code submit}: with a driver idle, the caller reserves its channel and writes the input
 * into the slot itself (one copy, no private clone). Checked: the caller's array is not read after submit
 * returns, the queued path still takes a private copy, a crash mid-task retries from the slot, cancel and
 * close of such a task, and many submitters (and a lease holder) racing for the same channels never mix
 * inputs. Every reply is compared with a direct run; timings decide nothing.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class CallerWritesSlotTest {

    private static final WorkloadCatalogue CATALOGUE = WorkloadCatalogue.load();

    private static byte[] payload(long seed, int bytes) {
        byte[] b = new byte[bytes];
        new Random(seed).nextBytes(b);
        return b;
    }

    private static Task slowEcho(byte[] input) {
        return Task.of(FaultSleep.ID, input);
    }

    @ParameterizedTest(name = "{0} wait={1}")
    @CsvSource({"shm/in-process,park", "shm/in-process,spin", "shm/copy,park", "shm/copy,backoff"})
    void theCallerWritesTheSlotAndItsArrayIsNotReadAfterSubmitReturns(String model, String wait) {
        try (ShmOffloader offloader = (ShmOffloader) ShmModelsTest.create(model, 1, wait, 1 << 20)) {
            awaitTrue(offloader::allDriversIdle, offloader::toString);
            byte[] input = ShmTestSupport.slowEchoInput(150, payload(1, 256 * 1024));
            byte[] expected = input.clone();
            CompletableFuture<TaskResult> fast = offloader.submit(slowEcho(input));
            // the caller reuses its array at once (COPY hand-off): the worker still sees what was submitted
            Arrays.fill(input, (byte) 0x5A);
            assertEquals(1, offloader.callerWrittenTasks(), "an idle driver: the caller writes the slot");

            // the worker is busy now, so this one is queued: it must have been copied at submit, too
            byte[] queuedInput = ShmTestSupport.slowEchoInput(1, payload(2, 64 * 1024));
            byte[] queuedExpected = queuedInput.clone();
            CompletableFuture<TaskResult> queued = offloader.submit(slowEcho(queuedInput));
            Arrays.fill(queuedInput, (byte) 0x33);

            assertArrayEquals(expected, fast.join().output());
            assertArrayEquals(queuedExpected, queued.join().output());
            assertEquals(1, offloader.callerWrittenTasks(), "a busy worker: the task went through the queue");

            // TRANSFER hands the array over: same fast path, same bytes
            awaitTrue(offloader::allDriversIdle, offloader::toString);
            byte[] transferred = payload(3, 4096);
            TaskResult r = offloader.submit(new Task("echo", transferred.clone(), 0L, Task.Handoff.TRANSFER)).join();
            assertArrayEquals(transferred, r.output());
            assertEquals(2, offloader.callerWrittenTasks());

            // the counters are updated as futures complete, possibly just after join() returned
            awaitTrue(() -> offloader.stats().completed() == 3, () -> offloader.stats().toString());
            OffloaderStats stats = offloader.stats();
            assertEquals(0, stats.inFlight() + stats.queueDepth(), stats.toString());
        }
    }

    @ParameterizedTest(name = "wait={0}")
    @CsvSource({"park", "backoff"})
    void aChildKilledWhileRunningAFastPathTaskIsRetriedFromTheSlot(String wait) {
        try (ShmOffloader offloader = (ShmOffloader) ShmModelsTest.create("shm/copy", 1, wait, 1 << 20)) {
            awaitTrue(offloader::allDriversIdle, offloader::toString);
            byte[] input = ShmTestSupport.slowEchoInput(1_500, payload(4, 512 * 1024));
            byte[] expected = input.clone();
            CompletableFuture<TaskResult> future = offloader.submit(slowEcho(input));
            Arrays.fill(input, (byte) 0); // the retry must not depend on the caller's array either
            assertEquals(1, offloader.callerWrittenTasks());
            awaitTrue(() -> offloader.region().slot(0).state() == Slot.CLAIMED, () -> "slot never claimed");
            List<ProcessHandle> children = ChildKillTest.workerChildren();
            assertEquals(1, children.size(), children.toString());
            assertTrue(children.get(0).destroyForcibly());

            // the input lay only in the slot's request area: the fresh child ran it from there
            assertArrayEquals(expected, future.join().output());
            assertEquals(1, offloader.retried());
            assertTrue(offloader.stats().respawned() >= 1, offloader.stats().toString());
            for (Slot slot : offloader.region().slots()) {
                assertNull(slot.inconsistency(true), slot.toString());
            }
        }
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({"shm/in-process", "shm/copy"})
    void aFastPathTaskCanBeCancelledAndTheChannelServesTheNext(String model) {
        try (ShmOffloader offloader = (ShmOffloader) ShmModelsTest.create(model, 1, "park", 1 << 16)) {
            awaitTrue(offloader::allDriversIdle, offloader::toString);
            CompletableFuture<TaskResult> running = offloader.submit(slowEcho(
                    ShmTestSupport.slowEchoInput(30_000, payload(5, 100))));
            assertEquals(1, offloader.callerWrittenTasks());
            awaitTrue(() -> offloader.region().slot(0).state() == Slot.CLAIMED, () -> "slot never claimed");
            assertTrue(running.cancel(true));
            // one worker: this completes only if the cancelled task really let go of the channel
            byte[] next = ShmTestSupport.slowEchoInput(1, payload(6, 100));
            assertArrayEquals(next, offloader.submit(slowEcho(next.clone())).join().output());
            awaitTrue(() -> offloader.stats().inFlight() == 0, offloader::toString);
            assertEquals(1, offloader.stats().cancelled(), offloader.stats().toString());
            for (Slot slot : offloader.region().slots()) {
                assertNull(slot.inconsistency(true), slot.toString());
            }
        }
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({"shm/in-process", "shm/copy"})
    void closeFailsARunningFastPathTaskAsClosedAndLeavesNothing(String model) {
        List<Long> before = ProcessHandle.current().descendants().map(ProcessHandle::pid).toList();
        ShmOffloader offloader = (ShmOffloader) ShmModelsTest.create(model, 1, "park", 1 << 16);
        awaitTrue(offloader::allDriversIdle, offloader::toString);
        CompletableFuture<TaskResult> running = offloader.submit(slowEcho(
                ShmTestSupport.slowEchoInput(30_000, payload(7, 100))));
        assertEquals(1, offloader.callerWrittenTasks());
        CompletableFuture<TaskResult> queued = offloader.submit(slowEcho(ShmTestSupport.slowEchoInput(1, new byte[8])));
        awaitTrue(() -> offloader.region().slot(0).state() == Slot.CLAIMED, () -> "slot never claimed");
        assertFalse(offloader.close(Duration.ofMillis(100)), "a task was cut short");
        for (CompletableFuture<TaskResult> f : List.of(running, queued)) {
            assertEquals(FailureKind.CLOSED, ShmModelsTest.failure(f).kind());
        }
        assertEquals(FailureKind.CLOSED, ShmModelsTest.failure(offloader.submit(Task.of("noop", new byte[1]))).kind());
        assertFalse(java.nio.file.Files.exists(offloader.region().file().getParent()));
        awaitTrue(() -> ProcessHandle.current().descendants().filter(p -> !before.contains(p.pid()))
                .noneMatch(ProcessHandle::isAlive), () -> "child processes left after close");
    }

    /**
     * A completion callback runs in the driver thread whose channel is already reservable again; a callback
     * that submits and waits must get another channel, never its own (it would wait for itself).
     */
    @Test
    void aCallbackThatSubmitsAndWaitsDoesNotWaitForItsOwnChannel() {
        try (ShmOffloader offloader = (ShmOffloader) ShmModelsTest.create("shm/in-process", 2, "park", 1 << 16)) {
            awaitTrue(offloader::allDriversIdle, offloader::toString);
            byte[] first = ShmTestSupport.slowEchoInput(200, payload(8, 64));
            byte[] second = payload(9, 64);
            CompletableFuture<byte[]> chained = offloader.submit(slowEcho(first.clone()))
                    .thenApply(r -> offloader.submit(Task.of("echo", second.clone())).join().output());
            assertArrayEquals(second, chained.orTimeout(60, TimeUnit.SECONDS).join());
        }
    }

    /**
     * Many submitters race for the same two channels (some wait for each reply, so drivers keep going idle
     * and every submitter tries to reserve one; others keep a few in flight, so drivers also take queued
     * jobs at the same moments), and a lease holder takes channels away in between. Each submitter reuses
     * its array right after submit. Two inputs in one slot, a lost task or a lease whose slot a submitter
     * wrote would show as a wrong reply.
     */
    @ParameterizedTest(name = "{0} wait={1}")
    @CsvSource({"shm/in-process,park", "shm/in-process,backoff", "shm/copy,park"})
    void racingSubmittersAndALeaseNeverMixInputs(String model, String wait) throws Exception {
        int submitters = 6;
        int tasksEach = 250;
        int leases = 40;
        try (ShmOffloader offloader = (ShmOffloader) ShmModelsTest.create(model, 2, wait, 1 << 16)) {
            List<Throwable> failures = new CopyOnWriteArrayList<>();
            CountDownLatch start = new CountDownLatch(1);
            List<Thread> threads = new ArrayList<>();
            for (int t = 0; t < submitters; t++) {
                int id = t;
                int window = id % 2 == 0 ? 1 : 3;
                threads.add(new Thread(() -> submitLoop(offloader, id, tasksEach, window, start, failures),
                        "test-submitter-" + id));
            }
            threads.add(new Thread(() -> leaseLoop(offloader, leases, start, failures), "test-lease"));
            threads.forEach(Thread::start);
            start.countDown();
            for (Thread thread : threads) {
                thread.join(TimeUnit.SECONDS.toMillis(90));
                assertFalse(thread.isAlive(), thread.getName() + " did not finish");
            }
            assertTrue(failures.isEmpty(), () -> failures.size() + " failures, first: " + failures.get(0));

            long tasks = (long) submitters * tasksEach + leases;
            awaitTrue(() -> offloader.stats().completed() == tasks, () -> offloader.stats().toString());
            OffloaderStats stats = offloader.stats();
            assertEquals(0, stats.inFlight(), stats.toString());
            assertEquals(0, stats.failed() + stats.rejected() + stats.cancelled() + stats.timedOut(), stats.toString());
            assertEquals(0, stats.queueDepth(), stats.toString());
            assertTrue(offloader.callerWrittenTasks() > 0 && offloader.callerWrittenTasks() <= (long) submitters
                    * tasksEach, "fast-path tasks: " + offloader.callerWrittenTasks());
            for (Slot slot : offloader.region().slots()) {
                assertNull(slot.inconsistency(true), slot.toString());
            }
        }
    }

    private static void submitLoop(ShmOffloader offloader, int id, int tasks, int window, CountDownLatch start,
                                   List<Throwable> failures) {
        Random random = new Random(id);
        List<CompletableFuture<TaskResult>> futures = new ArrayList<>();
        List<byte[]> expected = new ArrayList<>();
        try {
            start.await();
            byte[] buffer = new byte[8192];
            for (int i = 0; i < tasks; i++) {
                String workloadId = i % 3 == 0 ? "sha256" : "echo";
                Workload workload = CATALOGUE.get(workloadId);
                // every other task reuses one array, as a caller with a buffer does
                byte[] input = i % 2 == 0 ? buffer : new byte[random.nextInt(buffer.length)];
                random.nextBytes(input);
                expected.add(workload.execute(input.clone()));
                futures.add(offloader.submit(Task.of(workloadId, input)));
                random.nextBytes(input); // reused at once: must not reach the worker
                if (futures.size() > window - 1) {
                    int k = futures.size() - window;
                    check(futures.get(k), expected.get(k), id, k);
                }
            }
            for (int k = Math.max(0, futures.size() - window + 1); k < futures.size(); k++) {
                check(futures.get(k), expected.get(k), id, k);
            }
        } catch (Throwable e) {
            failures.add(e);
        }
    }

    private static void check(CompletableFuture<TaskResult> future, byte[] expected, int thread, int task) {
        byte[] output = future.join().output();
        if (!Arrays.equals(expected, output)) {
            throw new AssertionError("submitter " + thread + " task " + task + ": reply differs from a direct run");
        }
    }

    private static void leaseLoop(ShmOffloader offloader, int leases, CountDownLatch start,
                                  List<Throwable> failures) {
        Workload sha = CATALOGUE.get("sha256");
        Random random = new Random(99);
        try {
            start.await();
            for (int i = 0; i < leases; i++) {
                byte[] input = new byte[1 + random.nextInt(4096)];
                random.nextBytes(input);
                try (ZeroCopyLease lease = offloader.leaseSlot(Duration.ofSeconds(60))) {
                    lease.input().put(input);
                    Thread.yield(); // let submitters try to reserve this channel while the input lies in its slot
                    byte[] output = ShmModelsTest.bytes(lease.call("sha256", input.length, 0L));
                    if (!Arrays.equals(sha.execute(input), output)) {
                        throw new AssertionError("lease " + i + ": reply differs from a direct run");
                    }
                }
            }
        } catch (Throwable e) {
            failures.add(e);
        }
    }
}
