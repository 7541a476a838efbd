package org.offloadbench.core.conformance;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.offloadbench.core.offload.Availability;
import org.offloadbench.core.offload.FailureKind;
import org.offloadbench.core.offload.OffloadException;
import org.offloadbench.core.offload.Offloader;
import org.offloadbench.core.offload.OffloaderConfig;
import org.offloadbench.core.offload.OffloaderStats;
import org.offloadbench.core.offload.Task;
import org.offloadbench.core.offload.TaskResult;
import org.offloadbench.core.offload.TransferableBuffer;
import org.offloadbench.core.workload.Checksums;
import org.offloadbench.core.workload.InputSpec;
import org.offloadbench.core.workload.Workload;
import org.offloadbench.core.workload.WorkloadCatalogue;
import org.offloadbench.core.workload.WorkloadClass;
import org.offloadbench.core.workload.fault.FaultHalt;
import org.offloadbench.core.workload.fault.FaultHang;
import org.offloadbench.core.workload.fault.FaultOom;
import org.offloadbench.core.workload.fault.FaultSleep;
import org.offloadbench.core.workload.fault.FaultThrow;

/**
 * The behaviour every {@link Offloader} must show, whatever carries the work: one abstract JUnit 5 class,
 * subclassed once per model.
 *
 * <h2>How a model's test uses it</h2>
 * <ol>
 *   <li>Depend on core's test-jar at test scope ({@code <type>test-jar</type>}) plus junit-jupiter.</li>
 *   <li>Subclass and supply the factory; override the capability flags that apply:
 * <pre>{@code
 * class PipesConformanceTest extends OffloaderConformanceKit {
 *     @Override protected Offloader create(OffloaderConfig config) {
 *         return new PipesProvider().create(config);
 *     }
 *     @Override protected boolean isolatesCrashes() { return true; }   // adds fault-halt / fault-oom tests
 *     @Override protected Availability availability() { return new PipesProvider().availability(); }
 * }
 * }</pre></li>
 *   <li>Run {@code mvn -pl <module> -am verify}. A model that is unavailable here (no virtual threads, no
 *       nginx) has every test skipped with its availability reason, never silently passed.</li>
 * </ol>
 *
 * <h2>What it checks</h2>
 * Every non-FAULT workload in {@link WorkloadCatalogue#load()} returns the same bytes and checksum as a
 * direct in-thread run; 8 submitters x 200 tasks all verified; a full queue rejects ({@code REJECTED})
 * through the future, never by throwing; a task's timeout counts from the start of its execution; queued and
 * running tasks can be cancelled; a throwing workload fails with its own message; a task that never returns
 * times out and the model recovers (stats show it abandoned or respawned); an unknown workload is a
 * {@code BAD_REQUEST}; close while busy completes every future and leaves no thread or child process
 * behind; and the stats count every task exactly once in completed, failed, timedOut, rejected or
 * cancelled (a task that fails at submit, such as BAD_REQUEST or CLOSED, counts as failed). Models that
 * isolate crashes also have a worker halt and run out of memory. In-process models never get fault-halt or
 * fault-oom.
 *
 * <p>Each test builds its own offloader (small worker counts, so the kit stays fast on two cores) and closes
 * it. Timings never decide a result: every limit is a liveness bound many times the expected time.
 */
@Timeout(value = 90, unit = TimeUnit.SECONDS)
public abstract class OffloaderConformanceKit {

    /** Grace given to {@link Offloader#close(Duration)} when a test wants queued work cut short. */
    protected static final Duration SHORT_CLOSE = Duration.ofMillis(300);

    protected final WorkloadCatalogue catalogue = WorkloadCatalogue.load();

    /** Builds the offloader under test. Called once or more per test; the kit closes what it gets. */
    protected abstract Offloader create(OffloaderConfig config);

    /**
     * True for out-of-process models: a crashing worker (fault-halt, fault-oom) takes down only itself.
     * Enables the crash tests; in-process models must leave it false.
     */
    protected boolean isolatesCrashes() {
        return false;
    }

