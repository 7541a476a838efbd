package org.offloadbench.process;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.offloadbench.core.offload.FailureKind;
import org.offloadbench.core.offload.OffloadException;
import org.offloadbench.core.offload.OffloaderStats;
import org.offloadbench.core.offload.Task;
import org.offloadbench.core.offload.TaskResult;
import org.offloadbench.core.offload.transport.InputCopies;
import org.offloadbench.core.worker.ChildJvmSpec;
import org.offloadbench.core.workload.Checksums;
import org.offloadbench.core.workload.InputSpec;
import org.offloadbench.core.workload.Workload;
import org.offloadbench.core.workload.WorkloadCatalogue;
import org.offloadbench.core.workload.fault.FaultHalt;
import org.offloadbench.core.workload.fault.FaultHang;
import org.offloadbench.core.workload.fault.FaultOom;

/**
 * The failure paths issue 4 names, each against real child JVMs. Timings never decide a result: every wait
 * is a liveness bound many times the expected time.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class PipesOffloaderTest {
    private static final long LIVENESS_SECONDS = 60;
    private static final WorkloadCatalogue CATALOGUE = WorkloadCatalogue.load();

    // ------------------------------------------------------------------------------------------ the protocol

    @Test
    void aWorkloadPrintingToStdoutCannotCorruptTheFrames() {
        try (PipesOffloader pool = TestPools.pool(1, 8)) {
            long pid = pool.childPids().get(0);
            byte[] input = "frames stay intact".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
            for (int i = 0; i < 3; i++) {
                // test-wire-print writes a line and a fake frame start ("OB\1\3") to System.out, then reverses;
                // fault-print writes 50 lines to System.out and System.err, then echoes
                TaskResult r = result(pool.submit(Task.of("test-wire-print", input.clone())));
                assertArrayEquals(CATALOGUE.get("test-wire-print").execute(input.clone()), r.output());
                byte[] printInput = ((org.offloadbench.core.workload.fault.FaultWorkload) CATALOGUE.get("fault-print")).input(50);
                assertArrayEquals(printInput, result(pool.submit(Task.of("fault-print", printInput.clone()))).output());
            }
            assertEquals(List.of(pid), pool.childPids(), "the child must not have been replaced");
            assertEquals(0, pool.stats().respawned());
        }
    }

    @Test
    void everyAnswerMatchesADirectRunWithBothDispatchPolicies() {
        Workload sha = CATALOGUE.get("sha256");
        for (String dispatch : List.of("round-robin", "least-busy")) {
            try (PipesOffloader pool = TestPools.pool(2, 64, "dispatch", dispatch, "inFlightPerChild", "2")) {
                List<CompletableFuture<TaskResult>> futures = new ArrayList<>();
                List<byte[]> inputs = new ArrayList<>();
                for (int i = 0; i < 40; i++) {
                    byte[] input = sha.generateInput(InputSpec.of(i, 100 + i * 50));
                    inputs.add(input);
                    futures.add(pool.submit(Task.of("sha256", input.clone())));
                }
                Set<String> workers = new HashSet<>();
                for (int i = 0; i < futures.size(); i++) {
                    TaskResult r = result(futures.get(i));
                    byte[] expected = sha.execute(inputs.get(i).clone());
                    assertArrayEquals(expected, r.output(), dispatch + " task " + i);
                    assertEquals(Checksums.of(expected), r.checksum());
                    workers.add(r.workerId());
                }
                assertEquals(2, workers.size(), dispatch + ": 40 tasks must have used both children, used " + workers);
                assertEquals(40, pool.stats().completed());
            }
        }
    }

    @Test
    void roundRobinTakesTurnsAndLeastBusyAvoidsABusyChild() {
        byte[] noop = new byte[64];
        try (PipesOffloader pool = TestPools.pool(2, 16, "dispatch", "round-robin")) {
            List<String> order = new ArrayList<>();
            for (int i = 0; i < 4; i++) {
                order.add(result(pool.submit(Task.of("noop", noop))).workerId());
            }
            assertNotEquals(order.get(0), order.get(1), "round-robin alternates: " + order);
            assertEquals(order.get(0), order.get(2), "round-robin alternates: " + order);
            assertEquals(order.get(1), order.get(3), "round-robin alternates: " + order);
        }
        try (PipesOffloader pool = TestPools.pool(2, 16, "dispatch", "least-busy", "inFlightPerChild", "4")) {
            CompletableFuture<TaskResult> slow = pool.submit(Task.of("test-wire-sleep", millis(3_000)));
            awaitUntil("one task in flight", () -> pool.stats().inFlight() == 1, pool);
            // the busy child has 3 free slots, but least-busy must still choose the idle one every time
            Set<String> quick = new HashSet<>();
            for (int i = 0; i < 3; i++) {
                quick.add(result(pool.submit(Task.of("noop", noop))).workerId());
            }
            assertEquals(1, quick.size(), "least-busy used " + quick);
            assertFalse(quick.contains(result(slow).workerId()), "least-busy sent work to the busy child: " + quick);
        }
    }

    @Test
    void withRetryOffTheCallersArrayIsStillCopiedOnSendWhetherSentAtOnceOrQueued() {
        try (PipesOffloader pool = TestPools.pool(1, 8, "retry", "off")) {
            byte[] original = CATALOGUE.get("echo").generateInput(InputSpec.of(5, 4096));
            byte[] sentAtOnce = original.clone();
            CompletableFuture<TaskResult> first = pool.submit(Task.of("echo", sentAtOnce));
            java.util.Arrays.fill(sentAtOnce, (byte) 1);
            assertArrayEquals(original, result(first).output());
            CompletableFuture<TaskResult> blocker = pool.submit(Task.of("test-wire-sleep", millis(300)));
            byte[] queued = original.clone();
            CompletableFuture<TaskResult> second = pool.submit(Task.of("echo", queued));
            java.util.Arrays.fill(queued, (byte) 2);
            assertArrayEquals(original, result(second).output());
            result(blocker);
        }
    }

    @Test
    void oneChildRunsInFlightPerChildTasksAtOnce() {
        try (PipesOffloader pool = TestPools.pool(1, 8, "inFlightPerChild", "2")) {
            // test-wire-rendezvous returns only when two tasks are inside it together
            CompletableFuture<TaskResult> a = pool.submit(Task.of("test-wire-rendezvous", new byte[8]));
            CompletableFuture<TaskResult> b = pool.submit(Task.of("test-wire-rendezvous", new byte[8]));
            assertEquals(result(a).workerId(), result(b).workerId());
        }
    }

    // ------------------------------------------------------------------------------------------ crashes

    @Test
    void sigkillOfABusyChildRetriesItsTaskOnAFreshChild() throws Exception {
        try (PipesOffloader pool = TestPools.pool(1, 8)) {
            long victim = pool.childPids().get(0);
            byte[] input = millis(800);
            byte[] callersArray = input.clone();
            CompletableFuture<TaskResult> f = pool.submit(Task.of("test-wire-sleep", callersArray));
            java.util.Arrays.fill(callersArray, (byte) 0x11); // the caller reuses its array: the retry must not see it
            awaitUntil("the task is running", () -> pool.stats().inFlight() == 1, pool);
            ProcessHandle.of(victim).orElseThrow().destroyForcibly();
            TaskResult r = result(f);
            assertArrayEquals(input, r.output(), "the retry must resend the bytes as they were at submit");
            assertNotEquals("pid " + victim, r.workerId(), "the retry must run on the replacement");
            assertEquals(1, pool.retries());
            awaitUntil("one respawn, one child", () -> pool.stats().respawned() == 1 && pool.stats().workers() == 1, pool);
            assertFalse(ProcessHandle.of(victim).map(ProcessHandle::isAlive).orElse(false));
            assertEquals(1, pool.stats().completed());
        }
    }

    @Test
    void withRetryOffASigkilledChildsTaskFailsWorkerCrashedWithExitCode() throws Exception {
        try (PipesOffloader pool = TestPools.pool(1, 8, "retry", "off")) {
            long victim = pool.childPids().get(0);
            CompletableFuture<TaskResult> f = pool.submit(Task.of("test-wire-sleep", millis(5_000)));
            awaitUntil("the task is running", () -> pool.stats().inFlight() == 1, pool);
            ProcessHandle.of(victim).orElseThrow().destroyForcibly();
            OffloadException e = failure(f);
            assertEquals(FailureKind.WORKER_CRASHED, e.kind(), e.toString());
            assertTrue(e.getMessage().contains("exit code 137") && e.getMessage().contains("signal 9"), e.getMessage());
            assertTrue(e.getMessage().contains("retry=off"), e.getMessage());
            assertEquals(0, pool.retries());
            assertStillWorks(pool);
            OffloaderStats s = pool.stats();
            assertEquals(1, s.failed(), s.toString());
            assertEquals(1, s.respawned(), s.toString());
        }
    }

    @Test
    void aHaltingTaskIsRetriedOnceThenFailsWithTheExitCode() {
        try (PipesOffloader pool = TestPools.pool(2, 8)) {
            OffloadException e = failure(pool.submit(Task.of(FaultHalt.ID, millis(42))));
            assertEquals(FailureKind.WORKER_CRASHED, e.kind(), e.toString());
            assertTrue(e.getMessage().contains("exit code 42"), e.getMessage());
            assertTrue(e.getMessage().contains("already been retried once"), e.getMessage());
            assertEquals(1, pool.retries());
            assertStillWorks(pool);
            awaitUntil("two respawns, two children", () -> pool.stats().respawned() == 2 && pool.stats().workers() == 2, pool);
        }
    }

    @Test
    void aChildThatRunsOutOfHeapIsReportedWithItsStderrAndReplaced() {
        try (PipesOffloader pool = TestPools.pool(1, 8, "heap", "32m", "retry", "off")) {
            OffloadException e = failure(pool.submit(Task.of(FaultOom.ID, millis(1 << 20))));
            assertEquals(FailureKind.WORKER_CRASHED, e.kind(), e.toString());
            assertTrue(e.getMessage().contains("OutOfMemoryError"), "the stderr tail must say why: " + e.getMessage());
            assertStillWorks(pool);
            assertEquals(1, pool.stats().respawned());
        }
    }

    @Test
    void aHangingTaskTimesOutItsChildIsReplacedAndItsNeighbourIsRetried() {
        try (PipesOffloader pool = TestPools.pool(1, 8, "inFlightPerChild", "2")) {
            long first = pool.childPids().get(0);
            byte[] neighbourInput = millis(1_000);
            CompletableFuture<TaskResult> neighbour = pool.submit(Task.of("test-wire-sleep", neighbourInput));
            CompletableFuture<TaskResult> hang = pool.submit(new Task(FaultHang.ID,
                    millis(60_000), TimeUnit.MILLISECONDS.toNanos(300), Task.Handoff.COPY));
            OffloadException e = failure(hang);
            assertEquals(FailureKind.TIMED_OUT, e.kind(), e.toString());
            assertArrayEquals(neighbourInput, result(neighbour).output(), "the neighbour must be unharmed");
            assertFalse(ProcessHandle.of(first).map(ProcessHandle::isAlive).orElse(false),
                    "the child running the hung task must be gone");
            awaitUntil("a replacement", () -> pool.stats().respawned() == 1 && pool.stats().workers() == 1, pool);
            OffloaderStats s = pool.stats();
            assertEquals(1, s.timedOut(), s.toString());
            assertEquals(1, s.completed(), s.toString());
        }
    }

    @Test
    void garbageFromAChildGetsItKilledAndTheTaskRetried() {
        PipesSettings settings = TestPools.settings(1, 8);
        ChildJvmSpec normal = PipesOffloader.workerSpec(settings);
        ChildJvmSpec garbage = normal.withJvmOptions(List.of("-Xmx32m")).withArgs(List.of());
        garbage = new ChildJvmSpec(garbage.javaExecutable(), garbage.classpath(), garbage.jvmOptions(),
                GarbageWorkerMain.class.getName(), List.of(), garbage.environment(), null, 50);
        ChildJvmSpec first = garbage;
        try (PipesOffloader pool = new PipesOffloader(settings, n -> n == 0 ? first : normal, System::nanoTime)) {
            long liar = pool.childPids().get(0);
            byte[] input = "after garbage".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
            TaskResult r = result(pool.submit(Task.of("echo", input)));
            assertArrayEquals(input, r.output());
            assertNotEquals("pid " + liar, r.workerId());
            assertFalse(ProcessHandle.of(liar).map(ProcessHandle::isAlive).orElse(false), "the liar must be killed");
            assertEquals(1, pool.retries());
            assertEquals(1, pool.stats().respawned());
        }
    }

    @Test
    void aChildWhoseAnswerDoesNotHashToItsClaimedChecksumIsKilledAndTheTaskRetried() {
        PipesSettings settings = TestPools.settings(1, 8);
        ChildJvmSpec normal = PipesOffloader.workerSpec(settings);
        ChildJvmSpec liarSpec = new ChildJvmSpec(normal.javaExecutable(), normal.classpath(), List.of("-Xmx64m"),
                GarbageWorkerMain.class.getName(), List.of("bad-checksum"), normal.environment(), null, 50);
        try (PipesOffloader pool = new PipesOffloader(settings, n -> n == 0 ? liarSpec : normal, System::nanoTime)) {
            long liar = pool.childPids().get(0);
            // large enough to be checked over several read slices
            byte[] input = CATALOGUE.get("echo").generateInput(InputSpec.of(9, 300 * 1024));
            TaskResult r = result(pool.submit(Task.of("echo", input)));
            assertArrayEquals(input, r.output());
            assertEquals(Checksums.of(input), r.checksum());
            assertNotEquals("pid " + liar, r.workerId());
            assertFalse(ProcessHandle.of(liar).map(ProcessHandle::isAlive).orElse(false), "the liar must be killed");
            assertEquals(1, pool.retries());
        }
    }

    @Test
    void largeInputsAreCopiedAtSubmitAndTheRecycledCopiesNeverMixUpTasks() throws Exception {
        try (PipesOffloader pool = TestPools.pool(1, 8)) {
            int size = InputCopies.MIN_RECYCLED_BYTES + 64;
            for (int seed = 1; seed <= 4; seed++) {
                byte[] original = CATALOGUE.get("echo").generateInput(InputSpec.of(seed, size));
                byte[] callersArray = original.clone();
                CompletableFuture<TaskResult> f = pool.submit(Task.of("echo", callersArray));
                java.util.Arrays.fill(callersArray, (byte) seed); // the caller reuses its array at once
                assertArrayEquals(original, result(f).output(), "task " + seed);
            }
            // a crash while a recycled copy is in flight: the retry still sends the bytes as they were at submit
            long victim = pool.childPids().get(0);
            byte[] sleepInput = millis(800);
            CompletableFuture<TaskResult> sleeping = pool.submit(Task.of("test-wire-sleep", sleepInput));
            byte[] original = CATALOGUE.get("echo").generateInput(InputSpec.of(99, size));
            byte[] callersArray = original.clone();
            CompletableFuture<TaskResult> queued = pool.submit(Task.of("echo", callersArray));
            java.util.Arrays.fill(callersArray, (byte) 0x33);
            awaitUntil("the sleeper is running", () -> pool.stats().inFlight() == 1, pool);
            ProcessHandle.of(victim).orElseThrow().destroyForcibly();
            result(sleeping);
            assertArrayEquals(original, result(queued).output());
        }
    }

    @Test
    void childrenThatCannotStartAreGivenUpOnAndPendingTasksFailWithTheReason() {
        PipesSettings settings = TestPools.settings(1, 8, "maxStartFailures", "2", "respawnBackoffMillis", "0");
        ChildJvmSpec normal = PipesOffloader.workerSpec(settings);
        List<String> bad = new ArrayList<>(normal.jvmOptions());
        bad.add("-XX:+NoSuchOptionForTheTest");
        ChildJvmSpec broken = normal.withJvmOptions(bad);
        try (PipesOffloader pool = new PipesOffloader(settings, n -> n == 0 ? normal : broken, System::nanoTime)) {
            OffloadException e = failure(pool.submit(Task.of(FaultHalt.ID, millis(7))));
            assertEquals(FailureKind.UNAVAILABLE, e.kind(), e.toString());
            assertTrue(e.getMessage().contains("stopped respawning after 2"), e.getMessage());
            assertTrue(e.getMessage().contains("NoSuchOptionForTheTest"), "the child's own complaint: " + e.getMessage());
            OffloadException later = failure(pool.submit(Task.of("noop", new byte[8])));
            assertEquals(FailureKind.UNAVAILABLE, later.kind());
            assertEquals(0, pool.stats().workers());
        }
    }

    @Test
    void aPoolWhoseChildrenCannotStartFailsAtCreationWithTheJvmsComplaint() {
        OffloadException e = assertThrows(OffloadException.class,
                () -> TestPools.pool(2, 8, "jvmOptions", "-XX:+NoSuchOptionAtAll").close());
        assertEquals(FailureKind.UNAVAILABLE, e.kind());
        assertTrue(e.getMessage().contains("NoSuchOptionAtAll"), e.getMessage());
    }

    // ------------------------------------------------------------------------------------------ close

    @Test
    void closeEndsEveryChild() {
        PipesOffloader pool = TestPools.pool(2, 8);
        List<Long> pids = pool.childPids();
        assertEquals(2, pids.size());
        assertStillWorks(pool);
        List<ChildStartup> startups = pool.startups();
        assertEquals(2, startups.size(), startups.toString());
        for (ChildStartup s : startups) {
            assertTrue(s.spawnToReadyNanos() > 0, s.toString());
            assertTrue(s.spawnToFirstResultNanos() == -1 || s.spawnToFirstResultNanos() > s.spawnToReadyNanos(), s.toString());
        }
        assertTrue(startups.stream().anyMatch(s -> s.spawnToFirstResultNanos() > 0), "one child answered: " + startups);
        assertTrue(pool.close(Duration.ofSeconds(10)));
        for (long pid : pids) {
            assertFalse(ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false), "child " + pid + " outlived close");
        }
        assertEquals(0, pool.stats().workers());
        assertTrue(ProcessHandle.current().descendants().noneMatch(p -> pids.contains(p.pid())));
    }

    @Test
    void anOversizedInputIsABadRequestAtSubmit() {
        try (PipesOffloader pool = TestPools.pool(1, 8)) {
            byte[] huge = new byte[org.offloadbench.core.wire.FrameLimits.DEFAULT_MAX_PAYLOAD_BYTES + 1];
            OffloadException e = failure(pool.submit(Task.of("echo", huge)));
            assertEquals(FailureKind.BAD_REQUEST, e.kind());
            assertTrue(e.getMessage().contains("payload limit"), e.getMessage());
            assertStillWorks(pool);
        }
    }

    // ------------------------------------------------------------------------------------------ helpers

    /** The 8-byte parameter of a test-wire-sleep or fault-* input (milliseconds, exit code, chunk size). */
    static byte[] millis(long value) {
        return ByteBuffer.allocate(Long.BYTES).putLong(value).array();
    }

    static void assertStillWorks(PipesOffloader pool) {
        byte[] input = ByteBuffer.allocate(16).putLong(0x0123456789ABCDEFL).array();
        assertArrayEquals(input, result(pool.submit(Task.of("echo", input.clone()))).output());
    }

    static TaskResult result(CompletableFuture<TaskResult> f) {
        try {
            return f.get(LIVENESS_SECONDS, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            return fail("task failed: " + e.getCause(), e.getCause());
        } catch (TimeoutException | InterruptedException e) {
            return fail("task did not complete within " + LIVENESS_SECONDS + " s", e);
        }
    }

    static OffloadException failure(CompletableFuture<TaskResult> f) {
        try {
            TaskResult r = f.get(LIVENESS_SECONDS, TimeUnit.SECONDS);
            return fail("expected a failure, got " + r.output().length + " bytes from " + r.workerId());
        } catch (ExecutionException e) {
            OffloadException oe = OffloadException.find(e);
            return oe != null ? oe : fail("not an OffloadException: " + e.getCause(), e.getCause());
        } catch (TimeoutException | InterruptedException e) {
            return fail("task did not complete within " + LIVENESS_SECONDS + " s", e);
        }
    }

    static void awaitUntil(String what, BooleanSupplier condition, PipesOffloader pool) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(LIVENESS_SECONDS);
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() - deadline > 0) {
                fail("gave up waiting for " + what + "; stats " + pool.stats());
            }
            try {
                Thread.sleep(5);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                fail("interrupted waiting for " + what);
            }
        }
    }
}
