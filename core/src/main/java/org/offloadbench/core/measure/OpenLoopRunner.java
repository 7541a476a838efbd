package org.offloadbench.core.measure;

import java.util.concurrent.CompletionStage;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.HistogramLogWriter;
import org.HdrHistogram.Recorder;

/**
 * wrk2-style constant-rate load: request {@code i} is due at {@code start + i * interval}, whether or not
 * earlier replies have arrived. Latency is measured from that scheduled time (corrected) and, for
 * contrast, from the moment the request was actually sent (uncorrected). When the responder stalls, the
 * requests that fell due during the stall are sent late and the corrected figure shows the wait a real
 * user would have seen; the uncorrected one hides it - that gap is coordinated omission.
 *
 * <p>Bounded three ways: by duration, by count, and by {@link OpenLoopConfig#maxOutstanding()}. A due
 * request that finds the in-flight limit full waits for a reply and is then sent late (counted as late; its
 * latency from the scheduled time includes the wait, as in wrk2); requests still unsent when the duration
 * ends are counted as dropped. So memory is bounded by the in-flight limit whatever the offered rate, and a
 * responder that never answers cannot hang the run.
 */
public final class OpenLoopRunner {

    /** Sends request number {@code sequence}; the stage completes when its reply is in (and verified). */
    @FunctionalInterface
    public interface Request {
        CompletionStage<?> send(long sequence);
    }

    private static final long DRAIN_POLL_NANOS = 200_000;

    private final NanoClock clock;

    public OpenLoopRunner(NanoClock clock) {
        this.clock = clock;
    }

    /**
     * Runs one step. The logs may be null; when given, one interval histogram per
     * {@link OpenLoopConfig#logIntervalNanos()} is written to each.
     *
     * @throws InterruptedException when the calling thread is interrupted; replies still in flight are
     *                              left to the caller, who closes the offloader
     */
    public OpenLoopResult run(OpenLoopConfig config, Request request, HistogramLogWriter correctedLog,
                              HistogramLogWriter uncorrectedLog) throws InterruptedException {
        Recorder corrected = new Recorder(3);
        Recorder uncorrected = new Recorder(3);
        IntervalLog correctedIntervals = new IntervalLog(corrected, correctedLog);
        IntervalLog uncorrectedIntervals = new IntervalLog(uncorrected, uncorrectedLog);
        Semaphore inFlight = new Semaphore(config.maxOutstanding());
        AtomicLong completed = new AtomicLong();
        AtomicLong failed = new AtomicLong();
        AtomicReference<String> firstFailure = new AtomicReference<>();

        long interval = config.intervalNanos();
        long planned = config.plannedRequests();
        long sent = 0;
        long late = 0;
        long start = clock.nanoTime();
        // requests that fell due before the end are still sent when the sender runs behind (a timer's overshoot,
        // a preempted runner), late, their lateness in the corrected latency; a stall of more than a quarter of
        // the step ends it, and what is left counts as dropped
        long end = start + config.durationNanos() + config.durationNanos() / 4;
        long nextLog = start + config.logIntervalNanos();
        long lastLog = start;

        for (long i = 0; i < planned; i++) {
            long scheduled = start + i * interval;
            clock.sleepUntil(scheduled);
            long now = clock.nanoTime();
            if (now >= end) {
                break; // a stall ate the time budget: stop rather than overrun it; the rest count as dropped
            }
            if (now >= nextLog) {
                correctedIntervals.flush(start, lastLog, now);
                uncorrectedIntervals.flush(start, lastLog, now);
                lastLog = now;
                nextLog = now + config.logIntervalNanos();
            }
            if (!inFlight.tryAcquire()) {
                // the in-flight limit is full: wait for a reply, then send late; the wait is part of this
                // request's latency from its scheduled time, as in wrk2. Nothing queues beyond the limit.
                late++;
                if (!clock.acquireUntil(inFlight, end)) {
                    break;
                }
            }
            sent++;
            long actual = clock.nanoTime();
            CompletionStage<?> stage;
            try {
                stage = request.send(i);
            } catch (RuntimeException e) {
                inFlight.release();
                failed.incrementAndGet();
                firstFailure.compareAndSet(null, describe(e));
                continue;
            }
            stage.whenComplete((reply, error) -> {
                long done = clock.nanoTime();
                if (error == null) {
                    corrected.recordValue(Math.max(0, done - scheduled));
                    uncorrected.recordValue(Math.max(0, done - actual));
                    completed.incrementAndGet();
                } else {
                    failed.incrementAndGet();
                    firstFailure.compareAndSet(null, describe(error));
                }
                inFlight.release();
            });
        }

        long drainDeadline = clock.nanoTime() + config.drainTimeoutNanos();
        while (inFlight.availablePermits() < config.maxOutstanding() && clock.nanoTime() < drainDeadline) {
            clock.sleepUntil(Math.min(drainDeadline, clock.nanoTime() + DRAIN_POLL_NANOS));
        }
        long finished = clock.nanoTime();
        correctedIntervals.flush(start, lastLog, finished);
        uncorrectedIntervals.flush(start, lastLog, finished);
        return new OpenLoopResult(correctedIntervals.total, uncorrectedIntervals.total, config.ratePerSecond(),
                planned, sent, completed.get(), failed.get(), late, planned - sent,
                config.maxOutstanding() - inFlight.availablePermits(), finished - start, firstFailure.get());
    }

    private static String describe(Throwable error) {
        Throwable root = error;
        while ((root instanceof java.util.concurrent.CompletionException
                || root instanceof java.util.concurrent.ExecutionException) && root.getCause() != null) {
            root = root.getCause();
        }
        return root.getClass().getSimpleName() + ": " + root.getMessage();
    }

    /** Moves a recorder's interval into the running total and, when there is a log, writes it. */
    private static final class IntervalLog {
        private final Recorder recorder;
        private final HistogramLogWriter log;
        private final Histogram total = new Histogram(3);
        private Histogram recycled;

        IntervalLog(Recorder recorder, HistogramLogWriter log) {
            this.recorder = recorder;
            this.log = log;
        }

        void flush(long origin, long fromNanos, long toNanos) {
            Histogram interval = recorder.getIntervalHistogram(recycled);
            recycled = interval;
            total.add(interval);
            if (log != null) {
                log.outputIntervalHistogram((fromNanos - origin) / 1e9, (toNanos - origin) / 1e9, interval,
                        HistogramLogs.MAX_VALUE_UNIT_RATIO);
            }
        }
    }
}