    /** Whether the model can run here; when not, every test is skipped with the reason. */
    protected Availability availability() {
        return Availability.yes();
    }

    /**
     * Whether the model runs {@code workload}. A model that implements only some workloads itself (the node
     * models run noop, echo and sha256 in JavaScript) says which; the correctness tests then check exactly those.
     */
    protected boolean runsWorkload(Workload workload) {
        return true;
    }

    /** Names of threads the offloader starts begin with this; after close none may be alive. */
    protected String threadNamePrefix(Offloader offloader) {
        return offloader.name();
    }

    @BeforeEach
    void skipWhenUnavailable() {
        Availability availability = availability();
        assumeTrue(availability.available(), () -> "model unavailable here: " + availability.reason());
    }

    // ---------------------------------------------------------------------------------------------------
    // correctness

    @Test
    @Timeout(value = 180, unit = TimeUnit.SECONDS)
    void everyWorkloadMatchesADirectRun() {
        List<Workload> workloads = realWorkloads();
        try (Offloader offloader = open(OffloaderConfig.of(2, 256))) {
            List<Check> checks = new ArrayList<>();
            for (Workload workload : workloads) {
                for (long seed : new long[] {1, 2}) {
                    byte[] input = smallInput(workload, seed);
                    checks.add(new Check(workload, input, offloader.submit(Task.of(workload.id(), input.clone()))));
                }
            }
            for (Check check : checks) {
                check.verify();
            }
            assertAccounted(offloader, checks.size());
        }
    }

    @Test
    void copyOnSendLeavesTheCallerFreeToReuseItsArray() {
        Workload workload = cheapWorkload();
        byte[] original = workload.generateInput(InputSpec.of(7, 512));
        try (Offloader offloader = open(OffloaderConfig.of(1, 8))) {
            // keep the only worker busy until the caller has scribbled on its array, then free it
            CompletableFuture<TaskResult> blocker = offloader.submit(sleep(30_000));
            awaitInFlight(offloader, 1);
            byte[] callersArray = original.clone();
            CompletableFuture<TaskResult> future = offloader.submit(Task.of(workload.id(), callersArray));
            Arrays.fill(callersArray, (byte) 0x5A);
            assertTrue(blocker.cancel(true), "cancel of the blocking task");
            new Check(workload, original, future).verify();
            assertAccounted(offloader, 2);
        }
    }

    @Test
    void transferHandsTheArrayOverAndGivesTheSameResult() {
        Workload workload = cheapWorkload();
        byte[] original = workload.generateInput(InputSpec.of(8, 4096));
        try (Offloader offloader = open(OffloaderConfig.of(1, 8))) {
            TransferableBuffer buffer = new TransferableBuffer(original.clone());
            CompletableFuture<TaskResult> future = offloader.submit(Task.transferring(workload.id(), buffer));
            assertTrue(buffer.isDetached(), "the sender's buffer must be detached after a transfer");
            assertThrows(IllegalStateException.class, buffer::bytes, "a transferred buffer must refuse access");
            new Check(workload, original, future).verify();
            assertAccounted(offloader, 1);
        }
    }

    @Test
    void manyConcurrentSubmittersAllGetTheirOwnResults() throws Exception {
        Workload workload = cheapWorkload();
        int submitters = 8;
        int tasksEach = 200;
        byte[][] inputs = new byte[16][];
        for (int i = 0; i < inputs.length; i++) {
            inputs[i] = workload.generateInput(InputSpec.of(100 + i, 64 + 32 * i));
        }
        ExecutorService pool = Executors.newFixedThreadPool(submitters);
        try (Offloader offloader = open(OffloaderConfig.of(2, submitters * tasksEach))) {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<List<Check>>> perSubmitter = new ArrayList<>();
            for (int s = 0; s < submitters; s++) {
                int first = s;
                perSubmitter.add(pool.submit(() -> {
                    start.await();
                    List<Check> mine = new ArrayList<>(tasksEach);
                    for (int i = 0; i < tasksEach; i++) {
                        byte[] input = inputs[(first + i) % inputs.length];
                        mine.add(new Check(workload, input, offloader.submit(Task.of(workload.id(), input.clone()))));
                    }
                    return mine;
                }));
            }
            start.countDown();
            int verified = 0;
            for (Future<List<Check>> f : perSubmitter) {
                for (Check check : f.get(Await.LIVENESS.toSeconds(), TimeUnit.SECONDS)) {
                    check.verify();
                    verified++;
                }
            }
            int total = verified;
            assertEquals(submitters * tasksEach, total);
            assertAccounted(offloader, total);
            Await.until("completed == " + total, () -> offloader.stats().completed() == total,
                    () -> offloader.stats().toString());
        } finally {
            pool.shutdownNow();
            assertTrue(pool.awaitTermination(10, TimeUnit.SECONDS), "submitter threads did not stop");
        }
    }

