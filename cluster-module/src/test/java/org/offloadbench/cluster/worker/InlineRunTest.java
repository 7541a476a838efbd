package org.offloadbench.cluster.worker;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.offloadbench.core.workload.fault.FaultHang;
import org.offloadbench.core.workload.fault.FaultSleep;
import org.offloadbench.cluster.http.BackendAddress;
import org.offloadbench.cluster.http.HttpClientConnection;
import org.offloadbench.cluster.http.HttpInput;
import org.offloadbench.cluster.http.OffloadHeaders;
import org.offloadbench.cluster.http.WorkerReply;
import org.offloadbench.core.wire.FrameLimits;
import org.offloadbench.core.worker.TaskExecutor;
import org.offloadbench.core.workload.WorkloadCatalogue;

/**
 * A request that finds a free slot runs on its connection's own thread; one that runs longer than the
 * hand-off delay gives the connection to a new reader thread. These tests hold the worker to what the
 * pooled path always did: a hang-up is noticed while the task runs (and a task that ignores the interrupt is
 * abandoned), a timeout is answered, the 102 precedes the final answer, and the connection stays usable and
 * in order afterwards. Tasks here run far longer than the 1 ms hand-off delay, so no timing decides a result.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class InlineRunTest {
    private static HttpWorker worker;
    private static BackendAddress address;

    @BeforeAll
    static void start() throws IOException {
        HttpWorkerConfig config = HttpWorkerConfig.defaults().withConcurrency(1).withMaxQueued(1);
        worker = HttpWorker.start(config, new TaskExecutor(WorkloadCatalogue.load(), FrameLimits.DEFAULT), System.err);
        address = new BackendAddress("127.0.0.1", worker.port());
    }

    @AfterAll
    static void stop() {
        worker.close();
    }

    private static HttpClientConnection connect() throws IOException {
        return HttpClientConnection.open(address, 5_000, System::nanoTime);
    }

    @Test
    void aLongInlineTaskSendsThe102FirstAndItsConnectionStaysUsable() throws Exception {
        try (HttpClientConnection c = connect()) {
            AtomicInteger interims = new AtomicInteger();
            WorkerReply slow = c.exchange("POST", OffloadHeaders.RUN_PATH + FaultSleep.ID,
                    Map.of(OffloadHeaders.NOTIFY_START, "true"), new FaultSleep().input(200), 30_000, false,
                    null, interims::incrementAndGet);
            assertEquals(200, slow.status(), slow.bodyText());
            assertEquals(1, interims.get(), "a task running past the hand-off delay gets exactly one 102, before its answer");
            // the loop moved to another thread: the same connection serves the next request
            byte[] input = "after the hand-off".getBytes(StandardCharsets.UTF_8);
            WorkerReply next = c.exchange("POST", OffloadHeaders.RUN_PATH + "echo", Map.of(), input, 30_000, false);
            assertEquals(200, next.status(), next.bodyText());
            assertArrayEquals(input, next.body());
        }
    }

    @Test
    void aHangUpDuringAnInlineTaskThatIgnoresInterruptsIsNoticedAndTheTaskAbandoned() throws Exception {
        long cancelled = metric("cancelled");
        long abandoned = metric("abandoned");
        try (Socket s = new Socket("127.0.0.1", worker.port())) {
            byte[] body = new FaultHang().input(5_000);
            OutputStream out = s.getOutputStream();
            out.write(("POST " + OffloadHeaders.RUN_PATH + FaultHang.ID + " HTTP/1.1\r\nHost: x\r\n"
                    + "Content-Length: " + body.length + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            out.write(body);
            out.flush();
            awaitMetric("running", 1);
        }
        // the hang-up reaches the new reader thread, the interrupt is ignored, the slot is given back anyway
        awaitMetric("abandoned", abandoned + 1);
        assertEquals(cancelled + 1, metric("cancelled"));
        try (HttpClientConnection c = connect()) {
            WorkerReply r = c.exchange("POST", OffloadHeaders.RUN_PATH + "echo", Map.of(), new byte[] {1, 2}, 30_000, false);
            assertEquals(200, r.status(), "the worker serves again while the abandoned task is still stuck: " + r.bodyText());
        }
    }

    @Test
    void anInlineTaskOverItsTimeoutIs504EvenBelowTheHandOffDelayAndTheConnectionStaysUsable() throws Exception {
        try (HttpClientConnection c = connect()) {
            for (long timeoutNanos : new long[] {TimeUnit.MILLISECONDS.toNanos(100), TimeUnit.MICROSECONDS.toNanos(300)}) {
                WorkerReply r = c.exchange("POST", OffloadHeaders.RUN_PATH + FaultSleep.ID,
                        Map.of(OffloadHeaders.TIMEOUT_NANOS, Long.toString(timeoutNanos)), new FaultSleep().input(10_000),
                        30_000, false);
                assertEquals(504, r.status(), r.bodyText());
                assertEquals("TIMED_OUT", r.header(OffloadHeaders.FAILURE));
            }
            awaitMetric("running", 0);
            WorkerReply r = c.exchange("POST", OffloadHeaders.RUN_PATH + "echo", Map.of(), new byte[] {9}, 30_000, false);
            assertEquals(200, r.status(), r.bodyText());
        }
    }

    @Test
    void pipelinedRequestsBehindALongInlineTaskAreAnsweredInOrder() throws Exception {
        try (Socket s = new Socket("127.0.0.1", worker.port())) {
            s.setSoTimeout(30_000);
            byte[] slow = new FaultSleep().input(100);
            byte[] fast = "second".getBytes(StandardCharsets.UTF_8);
            String both = "POST " + OffloadHeaders.RUN_PATH + FaultSleep.ID + " HTTP/1.1\r\nHost: x\r\n"
                    + "Content-Length: " + slow.length + "\r\n\r\n" + new String(slow, StandardCharsets.ISO_8859_1)
                    + "POST " + OffloadHeaders.RUN_PATH + "echo HTTP/1.1\r\nHost: x\r\nContent-Length: " + fast.length
                    + "\r\n\r\nsecond";
            s.getOutputStream().write(both.getBytes(StandardCharsets.ISO_8859_1));
            s.getOutputStream().flush();
            HttpInput in = new HttpInput(s, 16 * 1024, System::nanoTime);
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            byte[] first = readAnswer(in, deadline);
            byte[] second = readAnswer(in, deadline);
            assertArrayEquals(slow, first, "the sleep's echo comes first");
            assertArrayEquals(fast, second);
        }
    }

    @Test
    void anIdleKeepAliveConnectionIsClosedButOneWithARequestRunningIsNot() throws Exception {
        HttpWorkerConfig config = HttpWorkerConfig.defaults().withConcurrency(1).withIdleTimeoutMillis(200);
        HttpWorker idleWorker = HttpWorker.start(config, new TaskExecutor(WorkloadCatalogue.load(), FrameLimits.DEFAULT),
                System.err);
        try (Socket s = new Socket("127.0.0.1", idleWorker.port())) {
            s.setSoTimeout(30_000);
            HttpInput in = new HttpInput(s, 16 * 1024, System::nanoTime);
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            // a request running three times the idle limit: the connection is busy, not idle
            byte[] slow = new FaultSleep().input(600);
            s.getOutputStream().write(("POST " + OffloadHeaders.RUN_PATH + FaultSleep.ID + " HTTP/1.1\r\nHost: x\r\n"
                    + "Content-Length: " + slow.length + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            s.getOutputStream().write(slow);
            s.getOutputStream().flush();
            assertArrayEquals(slow, readAnswer(in, deadline));
            // then idle: the worker closes it (the read ends instead of timing out after 30 s)
            assertTrue(!in.awaitByte(30_000), "the worker closes an idle keep-alive connection");
        } finally {
            idleWorker.close();
        }
    }

    private static byte[] readAnswer(HttpInput in, long deadlineNanos) throws IOException {
        HttpInput.Head head = in.readHead(16 * 1024, deadlineNanos);
        assertTrue(head.startLine().startsWith("HTTP/1.1 200 "), head.startLine());
        return in.readBody(head.contentLength(1 << 20), deadlineNanos);
    }

    private static long metric(String name) throws IOException {
        try (HttpClientConnection c = connect()) {
            WorkerReply r = c.exchange("GET", "/metrics", Map.of(), new byte[0], 30_000, false);
            return new com.fasterxml.jackson.databind.ObjectMapper().readTree(r.body()).path(name).asLong();
        }
    }

    private static void awaitMetric(String name, long value) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (metric(name) != value) {
            assertTrue(System.nanoTime() < deadline, name + " never reached " + value + " (now " + metric(name) + ")");
            Thread.sleep(10);
        }
    }
}
