package org.offloadbench.cluster.worker;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.offloadbench.core.workload.fault.FaultSleep;
import org.offloadbench.cluster.http.OffloadHeaders;
import org.offloadbench.core.wire.FrameLimits;
import org.offloadbench.core.worker.TaskExecutor;
import org.offloadbench.core.workload.Checksums;
import org.offloadbench.core.workload.InputSpec;
import org.offloadbench.core.workload.Workload;
import org.offloadbench.core.workload.WorkloadCatalogue;

/**
 * The worker's HTTP surface, driven by the JDK's own HTTP client (a real client, not ours) and by raw
 * sockets for what a well-behaved client never sends. The worker runs in this JVM: the protocol does not
 * need a process, and this keeps the test fast.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class HttpWorkerProtocolTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int MAX_BODY = 4096;
    private static final int HEAD_TIMEOUT_MS = 400;
    private static HttpWorker worker;
    private static HttpClient http;
    private static final WorkloadCatalogue CATALOGUE = WorkloadCatalogue.load();

    @BeforeAll
    static void start() throws IOException {
        HttpWorkerConfig config = HttpWorkerConfig.defaults().withConcurrency(1).withMaxQueued(1)
                .withMaxBodyBytes(MAX_BODY).withHeadTimeoutMillis(HEAD_TIMEOUT_MS).withMaxHeadBytes(1024);
        worker = HttpWorker.start(config, new TaskExecutor(CATALOGUE, FrameLimits.DEFAULT), System.err);
        http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    }

    @AfterAll
    static void stop() {
        worker.close();
    }

    private static URI uri(String path) {
        return URI.create("http://127.0.0.1:" + worker.port() + path);
    }

    private static HttpResponse<byte[]> post(String workload, byte[] body, String... headers) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(uri(OffloadHeaders.RUN_PATH + workload))
                .POST(HttpRequest.BodyPublishers.ofByteArray(body));
        for (int i = 0; i + 1 < headers.length; i += 2) {
            b.header(headers[i], headers[i + 1]);
        }
        return http.send(b.build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    @Test
    void runAnswersTheOutputWithItsChecksum() throws Exception {
        Workload sha = CATALOGUE.get("sha256");
        byte[] input = sha.generateInput(InputSpec.of(3, 1000));
        HttpResponse<byte[]> r = post("sha256", input);
        assertEquals(200, r.statusCode());
        byte[] expected = sha.execute(input);
        assertArrayEquals(expected, r.body());
        assertEquals(Long.toString(Checksums.of(expected)), r.headers().firstValue(OffloadHeaders.CHECKSUM).orElseThrow());
        assertTrue(r.headers().firstValue(OffloadHeaders.WORKER).orElseThrow().endsWith(":" + worker.port()));
    }

    @Test
    void healthAndMetricsAnswerJson() throws Exception {
        post("echo", new byte[] {1, 2, 3});
        HttpResponse<String> h = http.send(HttpRequest.newBuilder(uri("/health")).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, h.statusCode());
        assertEquals("up", JSON.readTree(h.body()).path("status").asText());
        HttpResponse<String> m = http.send(HttpRequest.newBuilder(uri("/metrics")).build(), HttpResponse.BodyHandlers.ofString());
        JsonNode metrics = JSON.readTree(m.body());
        assertTrue(metrics.path("requests").asLong() >= 1, m.body());
        assertTrue(metrics.has("failures") && metrics.has("queueDepth") && metrics.has("abandoned"), m.body());
    }

    @Test
    void unknownWorkloadAndPathAre404NamingTheValidChoices() throws Exception {
        HttpResponse<byte[]> r = post("no-such-workload", new byte[1]);
        assertEquals(404, r.statusCode());
        String text = new String(r.body(), StandardCharsets.UTF_8);
        assertTrue(text.contains("no-such-workload") && text.contains("sha256"), text);
        assertEquals("BAD_REQUEST", r.headers().firstValue(OffloadHeaders.FAILURE).orElseThrow());
        HttpResponse<String> p = http.send(HttpRequest.newBuilder(uri("/nope")).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(404, p.statusCode());
        assertTrue(p.body().contains("/v1/run/"), p.body());
    }

    @Test
    void aBodyOverTheLimitIs413() throws Exception {
        HttpResponse<byte[]> r = post("echo", new byte[MAX_BODY + 1]);
        assertEquals(413, r.statusCode());
        assertTrue(new String(r.body(), StandardCharsets.UTF_8).contains(Integer.toString(MAX_BODY)));
    }

    @Test
    void aBadTimeoutHeaderIs400AndAWrongMethodIs405() throws Exception {
        assertEquals(400, post("echo", new byte[1], OffloadHeaders.TIMEOUT_NANOS, "soon").statusCode());
        HttpResponse<String> g = http.send(HttpRequest.newBuilder(uri(OffloadHeaders.RUN_PATH + "echo")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(405, g.statusCode());
    }

    @Test
    void aTaskOverItsTimeoutIs504AndAFullQueueIs503() throws Exception {
        HttpResponse<byte[]> slow = post(FaultSleep.ID, new FaultSleep().input(10_000),
                OffloadHeaders.TIMEOUT_NANOS, Long.toString(TimeUnit.MILLISECONDS.toNanos(200)));
        assertEquals(504, slow.statusCode());
        assertEquals("TIMED_OUT", slow.headers().firstValue(OffloadHeaders.FAILURE).orElseThrow());

        // concurrency 1 and one queue place: a third request is refused. The running one is sent on a raw
        // socket so the test can end it by hanging up (no timing decides anything here)
        try (Socket running = new Socket("127.0.0.1", worker.port())) {
            byte[] body = new FaultSleep().input(30_000);
            running.getOutputStream().write(("POST /v1/run/" + FaultSleep.ID + " HTTP/1.1\r\nHost: x\r\n"
                    + "Content-Length: " + body.length + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            running.getOutputStream().write(body);
            running.getOutputStream().flush();
            awaitGauge("running", 1);
            CompletableFuture<HttpResponse<byte[]>> queued = sendAsync(new FaultSleep().input(1));
            awaitGauge("queueDepth", 1);
            HttpResponse<byte[]> refused = post(FaultSleep.ID, new FaultSleep().input(1));
            assertEquals(503, refused.statusCode());
            assertEquals("REJECTED", refused.headers().firstValue(OffloadHeaders.FAILURE).orElseThrow());
            running.close(); // hang up: the running request is cancelled and the queued one runs
            assertEquals(200, queued.get(30, TimeUnit.SECONDS).statusCode());
        }
    }

    @Test
    void aMalformedRequestLineIs400() throws Exception {
        String answer = raw("GARBAGE\r\n\r\n", 5_000);
        assertTrue(answer.startsWith("HTTP/1.1 400 "), answer);
    }

    @Test
    void anOversizedHeadIs431() throws Exception {
        String answer = raw("GET /health HTTP/1.1\r\nX-Big: " + "a".repeat(2000) + "\r\n\r\n", 5_000);
        assertTrue(answer.startsWith("HTTP/1.1 431 "), answer);
    }

    @Test
    void aHeadThatNeverEndsIsCutOffWithoutHoldingTheWorker() throws Exception {
        try (Socket slowloris = new Socket("127.0.0.1", worker.port())) {
            OutputStream out = slowloris.getOutputStream();
            out.write("POST /v1/run/echo HTTP/1.1\r\nHost: x\r\n".getBytes(StandardCharsets.US_ASCII));
            out.flush();
            // meanwhile the worker serves others
            assertEquals(200, post("echo", new byte[] {7}).statusCode());
            // drip one header byte at a time: per-read timeouts would never fire, the head deadline does
            slowloris.setSoTimeout(10_000);
            long start = System.nanoTime();
            String answer = "";
            try {
                for (int i = 0; i < 100; i++) {
                    out.write('a');
                    out.flush();
                    Thread.sleep(100);
                }
            } catch (IOException closedByWorker) {
                // expected: the worker answered 408 and closed
            }
            answer = readAll(slowloris.getInputStream());
            assertTrue(answer.startsWith("HTTP/1.1 408 "), answer);
            long tookMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
            assertTrue(tookMillis < 9_000, "a dripping client must be cut off by the head deadline, took " + tookMillis);
        }
    }

    @Test
    void aClientThatHangsUpCancelsItsRunningRequest() throws Exception {
        long cancelledBefore = metric("cancelled");
        try (Socket s = new Socket("127.0.0.1", worker.port())) {
            byte[] body = new FaultSleep().input(20_000);
            s.getOutputStream().write(("POST /v1/run/" + FaultSleep.ID + " HTTP/1.1\r\nHost: x\r\nContent-Length: "
                    + body.length + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            s.getOutputStream().write(body);
            s.getOutputStream().flush();
            awaitGauge("running", 1);
        }
        awaitGauge("running", 0);
        assertEquals(cancelledBefore + 1, metric("cancelled"));
    }

    private static CompletableFuture<HttpResponse<byte[]>> sendAsync(byte[] input) {
        return http.sendAsync(HttpRequest.newBuilder(uri(OffloadHeaders.RUN_PATH + FaultSleep.ID))
                .POST(HttpRequest.BodyPublishers.ofByteArray(input)).build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    private static long metric(String name) throws Exception {
        HttpResponse<String> m = http.send(HttpRequest.newBuilder(uri("/metrics")).build(), HttpResponse.BodyHandlers.ofString());
        return JSON.readTree(m.body()).path(name).asLong();
    }

    private static void awaitGauge(String name, long value) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (metric(name) != value) {
            assertTrue(System.nanoTime() < deadline, name + " never reached " + value);
            Thread.sleep(10);
        }
    }

    private static String raw(String request, int timeoutMillis) throws IOException {
        try (Socket s = new Socket("127.0.0.1", worker.port())) {
            s.setSoTimeout(timeoutMillis);
            s.getOutputStream().write(request.getBytes(StandardCharsets.ISO_8859_1));
            s.getOutputStream().flush();
            return readAll(s.getInputStream());
        }
    }

    private static String readAll(InputStream in) throws IOException {
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        byte[] b = new byte[4096];
        int n;
        try {
            while ((n = in.read(b)) >= 0) {
                buf.write(b, 0, n);
            }
        } catch (java.net.SocketException reset) {
            // the worker may reset after closing with unread input; what arrived before counts
        }
        return buf.toString(StandardCharsets.ISO_8859_1);
    }
}
