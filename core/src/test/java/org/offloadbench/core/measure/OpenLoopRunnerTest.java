package org.offloadbench.core.measure;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.HdrHistogram.EncodableHistogram;
import org.HdrHistogram.HistogramLogReader;
import org.HdrHistogram.HistogramLogWriter;
import org.junit.jupiter.api.Test;

class OpenLoopRunnerTest {
    private static final long MS = TimeUnit.MILLISECONDS.toNanos(1);
    private static final long US = TimeUnit.MICROSECONDS.toNanos(1);

    private final FakeNanoClock clock = new FakeNanoClock();

    private static OpenLoopConfig config(double rate, long durationNanos, long maxRequests, int maxOutstanding) {
        return new OpenLoopConfig(rate, durationNanos, maxRequests, maxOutstanding, 5_000 * MS, 1_000 * MS);
    }

    /** Replies synchronously after {@code serviceNanos}, except request {@code stallAt}, which stalls. */
    private OpenLoopRunner.Request responder(long serviceNanos, long stallAt, long stallNanos, List<Long> sendTimes) {
        return sequence -> {
            sendTimes.add(clock.nanoTime());
            clock.advance(sequence == stallAt ? stallNanos : serviceNanos);
            return CompletableFuture.completedFuture(null);
        };
    }

    @Test
    void sendsOnTheScheduleAndRecordsEveryReply() throws Exception {
        List<Long> sends = new ArrayList<>();
        long start = clock.nanoTime();
        OpenLoopResult result = new OpenLoopRunner(clock)
                .run(config(1000, 10_000 * MS, 500, 100), responder(100 * US, -1, 0, sends), null, null);

        assertEquals(500, result.planned());
        assertEquals(500, result.sent());
        assertEquals(500, result.completed());
        assertEquals(500, result.corrected().getTotalCount());
        for (int i = 0; i < sends.size(); i++) {
            assertEquals(start + i * MS, sends.get(i), "request " + i + " went out off schedule");
        }
        // an idle responder: corrected and uncorrected agree on the 100 us service time
        assertEquals(100 * US, result.corrected().getValueAtPercentile(99), 100 * US / 100.0);
        assertEquals(100 * US, result.uncorrected().getValueAtPercentile(99), 100 * US / 100.0);
        assertEquals(1000, result.achievedRate(), 5);
    }

    @Test
    void aStalledResponderInflatesCorrectedButNotUncorrectedLatency() throws Exception {
        // 1000 requests at 1 kHz; request 100 takes 200 ms, during which ~200 more fall due
        OpenLoopResult result = new OpenLoopRunner(clock)
                .run(config(1000, 10_000 * MS, 1000, 100), responder(100 * US, 100, 200 * MS, new ArrayList<>()),
                        null, null);

        assertEquals(1000, result.completed());
        long uncorrectedP99 = result.uncorrected().getValueAtPercentile(99);
        long correctedP90 = result.corrected().getValueAtPercentile(90);
        // only the stalled request itself was slow when timed from its actual send
        assertTrue(uncorrectedP99 < 200 * US, "uncorrected p99 " + uncorrectedP99);
        assertEquals(200 * MS, result.uncorrected().getMaxValue(), 2 * MS);
        // ~20 % of requests waited behind the stall: timed from schedule, p90 is tens of milliseconds
        assertTrue(correctedP90 > 10 * MS, "corrected p90 " + correctedP90);
        assertEquals(200 * MS, result.corrected().getMaxValue(), 2 * MS);
        // corrected median sits between (the later half is unaffected) - sanity of the percentile math
        assertTrue(result.corrected().getValueAtPercentile(50) <= 200 * US);
    }

    @Test
    void durationBoundsTheRunEvenWhenTheCountWouldNot() throws Exception {
        OpenLoopResult result = new OpenLoopRunner(clock)
                .run(config(1000, 50 * MS, 1_000_000, 100), responder(10 * US, -1, 0, new ArrayList<>()), null, null);
        assertEquals(50, result.planned());
        assertEquals(50, result.sent());
    }

    @Test
    void aSenderThatRunsBehindSendsLateUntilAQuarterStepPastTheEndThenCountsTheRestAsDropped() throws Exception {
        // each send takes 2 ms of the 1 ms interval: request i goes out at 2i ms, i.e. i ms late
        OpenLoopResult result = new OpenLoopRunner(clock)
                .run(config(1000, 100 * MS, 100, 100), responder(2 * MS, -1, 0, new ArrayList<>()), null, null);
        assertEquals(63, result.sent(), "sent while the clock was before 125 ms");
        assertEquals(37, result.dropped());
        assertEquals(0, result.lateAtLimit(), "the in-flight limit was never the reason");
        assertEquals(64 * MS, result.corrected().getMaxValue(), MS, "the last one: 62 ms late plus its 2 ms");
    }