    /**
     * A closed loop as the bench drives one: each completion submits the next task from its callback, which
     * may run on the thread that reads the workers' answers. Payloads far bigger than a pipe's buffer: a reader
     * that blocks writing the next request while the worker blocks writing an answer would stall the loop.
     */
    @Test
    void completionCallbacksThatSubmitTheNextTaskNeverStall() throws Exception {
        Workload workload = cheapWorkload();
        byte[] input = workload.generateInput(InputSpec.of(77, 256 * 1024));
        byte[] expected = workload.execute(input.clone());
        int chains = 2;
        int tasksPerChain = 8;
        try (Offloader offloader = open(OffloaderConfig.of(2, 4))) {
            AtomicInteger matched = new AtomicInteger();
            CompletableFuture<?>[] loops = new CompletableFuture<?>[chains];
            for (int c = 0; c < chains; c++) {
                loops[c] = chain(offloader, workload, input, expected, tasksPerChain, matched);
            }
            try {
                CompletableFuture.allOf(loops).get(Await.LIVENESS.toSeconds(), TimeUnit.SECONDS);
            } catch (TimeoutException e) {
                throw new AssertionError("the closed loop stalled after " + matched.get() + " of "
                        + chains * tasksPerChain + " tasks; " + offloader.stats(), e);
            }
            assertEquals(chains * tasksPerChain, matched.get());
            assertAccounted(offloader, chains * tasksPerChain);
        }
    }

    private static CompletableFuture<Void> chain(Offloader offloader, Workload workload, byte[] input,
                                                 byte[] expected, int left, AtomicInteger matched) {
        return offloader.submit(Task.of(workload.id(), input.clone())).thenCompose(r -> {
            assertArrayEquals(expected, r.output(), workload.id() + ": output differs from a direct in-thread run");
            matched.incrementAndGet();
            return left == 1 ? CompletableFuture.completedFuture(null)
                    : chain(offloader, workload, input, expected, left - 1, matched);
        });
    }

    // ---------------------------------------------------------------------------------------------------
    // bounded queue

    @Test
    void aFullQueueRejectsThroughTheFutureWithoutThrowing() {
        int workers = 2;
        int queue = 3;
        List<CompletableFuture<TaskResult>> futures = new ArrayList<>();
        try (Offloader offloader = open(OffloaderConfig.of(workers, queue))) {
            for (int i = 0; i < workers; i++) {
                futures.add(offloader.submit(sleep(30_000)));
            }
            awaitInFlight(offloader, workers);
            for (int i = 0; i < queue; i++) {
                futures.add(offloader.submit(sleep(30_000)));
            }
            awaitQueueDepth(offloader, queue);

            CompletableFuture<TaskResult> extra = assertDoesNotThrow(() -> offloader.submit(sleep(1)),
                    "submit must not throw when the queue is full");
            OffloadException rejected = Await.failure(extra, "submit beyond the queue");
            assertEquals(FailureKind.REJECTED, rejected.kind(), rejected.toString());
            assertEquals(1, offloader.stats().rejected());

            // a cancelled queued task frees its place: the next submit is accepted again
            assertTrue(futures.get(workers).cancel(true));
            awaitQueueDepth(offloader, queue - 1);
            CompletableFuture<TaskResult> accepted = offloader.submit(sleep(30_000));
            futures.add(accepted);
            awaitQueueDepth(offloader, queue);
            assertFalse(accepted.isDone(), "a task that fits the queue must wait, not fail: " + accepted);

            assertFalse(offloader.close(SHORT_CLOSE), "close cut tasks short, so it must report false");
            for (CompletableFuture<TaskResult> f : futures) {
                assertTrue(f.isDone(), "every future must be complete when close returns");
                if (!f.isCancelled()) {
                    assertEquals(FailureKind.CLOSED, Await.failure(f, "a task cut short by close").kind());
                }
            }
            assertAccounted(offloader, futures.size() + 1);
            assertEquals(1, offloader.stats().cancelled());
        }
    }

