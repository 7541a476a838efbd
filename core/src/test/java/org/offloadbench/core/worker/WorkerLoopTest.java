package org.offloadbench.core.worker;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.channels.Channels;
import java.nio.channels.Pipe;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.offloadbench.core.offload.FailureKind;
import org.offloadbench.core.wire.Frame;
import org.offloadbench.core.wire.FrameCodec;
import org.offloadbench.core.wire.FrameLimits;
import org.offloadbench.core.wire.FrameWriter;
import org.offloadbench.core.workload.Checksums;
import org.offloadbench.core.workload.WorkloadCatalogue;

/** The loop in this JVM, over real pipes; a parent's view: frames out, frames back. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class WorkerLoopTest {

    private static final long PID = 4711L;
    private static final WorkloadCatalogue CATALOGUE = WorkloadCatalogue.load();

    private final FrameCodec codec = new FrameCodec(FrameLimits.DEFAULT);
    private final ByteArrayOutputStream diagnostics = new ByteArrayOutputStream();
    private WorkerLoop loop;
    private CompletableFuture<WorkerLoop.Exit> exit;
    private OutputStream toWorker;
    private FrameWriter writer;
    private InputStream fromWorker;

    private Frame.Ready start(WorkerConfig config) throws IOException {
        return start(config, System::nanoTime);
    }

    private Frame.Ready start(WorkerConfig config, LongSupplier clock) throws IOException {
        Pipe in = Pipe.open();
        Pipe out = Pipe.open();
        loop = new WorkerLoop(config, new TaskExecutor(CATALOGUE, config.limits(), clock), clock, PID,
                new PrintStream(diagnostics, true, StandardCharsets.UTF_8));
        InputStream loopIn = Channels.newInputStream(in.source());
        OutputStream loopOut = Channels.newOutputStream(out.sink());
        exit = CompletableFuture.supplyAsync(() -> {
            try (loopIn; loopOut) {
                return loop.run(loopIn, loopOut);
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }, r -> new Thread(r, "loop-under-test").start());
        toWorker = Channels.newOutputStream(in.sink());
        writer = new FrameWriter(codec, toWorker);
        fromWorker = Channels.newInputStream(out.source());
        return assertInstanceOf(Frame.Ready.class, next(), "READY comes first");
    }

    @BeforeEach
    void closeTheStubbornGate() {
        TestWireWorkloads.Stubborn.reset();
    }

    @AfterEach
    void stopLoop() throws Exception {
        TestWireWorkloads.Stubborn.releaseAll();
        if (toWorker != null) {
            toWorker.close();
            // drain so the loop never blocks writing, then it must end
            while (codec.read(fromWorker) != null) {
                // discard answers that a test did not read
            }
            exit.get(30, TimeUnit.SECONDS);
        }
    }

    private Frame next() throws IOException {
        return codec.read(fromWorker);
    }

    private void send(Frame frame) throws IOException {
        writer.write(frame);
    }

    private static Frame.Request request(long id, String workload, byte[] input) {
        return new Frame.Request(id, workload, 0L, input);
    }

    @Test
    void announcesItselfAndAnswersWithOutputChecksumAndTimings() throws IOException {
        AtomicLong fakeNanos = new AtomicLong();
        Frame.Ready ready = start(WorkerConfig.defaults().withConcurrency(2), () -> fakeNanos.addAndGet(1000));
        assertEquals(new Frame.Ready(PID, 2, FrameLimits.DEFAULT_MAX_PAYLOAD_BYTES), ready);
        byte[] input = "hello, worker".getBytes(StandardCharsets.UTF_8);
        send(request(1L, "test-wire-sha256", input));
        Frame.Response response = assertInstanceOf(Frame.Response.class, next());
        byte[] direct = CATALOGUE.get("test-wire-sha256").execute(input);
        assertEquals(1L, response.requestId());
        assertArrayEquals(direct, response.payload());
        assertEquals(Checksums.of(direct), response.checksum());
        // the fake clock ticks 1000 per read: received, started, workload start, workload end
        assertEquals(1000L, response.queueNanos());
        assertEquals(1000L, response.runNanos());
    }

    @Test
    void manyConcurrentAnswersArriveWholeAndCorrect() throws IOException {
        start(WorkerConfig.defaults().withConcurrency(4));
        SplittableRandom random = new SplittableRandom(7L);
        Map<Long, byte[]> expected = new HashMap<>();
        for (long id = 1; id <= 300; id++) {
            byte[] input = new byte[random.nextInt(0, 64 * 1024)];
            random.nextBytes(input);
            String workload = id % 2 == 0 ? "test-wire-echo" : "test-wire-sha256";
            expected.put(id, CATALOGUE.get(workload).execute(input));
            send(request(id, workload, input));
        }
        // four threads write answers at once; any interleaving would break the framing or the checksums
        for (int i = 0; i < 300; i++) {
            Frame.Response r = assertInstanceOf(Frame.Response.class, next());
            byte[] want = expected.remove(r.requestId());
            assertArrayEquals(want, r.payload(), "request " + r.requestId());
            assertEquals(Checksums.of(want), r.checksum());
        }
        assertTrue(expected.isEmpty());
    }

    @Test
    void anErrorThrownByAWorkloadIsReportedAndDoesNotKillTheTaskThread() throws IOException {
        WorkloadCatalogue catalogue = WorkloadCatalogue.of(List.of(new TestWireWorkloads.Echo() {
            @Override
            public String id() {
                return "asserting";
            }

            @Override
            public byte[] execute(byte[] input) {
                throw new AssertionError("invariant broken");
            }
        }));
        TaskExecutor executor = new TaskExecutor(catalogue, FrameLimits.DEFAULT);
        Frame.Error e = assertInstanceOf(Frame.Error.class, executor.execute(request(1L, "asserting", new byte[0]), 0L));
        assertEquals(FailureKind.WORKLOAD_FAILED, e.failure());
        assertEquals("asserting threw java.lang.AssertionError: invariant broken", e.message());
    }

    @Test
    void outputOverTheFrameLimitAndHugeMessagesAreReportedWithinTheLimit() {
        TaskExecutor executor = new TaskExecutor(CATALOGUE, new FrameLimits(1000));
        Frame.Error tooBig = assertInstanceOf(Frame.Error.class,
                executor.execute(request(1L, "test-wire-echo", new byte[1001]), 0L));
        assertEquals(FailureKind.WORKLOAD_FAILED, tooBig.failure());
        assertTrue(tooBig.message().contains("1001 bytes") && tooBig.message().contains("limit of 1000"),
                tooBig.message());
        TaskExecutor small = new TaskExecutor(CATALOGUE, new FrameLimits(100));
        Frame.Error cut = small.error(2L, FailureKind.BAD_REQUEST, "\u20ac".repeat(1000));
        assertTrue(cut.message().getBytes(StandardCharsets.UTF_8).length <= 100, cut.message());
        assertTrue(cut.message().endsWith("[truncated]"), cut.message());
    }

    @Test
    void aThrowingWorkloadIsAnErrorWithItsOwnMessageAndTheLoopLivesOn() throws IOException {
        start(WorkerConfig.defaults());
        send(request(1L, "test-wire-throw", new byte[3]));
        Frame.Error error = assertInstanceOf(Frame.Error.class, next());
        assertEquals(new Frame.Error(1L, FailureKind.WORKLOAD_FAILED, "test-wire-throw refuses 3 bytes on purpose"),
                error);
        send(request(2L, "test-wire-crash", new byte[5]));
        Frame.Error crash = assertInstanceOf(Frame.Error.class, next());
        assertEquals(FailureKind.WORKLOAD_FAILED, crash.failure());
        assertTrue(crash.message().contains("IllegalStateException") && crash.message().contains("unexpected state 5"),
                crash.message());
        send(request(3L, "test-wire-echo", new byte[] {7}));
        assertArrayEquals(new byte[] {7}, assertInstanceOf(Frame.Response.class, next()).payload());
    }

    @Test
    void anUnknownWorkloadIsABadRequestNamingTheValidOnes() throws IOException {
        start(WorkerConfig.defaults());
        send(request(9L, "no-such-workload", new byte[0]));
        Frame.Error error = assertInstanceOf(Frame.Error.class, next());
        assertEquals(FailureKind.BAD_REQUEST, error.failure());
        assertEquals(9L, error.requestId());
        assertTrue(error.message().contains("no-such-workload") && error.message().contains("test-wire-echo"),
                error.message());
    }

    @Test
    void cancelAnswersQueuedAndRunningTasksAtOnce() throws IOException {
        start(WorkerConfig.defaults().withConcurrency(1));
        send(request(1L, "test-wire-sleep", TestWireWorkloads.millis(60_000)));
        send(request(2L, "test-wire-sleep", TestWireWorkloads.millis(60_000)));
        send(new Frame.Cancel(2L));
        send(new Frame.Cancel(1L));
        send(new Frame.Cancel(77L)); // not in flight: ignored
        Map<Long, Frame> answers = new HashMap<>();
        for (int i = 0; i < 2; i++) {
            Frame f = next();
            answers.put(f.requestId(), f);
        }
        for (long id : new long[] {1L, 2L}) {
            Frame.Error e = assertInstanceOf(Frame.Error.class, answers.get(id));
            assertEquals(FailureKind.CANCELLED, e.failure(), e.message());
        }
        send(request(3L, "test-wire-echo", new byte[] {1}));
        assertEquals(3L, assertInstanceOf(Frame.Response.class, next()).requestId());
    }

    @Test
    void aTimedOutTaskThatIgnoresInterruptsIsAbandonedAndReplaced() throws IOException {
        start(WorkerConfig.defaults().withConcurrency(1));
        send(new Frame.Request(1L, "test-wire-stubborn", 50_000_000L, new byte[] {1}));
        Frame.Error error = assertInstanceOf(Frame.Error.class, next());
        assertEquals(FailureKind.TIMED_OUT, error.failure());
        assertTrue(error.message().contains("50000000 ns"), error.message());
        // the stubborn task still holds its thread; an answer now proves a replacement thread serves
        send(request(2L, "test-wire-echo", new byte[] {2}));
        assertEquals(2L, assertInstanceOf(Frame.Response.class, next()).requestId());
        assertEquals(1L, loop.abandonedThreads());
    }

    private Frame.Ready startInline() throws IOException {
        Pipe in = Pipe.open();
        Pipe out = Pipe.open();
        WorkerConfig config = WorkerConfig.defaults().withConcurrency(1);
        loop = new WorkerLoop(config, new TaskExecutor(CATALOGUE, config.limits()), System::nanoTime, PID,
                new PrintStream(diagnostics, true, StandardCharsets.UTF_8)).runSingleTasksInline(true);
        InputStream loopIn = Channels.newInputStream(in.source());
        OutputStream loopOut = Channels.newOutputStream(out.sink());
        exit = CompletableFuture.supplyAsync(() -> {
            try (loopIn; loopOut) {
                return loop.run(loopIn, loopOut);
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }, r -> new Thread(r, "loop-under-test").start());
        toWorker = Channels.newOutputStream(in.sink());
        writer = new FrameWriter(codec, toWorker);
        fromWorker = Channels.newInputStream(out.source());
        return assertInstanceOf(Frame.Ready.class, next(), "READY comes first");
    }

    @Test
    void inlineRunningAnswersEveryRequestCorrectly() throws IOException {
        startInline();
        SplittableRandom random = new SplittableRandom(11L);
        for (long id = 1; id <= 50; id++) {
            byte[] input = new byte[random.nextInt(0, 200 * 1024)];
            random.nextBytes(input);
            String workload = id % 2 == 0 ? "test-wire-echo" : "test-wire-sha256";
            byte[] want = CATALOGUE.get(workload).execute(input);
            send(request(id, workload, input));
            Frame.Response r = assertInstanceOf(Frame.Response.class, next());
            assertEquals(id, r.requestId());
            assertArrayEquals(want, r.payload());
            assertEquals(Checksums.of(want), r.checksum());
        }
        send(request(99L, "no-such-workload", new byte[0]));
        assertEquals(FailureKind.BAD_REQUEST, assertInstanceOf(Frame.Error.class, next()).failure());
    }

    @Test
    void inlineRunningReadsNothingWhileATaskRunsSoACancelComesTooLate() throws IOException {
        startInline();
        send(request(1L, "test-wire-stubborn", new byte[] {1}));
        send(new Frame.Cancel(1L));
        send(request(2L, "test-wire-echo", new byte[] {2}));
        // the reader is inside the stubborn task: the CANCEL is read only after it returns, and then ignored
        TestWireWorkloads.Stubborn.releaseAll();
        assertEquals(1L, assertInstanceOf(Frame.Response.class, next()).requestId());
        assertEquals(2L, assertInstanceOf(Frame.Response.class, next()).requestId());
    }

    @Test
    void inlineRunningStillAnswersATimeoutAndReadsOnOnceTheTaskReturns() throws IOException {
        startInline();
        send(new Frame.Request(1L, "test-wire-stubborn", 50_000_000L, new byte[] {1}));
        Frame.Error error = assertInstanceOf(Frame.Error.class, next());
        assertEquals(FailureKind.TIMED_OUT, error.failure());
        assertEquals(1L, loop.abandonedThreads());
        send(request(2L, "test-wire-echo", new byte[] {2}));
        TestWireWorkloads.Stubborn.releaseAll();
        // the late stubborn result is dropped; the next answer is the echo's
        assertEquals(2L, assertInstanceOf(Frame.Response.class, next()).requestId());
    }

    @Test
    void inlineRunningNeedsConcurrencyOne() {
        WorkerConfig two = WorkerConfig.defaults().withConcurrency(2);
        WorkerLoop l = new WorkerLoop(two, new TaskExecutor(CATALOGUE, two.limits()));
        String m = assertThrows(IllegalArgumentException.class, () -> l.runSingleTasksInline(true)).getMessage();
        assertTrue(m.contains("concurrency 1") && m.contains("2"), m);
        l.runSingleTasksInline(false);
    }

    @Test
    void tasksRunConcurrentlyUpToTheConfiguredCount() throws IOException {
        start(WorkerConfig.defaults().withConcurrency(2));
        // each returns only when the other is inside the workload at the same moment
        send(request(1L, "test-wire-rendezvous", new byte[] {1}));
        send(request(2L, "test-wire-rendezvous", new byte[] {2}));
        assertInstanceOf(Frame.Response.class, next());
        assertInstanceOf(Frame.Response.class, next());
    }

    @Test
    void aFullQueueRejectsWithAClearMessage() throws IOException {
        start(WorkerConfig.defaults().withConcurrency(1).withMaxQueuedRequests(1));
        send(request(1L, "test-wire-stubborn", new byte[] {1}));
        send(request(2L, "test-wire-echo", new byte[] {2}));
        send(request(3L, "test-wire-echo", new byte[] {3}));
        Frame.Error rejected = assertInstanceOf(Frame.Error.class, next());
        assertEquals(3L, rejected.requestId());
        assertEquals(FailureKind.REJECTED, rejected.failure());
        assertTrue(rejected.message().contains("queue is full"), rejected.message());
        TestWireWorkloads.Stubborn.releaseAll();
        assertEquals(1L, assertInstanceOf(Frame.Response.class, next()).requestId());
        assertEquals(2L, assertInstanceOf(Frame.Response.class, next()).requestId());
    }

    @Test
    void aDuplicateInFlightIdIsABadRequest() throws IOException {
        start(WorkerConfig.defaults().withConcurrency(1));
        send(request(1L, "test-wire-stubborn", new byte[] {1}));
        send(request(1L, "test-wire-echo", new byte[] {2}));
        Frame.Error e = assertInstanceOf(Frame.Error.class, next());
        assertEquals(FailureKind.BAD_REQUEST, e.failure());
        assertTrue(e.message().contains("already in flight"), e.message());
        TestWireWorkloads.Stubborn.releaseAll();
        assertArrayEquals(new byte[] {1}, assertInstanceOf(Frame.Response.class, next()).payload());
    }

    @Test
    void aFrameAParentMustNotSendIsRefusedAndTheLoopGoesOn() throws IOException {
        start(WorkerConfig.defaults());
        send(new Frame.Response(5L, 0L, 0L, 0L, new byte[0]));
        Frame.Error e = assertInstanceOf(Frame.Error.class, next());
        assertEquals(new Frame.Error(5L, FailureKind.BAD_REQUEST,
                "a worker does not accept RESPONSE frames; valid: REQUEST, CANCEL, SHUTDOWN"), e);
        send(request(6L, "test-wire-echo", new byte[0]));
        assertEquals(6L, next().requestId());
    }

    @Test
    void aMalformedFrameGetsAnErrorAndTheLoopExitsCleanly() throws Exception {
        start(WorkerConfig.defaults().withConcurrency(1));
        send(request(1L, "test-wire-sleep", TestWireWorkloads.millis(60_000)));
        toWorker.write("GET / HTTP/1.1\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
        toWorker.flush();
        Frame.Error malformed = assertInstanceOf(Frame.Error.class, next());
        assertEquals(0L, malformed.requestId());
        assertEquals(FailureKind.BAD_REQUEST, malformed.failure());
        assertTrue(malformed.message().contains("bad magic"), malformed.message());
        Frame.Error closed = assertInstanceOf(Frame.Error.class, next());
        assertEquals(1L, closed.requestId());
        assertEquals(FailureKind.CLOSED, closed.failure());
        assertNull(next(), "the worker closes its output after a malformed frame");
        assertEquals(WorkerLoop.Exit.MALFORMED_INPUT, exit.get(30, TimeUnit.SECONDS));
        assertTrue(diagnostics.toString(StandardCharsets.UTF_8).contains("malformed frame"));
    }

    @Test
    void endOfInputLetsInFlightWorkFinishWithinTheGraceThenAbandonsTheRest() throws Exception {
        start(WorkerConfig.defaults().withConcurrency(2).withEndOfInputGraceNanos(TimeUnit.SECONDS.toNanos(20)));
        send(request(1L, "test-wire-stubborn", new byte[] {1}));
        send(request(2L, "test-wire-sleep", TestWireWorkloads.millis(50)));
        toWorker.close();
        // the short task finishes inside the grace and is answered although the input has ended
        assertEquals(2L, assertInstanceOf(Frame.Response.class, next()).requestId());
        TestWireWorkloads.Stubborn.releaseAll();
        assertEquals(1L, assertInstanceOf(Frame.Response.class, next()).requestId());
        assertNull(next());
        assertEquals(WorkerLoop.Exit.END_OF_INPUT, exit.get(30, TimeUnit.SECONDS));
    }

    @Test
    void endOfInputAbandonsWorkThatOutlivesTheGrace() throws Exception {
        start(WorkerConfig.defaults().withEndOfInputGraceNanos(TimeUnit.MILLISECONDS.toNanos(100)));
        send(request(1L, "test-wire-stubborn", new byte[] {1}));
        toWorker.close();
        Frame.Error e = assertInstanceOf(Frame.Error.class, next());
        assertEquals(FailureKind.CLOSED, e.failure());
        assertNull(next());
        assertEquals(WorkerLoop.Exit.END_OF_INPUT, exit.get(30, TimeUnit.SECONDS));
        assertEquals(1L, loop.abandonedThreads());
    }

    @Test
    void shutdownServesWhatIsInFlightThenExits() throws Exception {
        start(WorkerConfig.defaults().withConcurrency(1));
        send(request(1L, "test-wire-sleep", TestWireWorkloads.millis(100)));
        send(request(2L, "test-wire-echo", new byte[] {2}));
        send(new Frame.Shutdown());
        assertEquals(1L, assertInstanceOf(Frame.Response.class, next()).requestId());
        assertEquals(2L, assertInstanceOf(Frame.Response.class, next()).requestId());
        assertNull(next());
        assertEquals(WorkerLoop.Exit.SHUTDOWN, exit.get(30, TimeUnit.SECONDS));
    }

    @Test
    void noTaskThreadOutlivesTheLoop() throws Exception {
        start(WorkerConfig.defaults().withConcurrency(3));
        send(request(1L, "test-wire-echo", new byte[] {1}));
        next();
        toWorker.close();
        assertNull(next());
        exit.get(30, TimeUnit.SECONDS);
        assertTrue(Thread.getAllStackTraces().keySet().stream()
                .filter(t -> t.getName().startsWith("worker-task-") || t.getName().equals("worker-timeouts"))
                .noneMatch(t -> t.isAlive() && t.getState() != Thread.State.TERMINATED
                        && !stubbornThread(t)), "task threads left: " + Thread.getAllStackTraces().keySet());
    }

    /** Threads abandoned by other tests may still be inside the stubborn workload until it is released. */
    private static boolean stubbornThread(Thread t) {
        for (StackTraceElement e : t.getStackTrace()) {
            if (e.getClassName().contains("Stubborn")) {
                return true;
            }
        }
        return false;
    }

    @Test
    void inlineRunningReusesALargeRequestArrayWithoutMixingUpConsecutiveRequests() throws IOException {
        startInline();
        SplittableRandom random = new SplittableRandom(12L);
        int size = WorkerLoop.REUSE_MIN_PAYLOAD_BYTES + 4096;
        // same size every time, so each request is read into the array of the one before; an unknown workload
        // and a failing one in between must not leave stale bytes behind either
        String[] workloads = {"test-wire-echo", "test-wire-sha256", "no-such-workload", "test-wire-echo",
                "test-wire-echo", "test-wire-sha256"};
        for (int i = 0; i < workloads.length; i++) {
            byte[] input = new byte[size];
            random.nextBytes(input);
            send(request(i + 1, workloads[i], input.clone()));
            Frame answer = next();
            if (workloads[i].startsWith("no-such")) {
                assertEquals(FailureKind.BAD_REQUEST, assertInstanceOf(Frame.Error.class, answer).failure());
                continue;
            }
            byte[] want = CATALOGUE.get(workloads[i]).execute(input);
            Frame.Response r = assertInstanceOf(Frame.Response.class, answer);
            assertEquals(i + 1, r.requestId());
            assertArrayEquals(want, r.payload(), workloads[i] + " #" + (i + 1));
            assertEquals(Checksums.of(want), r.checksum());
        }
    }
}
