package org.offloadbench.cluster.worker;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import org.offloadbench.cluster.http.HttpOutput;
import org.offloadbench.cluster.http.OffloadHeaders;
import org.offloadbench.core.offload.FailureKind;
import org.offloadbench.core.wire.Frame;

/**
 * Writes the answers of one {@link HttpConnection}: a task's result or failure, the interim {@code 102}, a
 * refusal, the JSON of {@code /health} and {@code /metrics}. Whichever thread produces an answer writes it
 * (connection, task or watchdog thread), so every write holds one lock: a 102 never lands inside an answer.
 */
final class ResponseWriter {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final byte[] PROCESSING = "HTTP/1.1 102 Processing\r\n\r\n".getBytes(StandardCharsets.US_ASCII);

    private final OutputStream out;
    private final String workerId;
    private final WorkerCounters counters;
    private final Object writeLock = new Object();

    ResponseWriter(OutputStream out, String workerId, WorkerCounters counters) {
        this.out = out;
        this.workerId = workerId;
        this.counters = counters;
    }

    /** A task's RESPONSE (200) or ERROR frame (504 timed out, 503 refused, 400 bad request, else 500). */
    void answer(Frame frame, boolean close) throws IOException {
        if (frame instanceof Frame.Response r) {
            Map<String, String> h = new LinkedHashMap<>();
            h.put("Content-Type", "application/octet-stream");
            h.put(OffloadHeaders.CHECKSUM, Long.toString(r.checksum()));
            h.put(OffloadHeaders.QUEUE_NANOS, Long.toString(r.queueNanos()));
            h.put(OffloadHeaders.RUN_NANOS, Long.toString(r.runNanos()));
            h.put(OffloadHeaders.WORKER, workerId);
            if (close) {
                h.put("Connection", "close");
            }
            synchronized (writeLock) {
                HttpOutput.write(out, "HTTP/1.1 200 OK", h, r.payload());
            }
        } else if (frame instanceof Frame.Error e) {
            int status = switch (e.failure()) {
                case TIMED_OUT -> 504;
                case REJECTED -> 503;
                case BAD_REQUEST -> 400;
                default -> 500;
            };
            reject(status, e.failure(), e.message(), close);
        }
    }

    /** {@code 102 Processing}: the task has started (asked for with {@link OffloadHeaders#NOTIFY_START}). */
    void interim() throws IOException {
        synchronized (writeLock) {
            out.write(PROCESSING);
            out.flush();
        }
    }

    /** A failure answer: {@code X-Offload-Failure} names its kind, the body says why; 4xx counts as a bad request. */
    void reject(int status, FailureKind kind, String message, boolean close, String... extra) throws IOException {
        if (status >= 400 && status < 500) {
            counters.badRequests.increment();
        }
        Map<String, String> h = new LinkedHashMap<>();
        h.put("Content-Type", "text/plain; charset=utf-8");
        h.put(OffloadHeaders.FAILURE, kind.name());
        h.put(OffloadHeaders.WORKER, workerId);
        for (int i = 0; i + 1 < extra.length; i += 2) {
            h.put(extra[i], extra[i + 1]);
        }
        if (close) {
            h.put("Connection", "close");
        }
        synchronized (writeLock) {
            HttpOutput.write(out, "HTTP/1.1 " + status + " " + HttpOutput.reason(status), h,
                    (message + "\n").getBytes(StandardCharsets.UTF_8));
        }
    }

    void json(int status, Map<String, Object> body, boolean close) throws IOException {
        byte[] bytes;
        try {
            bytes = JSON.writeValueAsBytes(body);
        } catch (JsonProcessingException e) {
            throw new IOException("cannot write metrics as JSON", e);
        }
        Map<String, String> h = new LinkedHashMap<>();
        h.put("Content-Type", "application/json");
        h.put(OffloadHeaders.WORKER, workerId);
        if (close) {
            h.put("Connection", "close");
        }
        synchronized (writeLock) {
            HttpOutput.write(out, "HTTP/1.1 " + status + " " + HttpOutput.reason(status), h, bytes);
        }
    }
}