    // ---------------------------------------------------------------------------------------------------
    // timeouts

    @Test
    void aTimeoutCountsFromTheStartOfExecutionNotFromEnqueue() {
        // the wait ahead and the timeout are no longer than the premise needs (each run of this test in every
        // model's kit waits them out); the timeout is still 25 times the run it must allow
        long timeoutMillis = 500;
        try (Offloader offloader = open(OffloaderConfig.of(1, 4))) {
            CompletableFuture<TaskResult> ahead = offloader.submit(sleep(1_500));
            awaitInFlight(offloader, 1);
            long submitted = System.nanoTime();
            // waits ~1.5 s in the queue (longer than its timeout), then runs 20 ms (well within it)
            Task behind = sleep(20).withTimeoutNanos(TimeUnit.MILLISECONDS.toNanos(timeoutMillis));
            TaskResult result = Await.result(offloader.submit(behind), "a queued task whose timeout is shorter "
                    + "than its wait but longer than its run");
            long waitedMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - submitted);
            // the premise, not a performance check: with one worker it cannot finish before the task ahead
            assertTrue(waitedMillis > timeoutMillis, "test premise: it must have waited longer than its timeout, "
                    + "waited " + waitedMillis + " ms");
            assertArrayEquals(behind.input(), result.output());
            Await.result(ahead, "the task ahead");
            assertAccounted(offloader, 2);
            assertEquals(0, offloader.stats().timedOut());
        }
    }

    @Test
    void aTaskRunningPastItsTimeoutFailsTimedOut() {
        try (Offloader offloader = open(OffloaderConfig.of(1, 4))) {
            Task tooLong = sleep(30_000).withTimeoutNanos(TimeUnit.MILLISECONDS.toNanos(300));
            OffloadException e = Await.failure(offloader.submit(tooLong), "a 30 s fault-sleep with a 300 ms timeout");
            assertEquals(FailureKind.TIMED_OUT, e.kind(), e.toString());
            assertStillWorks(offloader);
            assertAccounted(offloader, 2);
            assertEquals(1, offloader.stats().timedOut());
        }
    }

    @Test
    void aTaskThatNeverReturnsTimesOutAndTheModelRecovers() {
        try (Offloader offloader = open(OffloaderConfig.of(1, 4))) {
            Task hang = hang().withTimeoutNanos(TimeUnit.MILLISECONDS.toNanos(200));
            OffloadException e = Await.failure(offloader.submit(hang), "fault-hang with a 200 ms timeout");
            assertEquals(FailureKind.TIMED_OUT, e.kind(), e.toString());
            // the only worker is stuck in code that ignores interrupts: it must be abandoned or replaced
            assertStillWorks(offloader);
            Await.until("abandoned or respawned > 0",
                    () -> offloader.stats().abandoned() + offloader.stats().respawned() > 0,
                    () -> offloader.stats().toString());
            assertAccounted(offloader, 2);
            assertEquals(1, offloader.stats().timedOut());
        }
    }

    // ---------------------------------------------------------------------------------------------------
    // cancellation

    @Test
    void aCancelledQueuedTaskNeverRuns() {
        try (Offloader offloader = open(OffloaderConfig.of(1, 4))) {
            CompletableFuture<TaskResult> ahead = offloader.submit(sleep(30_000));
            awaitInFlight(offloader, 1);
            // fault-throw: had it run despite the cancel, stats().failed() would show it
            CompletableFuture<TaskResult> queued = offloader.submit(faultTask(FaultThrow.ID, 7));
            awaitQueueDepth(offloader, 1);
            assertTrue(queued.cancel(true), "cancel of a queued task");
            assertTrue(queued.isCancelled());
            awaitQueueDepth(offloader, 0);
            assertTrue(ahead.cancel(true), "cancel of the task ahead");
            assertStillWorks(offloader);
            assertAccounted(offloader, 3);
            OffloaderStats stats = offloader.stats();
            assertEquals(2, stats.cancelled(), stats.toString());
            assertEquals(0, stats.failed(), "the cancelled fault-throw must never have run: " + stats);
            assertEquals(1, stats.completed(), stats.toString());
        }
    }

    @Test
    void cancellingARunningTaskFreesItsWorker() {
        try (Offloader offloader = open(OffloaderConfig.of(1, 4))) {
            CompletableFuture<TaskResult> running = offloader.submit(sleep(30_000));
            awaitInFlight(offloader, 1);
            assertTrue(running.cancel(true), "cancel of a running task");
            // one worker: this only completes if the cancelled 30 s sleep really stopped occupying it
            assertStillWorks(offloader);
            assertAccounted(offloader, 2);
            assertEquals(1, offloader.stats().cancelled());
        }
    }

    @Test
    void cancellingATaskThatIgnoresInterruptsReplacesItsWorker() {
        try (Offloader offloader = open(OffloaderConfig.of(1, 4))) {
            CompletableFuture<TaskResult> running = offloader.submit(hang());
            awaitInFlight(offloader, 1);
            assertTrue(running.cancel(true), "cancel of a running task");
            assertStillWorks(offloader);
            Await.until("abandoned or respawned > 0",
                    () -> offloader.stats().abandoned() + offloader.stats().respawned() > 0,
                    () -> offloader.stats().toString());
            assertAccounted(offloader, 2);
            assertEquals(1, offloader.stats().cancelled());
        }
    }

    // ---------------------------------------------------------------------------------------------------
    // failures

    @Test
    void aThrowingWorkloadFailsWithItsOwnMessageAndTheModelKeepsWorking() {
        try (Offloader offloader = open(OffloaderConfig.of(1, 4))) {
            OffloadException e = Await.failure(offloader.submit(faultTask(FaultThrow.ID, 4242)), "fault-throw");
            assertEquals(FailureKind.WORKLOAD_FAILED, e.kind(), e.toString());
            assertTrue(e.getMessage().contains(FaultThrow.message(4242)),
                    "the workload's own message must reach the caller, got: " + e.getMessage());
            // an input the workload cannot read is the workload's error too, with its explanation
            OffloadException bad = Await.failure(offloader.submit(Task.of(FaultSleep.ID, new byte[3])),
                    "fault-sleep with a 3-byte input");
            assertEquals(FailureKind.WORKLOAD_FAILED, bad.kind(), bad.toString());
            assertTrue(bad.getMessage().contains("8-byte"), bad.getMessage());
            assertStillWorks(offloader);
            assertAccounted(offloader, 3);
            assertEquals(2, offloader.stats().failed());
        }
    }

    @Test
    void anUnknownWorkloadIsABadRequestNamingIt() {
        try (Offloader offloader = open(OffloaderConfig.of(1, 4))) {
            CompletableFuture<TaskResult> future = assertDoesNotThrow(
                    () -> offloader.submit(Task.of("no-such-workload", new byte[8])));
            OffloadException e = Await.failure(future, "an unknown workload");
            assertEquals(FailureKind.BAD_REQUEST, e.kind(), e.toString());
            assertTrue(e.getMessage().contains("no-such-workload"), e.getMessage());
            assertStillWorks(offloader);
            assertAccounted(offloader, 2);
            assertEquals(1, offloader.stats().failed());
        }
    }

    @Test
    void anUnknownOptionIsRefusedByName() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> create(OffloaderConfig.of(1, 4).withOption("no-such-option", "1")).close());
        assertTrue(e.getMessage().contains("no-such-option"), e.getMessage());
    }

    // ---------------------------------------------------------------------------------------------------
    // close

    @Test
    void closeWhileBusyCompletesEveryFutureAndLeavesNothingRunning() {
        LeakSnapshot before = LeakSnapshot.take();
        Workload workload = cheapWorkload();
        byte[] input = workload.generateInput(InputSpec.of(3, 256));
        Offloader offloader = create(OffloaderConfig.of(2, 8));
        String prefix = threadNamePrefix(offloader);
        List<CompletableFuture<TaskResult>> futures = new ArrayList<>();
        try {
            futures.add(offloader.submit(sleep(30_000)));
            futures.add(offloader.submit(sleep(30_000)));
            awaitInFlight(offloader, 2);
            for (int i = 0; i < 3; i++) {
                futures.add(offloader.submit(Task.of(workload.id(), input.clone())));
            }
        } finally {
            assertFalse(offloader.close(SHORT_CLOSE), "tasks were cut short, so close must report false");
        }
        for (CompletableFuture<TaskResult> f : futures) {
            assertTrue(f.isDone(), "every future must be complete when close returns");
            if (f.isCompletedExceptionally()) {
                assertEquals(FailureKind.CLOSED, Await.failure(f, "a task cut short by close").kind());
            } else {
                new Check(workload, input, f).verify();
            }
        }
        CompletableFuture<TaskResult> late = assertDoesNotThrow(() -> offloader.submit(Task.of(workload.id(), input)));
        assertEquals(FailureKind.CLOSED, Await.failure(late, "submit after close").kind());
        assertDoesNotThrow(() -> offloader.close(SHORT_CLOSE), "a second close must be harmless");

        assertNothingLeftRunning(before, prefix, offloader);
        assertAccounted(offloader, futures.size() + 1);
    }

    /**
     * The runner charges the CPU of these processes to the model: a model whose workers run outside this JVM
     * names them while they work (alive, not this JVM; a model starting a process per task names it while its
     * task runs), an in-process one names none, and none of them outlives close.
     */
    @Test
    void workerPidsNameTheWorkerProcessesAndNoneOutlivesClose() throws Exception {
        Offloader offloader = create(OffloaderConfig.of(2, 8));
        List<Long> pids = new ArrayList<>();
        try {
            assertStillWorks(offloader);
            offloader.submit(sleep(30_000)); // keeps a worker busy until close cuts it short
            awaitInFlight(offloader, 1);
            if (isolatesCrashes()) {
                Await.until("workerPids() names a process", () -> {
                    pids.clear();
                    pids.addAll(offloader.workerPids());
                    return !pids.isEmpty();
                }, () -> "an out-of-process model must name its worker processes; it named none");
            } else {
                pids.addAll(offloader.workerPids());
            }
            for (long pid : pids) {
                assertTrue(ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false),
                        "worker pid " + pid + " of " + pids + " is not a live process");
            }
        } finally {
            offloader.close(SHORT_CLOSE);
        }
        if (!isolatesCrashes()) {
            assertEquals(List.of(), pids, "an in-process model has no worker processes");
            return;
        }
        assertFalse(pids.contains(ProcessHandle.current().pid()), "the caller's own JVM is not a worker: " + pids);
        for (long pid : pids) {
            Optional<ProcessHandle> left = ProcessHandle.of(pid);
            if (left.isPresent()) {
                left.get().onExit().get(30, TimeUnit.SECONDS); // bounded: the liveness check is the assert below
            }
            assertFalse(ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false),
                    "worker pid " + pid + " still runs after close");
        }
    }

    @Test
    void closeWithTimeLeftFinishesQueuedWork() {
        LeakSnapshot before = LeakSnapshot.take();
        Workload workload = cheapWorkload();
        Offloader offloader = create(OffloaderConfig.of(1, 8));
        String prefix = threadNamePrefix(offloader);
        List<Check> checks = new ArrayList<>();
        try {
            checks.add(new Check(FaultSleep.ID, sleep(100).input(), offloader.submit(sleep(100))));
            for (int i = 0; i < 4; i++) {
                byte[] input = workload.generateInput(InputSpec.of(20 + i, 128));
                checks.add(new Check(workload, input, offloader.submit(Task.of(workload.id(), input.clone()))));
            }
        } finally {
            assertTrue(offloader.close(Await.LIVENESS), "close with ample time must finish the queue");
        }
        for (Check check : checks) {
            assertTrue(check.future.isDone(), "every future must be complete when close returns");
            check.verify();
        }
        assertNothingLeftRunning(before, prefix, offloader);
        assertAccounted(offloader, checks.size());
        assertEquals(checks.size(), offloader.stats().completed());
    }

    // ---------------------------------------------------------------------------------------------------
    // crashes (out-of-process models only)

    @Test
    void aHaltingWorkerTakesDownOnlyItself() {
        assumeTrue(isolatesCrashes(), "in-process model: fault-halt would take the test JVM down");
        LeakSnapshot before = LeakSnapshot.take();
        Offloader offloader = create(OffloaderConfig.of(2, 16));
        String prefix = threadNamePrefix(offloader);
        try {
            OffloadException e = Await.failure(offloader.submit(faultTask(FaultHalt.ID, 3)), "fault-halt");
            assertEquals(FailureKind.WORKER_CRASHED, e.kind(), e.toString());
            for (int i = 0; i < 6; i++) {
                assertStillWorks(offloader);
            }
            Await.until("respawned > 0", () -> offloader.stats().respawned() > 0, () -> offloader.stats().toString());
            Await.until("workers back to 2", () -> offloader.stats().workers() == 2, () -> offloader.stats().toString());
            assertAccounted(offloader, 7);
        } finally {
            offloader.close(Await.LIVENESS);
        }
        assertNothingLeftRunning(before, prefix, offloader);
    }

    @Test
    void aWorkerRunningOutOfMemoryIsReportedAndSurvived() {
        assumeTrue(isolatesCrashes(), "in-process model: fault-oom would exhaust the test JVM's own heap");
        try (Offloader offloader = open(OffloaderConfig.of(1, 16))) {
            OffloadException e = Await.failure(offloader.submit(faultTask(FaultOom.ID, 8L << 20)), "fault-oom");
            assertTrue(Set.of(FailureKind.WORKER_CRASHED, FailureKind.WORKLOAD_FAILED).contains(e.kind()),
                    "fault-oom must fail as WORKER_CRASHED or WORKLOAD_FAILED, was " + e);
            for (int i = 0; i < 3; i++) {
                assertStillWorks(offloader);
            }
            assertAccounted(offloader, 4);
        }
    }

    // ---------------------------------------------------------------------------------------------------
    // helpers for subclasses and tests

    /**
     * {@link #create} for a try-with-resources block: its implicit close uses {@link #SHORT_CLOSE}, so a
     * test that fails with long fault-sleeps still running does not also wait out the default grace.
     */
    protected final Offloader open(OffloaderConfig config) {
        Offloader created = create(config);
        return new Offloader() {
            @Override
            public String name() {
                return created.name();
            }

            @Override
            public CompletableFuture<TaskResult> submit(Task task) {
                return created.submit(task);
            }

            @Override
            public OffloaderStats stats() {
                return created.stats();
            }

            @Override
            public boolean close(Duration timeout) {
                return created.close(timeout);
            }

            @Override
            public List<Long> workerPids() {
                return created.workerPids();
            }

            @Override
            public void close() {
                created.close(SHORT_CLOSE);
            }
        };
    }

    /** Every non-FAULT workload on the classpath; at least the kit's own {@link ConformanceMixWorkload}. */
    protected final List<Workload> realWorkloads() {
        List<Workload> real = catalogue.all().stream().filter(w -> w.workloadClass() != WorkloadClass.FAULT)
                .filter(this::runsWorkload).toList();
        assertFalse(real.isEmpty(), "no non-FAULT workload on the classpath; catalogue has " + catalogue.ids());
        return real;
    }

    /** A quick workload whose output depends on every input byte: echo when present, else the kit's own. */
    protected final Workload cheapWorkload() {
        for (String id : List.of("echo", ConformanceMixWorkload.ID)) {
            if (catalogue.contains(id)) {
                return catalogue.get(id);
            }
        }
        return realWorkloads().get(0);
    }

    /** A fault-sleep of {@code millis}. */
    protected final Task sleep(long millis) {
        return faultTask(FaultSleep.ID, millis);
    }

    /** A fault-hang capped at 20 s, so an abandoned one does not outlive the test run by much. */
    protected final Task hang() {
        return faultTask(FaultHang.ID, 20_000);
    }

    protected final Task faultTask(String id, long value) {
        Workload workload = catalogue.get(id);
        String option = ((org.offloadbench.core.workload.fault.FaultWorkload) workload).option();
        return Task.of(id, workload.generateInput(InputSpec.of(1, 16).withOption(option, Long.toString(value))));
    }

    /** Inputs at most 16 KiB to keep the kit fast; falls back to the default size when a workload needs it. */
    protected final byte[] smallInput(Workload workload, long seed) {
        int size = Math.min(workload.defaultPayloadBytes(), 16 * 1024);
        try {
            return workload.generateInput(InputSpec.of(seed, size));
        } catch (IllegalArgumentException tooSmall) {
            return workload.generateInput(InputSpec.of(seed, workload.defaultPayloadBytes()));
        }
    }

    protected final void assertStillWorks(Offloader offloader) {
        Workload workload = cheapWorkload();
        byte[] input = workload.generateInput(InputSpec.of(42, 100));
        new Check(workload, input, offloader.submit(Task.of(workload.id(), input.clone()))).verify();
    }

    protected static void awaitInFlight(Offloader offloader, int n) {
        Await.until("inFlight == " + n, () -> offloader.stats().inFlight() == n, () -> offloader.stats().toString());
    }

    protected static void awaitQueueDepth(Offloader offloader, int n) {
        Await.until("queueDepth == " + n, () -> offloader.stats().queueDepth() == n,
                () -> offloader.stats().toString());
    }

    /** Every task submitted is counted exactly once, and nothing is left queued or running. */
    protected static void assertAccounted(Offloader offloader, long submitted) {
        Await.until("every one of " + submitted + " tasks counted once and none in flight", () -> {
            OffloaderStats s = offloader.stats();
            long counted = s.completed() + s.failed() + s.timedOut() + s.rejected() + s.cancelled();
            // counters only grow, so too many can never come right: fail now rather than at the liveness bound
            assertTrue(counted <= submitted, "stats count " + counted + " tasks but only " + submitted
                    + " were submitted (some counted more than once): " + s);
            return counted == submitted && s.inFlight() == 0 && s.queueDepth() == 0;
        }, () -> offloader.stats().toString());
    }

    private static void assertNothingLeftRunning(LeakSnapshot before, String prefix, Offloader offloader) {
        Await.until("no thread or process left running", () -> before.newThreads(prefix).isEmpty()
                        && before.newProcesses().isEmpty() && offloader.stats().workers() == 0,
                () -> "threads " + before.newThreads(prefix) + ", processes " + before.newProcesses()
                        + ", stats " + offloader.stats());
    }

    /** A submitted task and what it must return: the bytes and checksum of a direct in-thread run. */
    protected final class Check {
        final String what;
        final byte[] expected;
        final CompletableFuture<TaskResult> future;

        Check(Workload workload, byte[] input, CompletableFuture<TaskResult> future) {
            this(workload.id(), workload.execute(input.clone()), future);
        }

        Check(String what, byte[] expected, CompletableFuture<TaskResult> future) {
            this.what = what;
            this.expected = expected;
            this.future = future;
        }

        void verify() {
            TaskResult result = Await.result(future, what);
            assertNotNull(result.output(), what + ": null output");
            assertArrayEquals(expected, result.output(), what + ": output differs from a direct in-thread run");
            assertEquals(Checksums.of(expected), result.checksum(), what + ": checksum differs from a direct run");
            if (result.queueNanos() < 0 || result.runNanos() < 0) {
                fail(what + ": negative timings " + result);
            }
        }
    }
}
