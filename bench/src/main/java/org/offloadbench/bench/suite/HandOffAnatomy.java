package org.offloadbench.bench.suite;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.offloadbench.bench.granularity.HandOffSplit;
import org.offloadbench.bench.plan.GranularitySettings;
import org.offloadbench.bench.rig.PreparedInput;
import org.offloadbench.bench.rig.SuiteContext;
import org.offloadbench.core.measure.NanoClock;
import org.offloadbench.core.measure.ReplyVerifier;
import org.offloadbench.core.measure.SampleStats;
import org.offloadbench.core.measure.SteadyStateDetector;
import org.offloadbench.core.offload.Offloader;
import org.offloadbench.core.offload.Task;
import org.offloadbench.core.offload.TaskResult;
import org.offloadbench.core.result.Metric;
import org.offloadbench.core.result.SuiteNames;

/**
 * The anatomy of a hand-off: round trips one at a time (no queueing behind other tasks) of a no-op and of a
 * 1 MiB echo, each cut into send, queue, run and reply ({@link HandOffSplit}). The parts of every round trip
 * add up to it, so their means add up to the mean round trip. A measurement is a few batches of round trips,
 * one sample per batch, so each part has an interval.
 */
final class HandOffAnatomy {
    /** The two hand-offs the article's "fast and lightweight vs slower via IPC" claim is about. */
    static final List<Map.Entry<String, Integer>> WORKLOADS = List.of(Map.entry("noop", 64),
            Map.entry("echo", 1 << 20));
    static final int MIN_ROUND_TRIPS_PER_BATCH = 3;
    static final long MAX_ROUND_TRIPS_PER_BATCH = 100_000;
    static final long ROUND_TRIP_TIMEOUT_NANOS = TimeUnit.SECONDS.toNanos(30);

    private HandOffAnatomy() {
    }

    /** Sums of the parts over a batch. */
    private static final class Batch {
        long count;
        long send;
        long queue;
        long run;
        long reply;

        void add(HandOffSplit split) {
            count++;
            send += split.sendNanos();
            queue += split.queueNanos();
            run += split.runNanos();
            reply += split.replyNanos();
        }
    }

    /**
     * Measures both workloads on an instance the suite already warmed; records under the granularity suite with
     * params payloadBytes and workers.
     */
    static void measure(SuiteContext ctx, Offloader offloader, String model, int workers, boolean inCallersJvm,
                        GranularitySettings g) throws InterruptedException {
        for (Map.Entry<String, Integer> w : WORKLOADS) {
            if (!ctx.catalogue().contains(w.getKey())) {
                continue;
            }
            ctx.checkStop();
            PreparedInput input = ctx.prepare(w.getKey(), w.getValue());
            ReplyVerifier verifier = input.verifierFor(model);
            long stepNanos = TimeUnit.MILLISECONDS.toNanos(g.stepMillis());
            warmUp(ctx.clock(), offloader, input.task(), verifier, stepNanos,
                    TimeUnit.MILLISECONDS.toNanos(g.anatomyWarmUpMillis()), inCallersJvm);
            double[][] parts = new double[5][g.repetitions()];
            for (int i = 0; i < g.repetitions(); i++) {
                ctx.checkStop();
                Batch b = batch(ctx.clock(), offloader, input.task(), verifier, stepNanos, inCallersJvm);
                parts[0][i] = b.send / (double) b.count;
                parts[1][i] = b.queue / (double) b.count;
                parts[2][i] = b.run / (double) b.count;
                parts[3][i] = b.reply / (double) b.count;
                parts[4][i] = (b.send + b.queue + b.run + b.reply) / (double) b.count;
            }
            Map<String, String> params = Map.of("payloadBytes", Integer.toString(w.getValue()),
                    "workers", Integer.toString(workers));
            Metric[] metrics = {Metric.HANDOFF_SEND, Metric.HANDOFF_QUEUE, Metric.HANDOFF_RUN, Metric.HANDOFF_REPLY,
                    Metric.HANDOFF_ROUND_TRIP};
            for (int m = 0; m < metrics.length; m++) {
                ctx.sink().add(SuiteNames.GRANULARITY, model, w.getKey(), params, metrics[m], SampleStats.of(parts[m]));
            }
        }
    }

    /** Batches until three agree within 10 % in round trips per second, at least one, at most {@code capNanos}. */
    private static void warmUp(NanoClock clock, Offloader offloader, Task task, ReplyVerifier verifier,
                               long stepNanos, long capNanos, boolean inCallersJvm) throws InterruptedException {
        SteadyStateDetector detector = SteadyStateDetector.forWarmUp();
        long start = clock.nanoTime();
        do {
            long batchStart = clock.nanoTime();
            Batch b = batch(clock, offloader, task, verifier, stepNanos, inCallersJvm);
            detector.add(b.count * 1e9 / Math.max(1, clock.nanoTime() - batchStart));
        } while (!detector.steady() && clock.nanoTime() - start < capNanos);
    }

    private static Batch batch(NanoClock clock, Offloader offloader, Task task, ReplyVerifier verifier,
                               long stepNanos, boolean inCallersJvm) throws InterruptedException {
        Batch b = new Batch();
        long start = clock.nanoTime();
        // at least one round trip; a few more when they fit in a few steps (a new child JVM per task takes
        // half a second a round trip: one a batch is all its budget allows)
        while (b.count == 0 || (b.count < MAX_ROUND_TRIPS_PER_BATCH && (clock.nanoTime() - start < stepNanos
                || (b.count < MIN_ROUND_TRIPS_PER_BATCH
                && clock.nanoTime() - start < MIN_ROUND_TRIPS_PER_BATCH * stepNanos)))) {
            b.add(roundTrip(clock, offloader, task, verifier, inCallersJvm));
        }
        return b;
    }

    /** One verified round trip, split. */
    static HandOffSplit roundTrip(NanoClock clock, Offloader offloader, Task task, ReplyVerifier verifier,
                                  boolean inCallersJvm) throws InterruptedException {
        long t0 = clock.nanoTime();
        CompletableFuture<TaskResult> future = offloader.submit(task);
        long t1 = clock.nanoTime();
        TaskResult result;
        try {
            result = future.get(ROUND_TRIP_TIMEOUT_NANOS, TimeUnit.NANOSECONDS);
        } catch (ExecutionException e) {
            throw new IllegalStateException("a round trip failed: " + SuiteContext.oneLine(e), e);
        } catch (TimeoutException e) {
            future.cancel(true);
            throw new IllegalStateException("a round trip did not finish in "
                    + TimeUnit.NANOSECONDS.toSeconds(ROUND_TRIP_TIMEOUT_NANOS) + " s", e);
        }
        long t2 = clock.nanoTime();
        verifier.verify(result);
        return HandOffSplit.of(t1 - t0, result.queueNanos(), result.runNanos(), t2 - t0, inCallersJvm);
    }
}