    @Test
    void aResponderThatNeverRepliesIsCountedNotWaitedOnForever() throws Exception {
        CompletableFuture<Object> never = new CompletableFuture<>();
        OpenLoopResult result = new OpenLoopRunner(clock)
                .run(config(1000, 100 * MS, 100, 10), seq -> never, null, null);
        assertEquals(10, result.sent());
        assertEquals(90, result.dropped());
        assertEquals(1, result.lateAtLimit(), "the 11th waited for a free slot until the step ended");
        assertEquals(10, result.unfinished());
        assertEquals(0, result.completed());
    }

    @Test
    void farAboveCapacityTheInFlightLimitHoldsAndTheWaitIsInTheCorrectedLatency() throws Exception {
        // a server of 1 ms per request (1000/s) offered 10 000/s for one second, 10 requests in flight at most
        SimulatedServer server = new SimulatedServer(MS);
        OpenLoopResult result = new OpenLoopRunner(server).run(
                new OpenLoopConfig(10_000, 1_000 * MS, 10_000, 10, 5_000 * MS, 1_000 * MS),
                seq -> server.submit(), null, null);

        assertTrue(server.maxInFlight <= 10, "in flight: " + server.maxInFlight);
        assertEquals(result.sent(), result.completed() + result.unfinished());
        assertEquals(10_000, result.sent() + result.dropped());
        // about what the server can do in the step (1000, plus the quarter of a step a sender that runs behind
        // may catch up in) plus the 10 in flight at its end
        assertTrue(result.sent() >= 990 && result.sent() <= 1261, "sent " + result.sent());
        assertTrue(result.lateAtLimit() >= result.sent() - 11, "late " + result.lateAtLimit());
        // the k-th request goes out ~0.9k ms behind its schedule: the corrected tail is most of the second,
        // while from the actual send it only ever waits behind the 10 in flight
        assertTrue(result.corrected().getValueAtPercentile(99) > 800 * MS,
                "corrected p99 " + result.corrected().getValueAtPercentile(99));
        assertTrue(result.uncorrected().getMaxValue() <= 11 * MS, "uncorrected max " + result.uncorrected().getMaxValue());
    }

    /** One server thread of fixed service time, simulated on the clock: time passing completes its requests. */
    private static final class SimulatedServer implements NanoClock {
        private final long serviceNanos;
        private final java.util.ArrayDeque<long[]> due = new java.util.ArrayDeque<>();
        private final java.util.ArrayDeque<CompletableFuture<Object>> replies = new java.util.ArrayDeque<>();
        private long now = 1_000_000_000L;
        private long busyUntil;
        int maxInFlight;

        SimulatedServer(long serviceNanos) {
            this.serviceNanos = serviceNanos;
        }

        CompletableFuture<Object> submit() {
            busyUntil = Math.max(now, busyUntil) + serviceNanos;
            CompletableFuture<Object> reply = new CompletableFuture<>();
            due.add(new long[] {busyUntil});
            replies.add(reply);
            maxInFlight = Math.max(maxInFlight, replies.size());
            return reply;
        }

        @Override
        public long nanoTime() {
            return now;
        }

        @Override
        public void sleepUntil(long deadlineNanos) {
            while (!due.isEmpty() && due.peek()[0] <= deadlineNanos) {
                now = Math.max(now, due.poll()[0]);
                replies.poll().complete(null);
            }
            now = Math.max(now, deadlineNanos);
        }
    }

    @Test
    void failuresAreCountedWithTheFirstMessage() throws Exception {
        OpenLoopResult result = new OpenLoopRunner(clock).run(config(1000, 100 * MS, 10, 10),
                seq -> seq % 2 == 0 ? CompletableFuture.completedFuture(null)
                        : CompletableFuture.failedFuture(new IllegalStateException("boom " + seq)), null, null);
        assertEquals(5, result.completed());
        assertEquals(5, result.failed());
        assertEquals("IllegalStateException: boom 1", result.firstFailure());
    }

    @Test
    void writesIntervalHistogramsHdrHistogramCanReadBack() throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8)) {
            HistogramLogWriter writer = new HistogramLogWriter(out);
            writer.outputLogFormatVersion();
            writer.outputLegend();
            // 3 s at 100/s with 1 s intervals: three or four interval lines, holding all 300 values
            new OpenLoopRunner(clock).run(config(100, 3_000 * MS, 300, 10),
                    responder(50 * US, -1, 0, new ArrayList<>()), writer, null);
        }
        HistogramLogReader reader = new HistogramLogReader(
                new java.io.ByteArrayInputStream(bytes.toByteArray()));
        long total = 0;
        int intervals = 0;
        for (EncodableHistogram h; (h = reader.nextIntervalHistogram()) != null; ) {
            total += ((org.HdrHistogram.Histogram) h).getTotalCount();
            intervals++;
        }
        assertEquals(300, total);
        assertTrue(intervals >= 3, "intervals: " + intervals);
    }
}
