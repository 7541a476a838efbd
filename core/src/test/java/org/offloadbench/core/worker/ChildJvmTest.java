package org.offloadbench.core.worker;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.offloadbench.core.offload.FailureKind;
import org.offloadbench.core.wire.Frame;
import org.offloadbench.core.wire.FrameCodec;
import org.offloadbench.core.wire.FrameWriter;
import org.offloadbench.core.workload.Checksums;
import org.offloadbench.core.workload.InputSpec;
import org.offloadbench.core.workload.Workload;
import org.offloadbench.core.workload.WorkloadCatalogue;

/**
 * Real child JVMs running {@link WorkerMain}. Timeouts here are generous liveness bounds only.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class ChildJvmTest {

    /** Small, quick-starting children: these tests measure nothing. */
    private static final List<String> FAST_JVM = List.of("-Xmx64m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1");
    private static final Duration READY_TIMEOUT = Duration.ofSeconds(60);

    private final FrameCodec codec = FrameCodec.withDefaults();
    private final List<ChildJvm> started = new ArrayList<>();

    private ChildJvm launchWorker(String... args) throws IOException {
        return launch(ChildJvmSpec.worker(args).withJvmOptions(FAST_JVM));
    }

    private ChildJvm launch(ChildJvmSpec spec) throws IOException {
        ChildJvm child = new ChildJvmLauncher().launch(spec);
        started.add(child);
        return child;
    }

    @AfterEach
    void nothingIsLeftRunning() throws Exception {
        for (ChildJvm child : started) {
            child.close();
            assertTrue(!child.isAlive(), child + " survived close()");
        }
        // close() waits for each exit, so no descendant may remain; the grace covers the OS reaping
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (ProcessHandle.current().descendants().anyMatch(ProcessHandle::isAlive) && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
        List<ProcessHandle> left = ProcessHandle.current().descendants().filter(ProcessHandle::isAlive).toList();
        left.forEach(ProcessHandle::destroyForcibly);
        assertEquals(List.of(), left.stream().map(p -> p.pid() + " " + p.info().commandLine().orElse("?")).toList(),
                "child processes left behind");
    }

    private Frame roundTrip(ChildJvm child, FrameWriter writer, Frame request) throws Exception {
        writer.write(request);
        Frame answer = codec.read(child.stdout());
        if (answer == null) {
            fail("child closed its stdout instead of answering " + request + "; exit " + child.onExit().get(30, TimeUnit.SECONDS)
                    + ", stderr: " + child.stderrTail());
        }
        return answer;
    }

    @Test
    void hashesThroughFramesMatchADirectRun() throws Exception {
        ChildJvm child = launch(ChildJvmSpec.worker().withJvmOptions(List.of("-Xmx128m", "-XX:+UseSerialGC",
                "-XX:TieredStopAtLevel=1", "-Doffloadbench.worker.concurrency=2")));
        Frame.Ready ready = child.awaitReady(codec, READY_TIMEOUT);
        assertEquals(child.pid(), ready.pid());
        assertEquals(2, ready.concurrency(), "concurrency from the system property");
        assertTrue(child.spawnToReadyNanos().orElseThrow() > 0);
        FrameWriter writer = new FrameWriter(codec, child.stdin());
        WorkloadCatalogue catalogue = WorkloadCatalogue.load();
        List<String> ids = new ArrayList<>(List.of("test-wire-sha256", "test-wire-echo"));
        if (catalogue.contains("sha256")) {
            ids.add("sha256"); // the built-in, once it exists
        }
        long requestId = 0;
        for (String id : ids) {
            Workload workload = catalogue.get(id);
            for (int size : new int[] {0, 1, 64 * 1024, 3 * 1024 * 1024 + 7}) {
                byte[] input = workload.generateInput(InputSpec.of(42L + size, size));
                byte[] direct = workload.execute(input);
                Frame.Response response = assertInstanceOf(Frame.Response.class,
                        roundTrip(child, writer, new Frame.Request(++requestId, id, 0L, input)), id + " " + size);
                assertEquals(requestId, response.requestId());
                assertArrayEquals(direct, response.payload(), id + " at " + size + " bytes");
                assertEquals(Checksums.of(direct), response.checksum());
            }
        }
    }

    @Test
    void aWorkloadThatPrintsDoesNotCorruptFramesAndItsOutputReachesStderr() throws Exception {
        ChildJvm child = launchWorker();
        child.awaitReady(codec, READY_TIMEOUT);
        FrameWriter writer = new FrameWriter(codec, child.stdin());
        for (long id = 1; id <= 3; id++) {
            Frame.Response r = assertInstanceOf(Frame.Response.class,
                    roundTrip(child, writer, new Frame.Request(id, "test-wire-print", 0L, new byte[] {1, 2, 3})));
            assertArrayEquals(new byte[] {3, 2, 1}, r.payload());
        }
        awaitStderr(child, "hello from a workload on System.out");
    }

    @Test
    void aThrowingWorkloadLeavesTheChildAliveAndServing() throws Exception {
        ChildJvm child = launchWorker();
        child.awaitReady(codec, READY_TIMEOUT);
        FrameWriter writer = new FrameWriter(codec, child.stdin());
        Frame.Error e = assertInstanceOf(Frame.Error.class,
                roundTrip(child, writer, new Frame.Request(1L, "test-wire-throw", 0L, new byte[2])));
        assertEquals(new Frame.Error(1L, FailureKind.WORKLOAD_FAILED, "test-wire-throw refuses 2 bytes on purpose"), e);
        assertTrue(child.isAlive());
        assertInstanceOf(Frame.Response.class,
                roundTrip(child, writer, new Frame.Request(2L, "test-wire-echo", 0L, new byte[] {5})));
    }

    @Test
    void closingTheChildsStdinMakesItExit() throws Exception {
        ChildJvm child = launchWorker();
        child.awaitReady(codec, READY_TIMEOUT);
        child.stdin().close();
        assertEquals(WorkerMain.EXIT_OK, child.onExit().get(60, TimeUnit.SECONDS));
        assertEquals(WorkerMain.EXIT_OK, child.exitCode().orElseThrow());
    }

    @Test
    void aMalformedFrameIsAnsweredThenTheChildExitsCleanly() throws Exception {
        ChildJvm child = launchWorker();
        child.awaitReady(codec, READY_TIMEOUT);
        child.stdin().write("this is not a frame\n".getBytes(StandardCharsets.US_ASCII));
        child.stdin().flush();
        Frame answer = codec.read(child.stdout());
        if (answer != null) {
            Frame.Error e = assertInstanceOf(Frame.Error.class, answer);
            assertEquals(FailureKind.BAD_REQUEST, e.failure());
            assertTrue(e.message().contains("malformed frame"), e.message());
        }
        assertEquals(WorkerMain.EXIT_MALFORMED_INPUT, child.onExit().get(60, TimeUnit.SECONDS));
    }

    @Test
    void aKilledParentLeavesNoOrphan() throws Exception {
        ChildJvm parent = launch(ChildJvmSpec.of(OrphanCheckParent.class.getName()).withJvmOptions(FAST_JVM)
                .withArgs(FAST_JVM));
        BufferedReader lines = new BufferedReader(new InputStreamReader(parent.stdout(), StandardCharsets.UTF_8));
        String line = lines.readLine();
        if (line == null || !line.startsWith("child-pid=")) {
            fail("intermediate JVM printed " + line + "; stderr: " + parent.stderrTail());
        }
        long childPid = Long.parseLong(line.substring("child-pid=".length()));
        ProcessHandle grandchild = ProcessHandle.of(childPid).orElseThrow(() -> new AssertionError("no process " + childPid));
        try {
            // SIGKILL the intermediate only: no shutdown hook, no close(), exactly a crashed parent
            ProcessHandle.of(parent.pid()).orElseThrow().destroyForcibly();
            parent.onExit().get(30, TimeUnit.SECONDS);
            grandchild.onExit().get(60, TimeUnit.SECONDS);
        } finally {
            if (grandchild.isAlive()) {
                grandchild.destroyForcibly();
                fail("the worker " + childPid + " outlived its SIGKILLed parent");
            }
        }
    }

    @Test
    void stderrIsDrainedSoAChattyChildNeverBlocksAndTheTailIsBounded() throws Exception {
        ChildJvm child = launch(ChildJvmSpec.of(ChattyMain.class.getName()).withJvmOptions(FAST_JVM)
                .withArgs(List.of("20000")).withStderrTailLines(5));
        // 20000 lines of ~110 bytes are 2 MB: far beyond a pipe buffer, so this exits only if drained
        assertEquals(0, child.onExit().get(60, TimeUnit.SECONDS));
        child.close();
        List<String> tail = child.stderrTail();
        assertEquals(5, tail.size(), tail.toString());
        assertTrue(tail.get(3).startsWith("line 19999 "), tail.get(3));
        assertTrue(tail.get(4).startsWith("a very long last line yyy") && tail.get(4).contains("line cut at"),
                tail.get(4).substring(0, 40));
        assertTrue(tail.get(4).length() < StderrTail.MAX_LINE_CHARS + 100);
    }

    @Test
    void aChildThatCannotStartFailsWithItsOwnStderrInTheMessage() throws Exception {
        ChildJvm child = launch(ChildJvmSpec.of("org.offloadbench.NoSuchMain").withJvmOptions(FAST_JVM));
        ChildJvmStartException e = assertThrows(ChildJvmStartException.class, () -> child.awaitReady(codec, READY_TIMEOUT));
        assertTrue(e.getMessage().contains("org.offloadbench.NoSuchMain") && e.getMessage().contains("closed its stdout"),
                e.getMessage());
        assertTrue(e.getMessage().contains("Could not find or load main class"), e.getMessage());
    }

    @Test
    void badWorkerOptionsExitWithCodeTwoAndNameTheValidOnes() throws Exception {
        ChildJvm child = launchWorker("--concurrency=many");
        assertEquals(WorkerMain.EXIT_BAD_OPTIONS, child.onExit().get(60, TimeUnit.SECONDS));
        awaitStderr(child, "--concurrency must be an integer, was 'many'");
    }

    @Test
    void spawnToReadyIsMeasuredWithTheInjectedClock() throws Exception {
        AtomicLong fake = new AtomicLong(1_000L);
        ChildJvm child = new ChildJvmLauncher(() -> fake.getAndAdd(250L)).launch(ChildJvmSpec.worker()
                .withJvmOptions(FAST_JVM));
        started.add(child);
        assertTrue(child.spawnToReadyNanos().isEmpty(), "not ready yet");
        child.awaitReady(codec, READY_TIMEOUT);
        assertEquals(250L, child.spawnToReadyNanos().orElseThrow());
    }

    @Test
    void aChildThatSendsSomethingOtherThanReadyIsRefused() throws Exception {
        // the intermediate of the orphan test prints a text line on stdout, not a READY frame
        ChildJvm child = launch(ChildJvmSpec.of(OrphanCheckParent.class.getName()).withJvmOptions(FAST_JVM)
                .withArgs(FAST_JVM));
        ChildJvmStartException e = assertThrows(ChildJvmStartException.class, () -> child.awaitReady(codec, READY_TIMEOUT));
        assertTrue(e.getMessage().contains("bad magic"), e.getMessage());
    }

    @Test
    void aChildThatNeverSendsReadyIsKilledAtTheTimeout() throws Exception {
        ChildJvm child = launch(ChildJvmSpec.of(SilentMain.class.getName()).withJvmOptions(FAST_JVM));
        awaitStderr(child, "silent child up");
        ChildJvmStartException e = assertThrows(ChildJvmStartException.class,
                () -> child.awaitReady(codec, Duration.ofMillis(300)));
        assertTrue(e.getMessage().contains("sent no READY within 300 ms and was killed"), e.getMessage());
        assertTrue(e.getMessage().contains("silent child up"), "quotes its stderr: " + e.getMessage());
        child.onExit().get(30, TimeUnit.SECONDS);
    }

    @Test
    void aChildExitsOnEndOfInputEvenWhileATaskIgnoresInterrupts() throws Exception {
        ChildJvm child = launchWorker();
        child.awaitReady(codec, READY_TIMEOUT);
        FrameWriter writer = new FrameWriter(codec, child.stdin());
        // a CPU-bound task that never checks its interrupt flag, far longer than the test bound
        writer.write(new Frame.Request(1L, "test-wire-spin", 0L, TestWireWorkloads.millis(600_000)));
        writer.write(new Frame.Request(2L, "test-wire-echo", 0L, new byte[] {1}));
        child.stdin().close();
        // the queued echo and the spinning task are answered CLOSED once the grace is over
        List<Frame> answers = new ArrayList<>();
        for (Frame f; (f = codec.read(child.stdout())) != null; ) {
            answers.add(f);
        }
        assertEquals(WorkerMain.EXIT_OK, child.onExit().get(60, TimeUnit.SECONDS));
        assertEquals(2, answers.size(), answers.toString());
        for (Frame f : answers) {
            assertEquals(FailureKind.CLOSED, assertInstanceOf(Frame.Error.class, f).failure());
        }
    }

    @Test
    void specDefaultsToThisJvmsJavaAndClasspath() throws Exception {
        ChildJvmSpec spec = ChildJvmSpec.worker("--concurrency=3").withEnvironment(Map.of("OB_TEST", "1"));
        assertTrue(Files.isExecutable(spec.javaExecutable()), spec.javaExecutable().toString());
        assertEquals(System.getProperty("java.class.path"), spec.classpath());
        List<String> command = spec.command();
        assertEquals(List.of(spec.javaExecutable().toString(), "-cp", spec.classpath(), WorkerMain.class.getName(),
                "--concurrency=3"), command);
        assertThrows(IllegalArgumentException.class, () -> ChildJvmSpec.of(" "));
        assertTrue(Path.of(System.getProperty("java.home")).toRealPath().startsWith(
                spec.javaExecutable().toRealPath().getParent().getParent()), "same JDK as this JVM");
    }

    private static void awaitStderr(ChildJvm child, String text) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (System.nanoTime() < deadline) {
            if (child.stderrTail().stream().anyMatch(l -> l.contains(text))) {
                return;
            }
            Thread.sleep(20);
        }
        fail("stderr never showed '" + text + "': " + child.stderrTail());
    }
}
