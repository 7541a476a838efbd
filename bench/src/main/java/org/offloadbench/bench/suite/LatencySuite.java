package org.offloadbench.bench.suite;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.HistogramLogWriter;
import org.offloadbench.bench.plan.ProfileSettings;
import org.offloadbench.bench.plan.RunPlan;
import org.offloadbench.bench.rig.PreparedInput;
import org.offloadbench.bench.rig.SuiteContext;
import org.offloadbench.core.measure.ClosedLoopResult;
import org.offloadbench.core.measure.HistogramLogs;
import org.offloadbench.core.measure.NanoClock;
import org.offloadbench.core.measure.OpenLoopConfig;
import org.offloadbench.core.measure.OpenLoopResult;
import org.offloadbench.core.measure.OpenLoopRunner;
import org.offloadbench.core.measure.ReplyVerifier;
import org.offloadbench.core.measure.cpu.CpuAccountant;
import org.offloadbench.core.measure.cpu.CpuUsage;
import org.offloadbench.core.offload.Offloader;
import org.offloadbench.core.result.Metric;

/**
 * What does a user wait at a given load? First the model's max rate (closed loop, saturated, after a
 * warm-up of the same length), then open-loop steps at fixed percentages of it. Latency is timed from each
 * request's scheduled send time (no coordinated omission); the uncorrected p99 is recorded for contrast.
 * Every step's full distribution goes to load/*.hlog (one corrected, one uncorrected), listed in
 * load/index.json. The max-rate probe also records the CPU cost per task ({@link CpuCost}).
 */
public final class LatencySuite implements Suite {
    /** Each request may be in flight this long at the target rate; beyond it due requests wait and go late. */
    private static final double MAX_OUTSTANDING_SECONDS = 2.0;
    /** The most requests in flight, whatever the payload: far beyond any backlog a figure needs. */
    static final int MAX_IN_FLIGHT = 1 << 16;
    /** Bytes of the runner's heap the requests in flight may hold at most. */
    static final long MAX_IN_FLIGHT_BYTES = 256L << 20;
    /** What a task holds besides its payload (future, task, frame headers, callbacks), generously. */
    static final int TASK_OVERHEAD_BYTES = 4096;
    private static final long DRAIN_TIMEOUT_NANOS = TimeUnit.SECONDS.toNanos(10);
    private static final long LOG_INTERVAL_NANOS = TimeUnit.SECONDS.toNanos(1);

    /** One line of load/index.json. */
    public record IndexEntry(String model, String workload, int ratePercent, double targetRate,
                             String correctedFile, String uncorrectedFile) {
    }

    @Override
    public String name() {
        return "latency";
    }

    @Override
    public String question() {
        return "what does a user wait at a given load? (open loop at % of max rate, HdrHistogram)";
    }

    @Override
    public Optional<String> skipReason(SuiteContext ctx) {
        return ctx.plan().cpuWorkloads().isEmpty() ? Optional.of("no workloads selected") : Optional.empty();
    }

    @Override
    public int steps(SuiteContext ctx) {
        return ctx.models().size() * ctx.plan().sweepWorkloads().size()
                * (1 + ctx.plan().settings().latencyPercents().size());
    }

    @Override
    public long estimateSeconds(SuiteContext ctx) {
        // per model: one instance (its declared start) and a warm-up that often runs to its cap; per workload the
        // max-rate run, the open-loop steps and their drains, a later workload's warm-up within the rewarm cap
        ProfileSettings s = ctx.plan().settings();
        long minWarmUp = ctx.plan().unshrunkSettings().latencyMaxRateMillis();
        double perPair = 0.1 + (s.latencyMaxRateMillis() + s.latencyPercents().size() * (double) s.latencyStepMillis())
                / 1000;
        int pairs = ctx.plan().sweepWorkloads().size();
        double seconds = 0;
        for (String model : ctx.models()) {
            double share = Estimates.warmUpShare(ctx, model);
            seconds += Estimates.startSeconds(ctx, model, ctx.cores()) + pairs * perPair
                    + share * (Saturation.warmUpCapMillis(minWarmUp) + (pairs - 1) * Saturation.rewarmCapMillis(minWarmUp))
                    / 1000.0;
        }
        return Math.round(seconds);
    }

    @Override
    public void run(SuiteContext ctx) throws Exception {
        List<IndexEntry> index = new ArrayList<>();
        CpuCost cpu = CpuCost.of(ctx);
        try {
            for (String model : ctx.models()) {
                // one instance per model serves every workload measured here: its workers (a child JVM's request
                // path, a cluster's) are started and warmed once, a later workload warms up within the rewarm cap
                Offloader offloader = null;
                boolean instanceWarm = false;
                try {
                    for (String workloadId : ctx.plan().sweepWorkloads()) {
                        if (!ctx.runs(model, workloadId)) {
                            continue;
                        }
                        ctx.checkStop();
                        PreparedInput input = ctx.prepare(workloadId,
                                ctx.catalogue().get(workloadId).defaultPayloadBytes());
                        try {
                            if (offloader == null) {
                                offloader = ctx.open(model, ctx.cores(), queueCapacity(ctx));
                                instanceWarm = false;
                            }
                            measure(ctx, cpu, model, offloader, input, index, instanceWarm);
                            instanceWarm = true;
                        } catch (InterruptedException e) {
                            throw e;
                        } catch (RuntimeException | OutOfMemoryError | StackOverflowError e) {
                            // one model's failure (even running out of heap: closing its offloader frees what it
                            // held) must not cost the other models their figures; the next workload gets a fresh one
                            if (offloader != null) {
                                ctx.close(offloader);
                                offloader = null;
                            }
                            ctx.checkStop();
                            ctx.failed(model + " " + workloadId, e);
                        }
                    }
                } finally {
                    if (offloader != null) {
                        ctx.close(offloader);
                    }
                }
            }
        } finally {
            ctx.writeJson("load/index.json", index);
        }
    }

    /** The model's queue holds every request the open loop may have in flight for any workload measured here. */
    private static int queueCapacity(SuiteContext ctx) {
        int capacity = 0;
        for (String workloadId : ctx.plan().sweepWorkloads()) {
            capacity = Math.max(capacity, inFlightCap(ctx.catalogue().get(workloadId).defaultPayloadBytes(),
                    ctx.cores(), Runtime.getRuntime().maxMemory()));
        }
        return capacity;
    }

    private void measure(SuiteContext ctx, CpuCost cpu, String model, Offloader offloader, PreparedInput input,
                         List<IndexEntry> index, boolean instanceWarm) throws Exception {
        ProfileSettings s = ctx.plan().settings();
        String workloadId = input.workload().id();
        int workers = ctx.cores();
        // the model's queue holds every request the open loop may have in flight, so none is rejected: a due
        // request beyond the cap waits in the runner and goes out late, its wait part of its latency
        int inFlightCap = inFlightCap(input.input().length, workers, Runtime.getRuntime().maxMemory());
        ctx.progress().step(model + " " + workloadId + " max rate");
        long minWarmUp = ctx.plan().unshrunkSettings().latencyMaxRateMillis();
        Saturation.WarmUp warmUp = Saturation.warmUp(ctx.clock(), offloader, input, workers,
                Saturation.warmUpWindowMillis(s.latencyMaxRateMillis()), s.latencyMaxRateMillis(),
                instanceWarm ? Saturation.rewarmCapMillis(minWarmUp) : Saturation.warmUpCapMillis(minWarmUp));
        if (!warmUp.steady()) {
            ctx.note(warmUp.unsettledWarning(name() + " " + model + " " + workloadId + " max rate"));
        }
        CpuAccountant.Window cpuWindow = cpu.start(offloader);
        ClosedLoopResult max = Saturation.run(ctx.clock(), offloader, input, workers, s.latencyMaxRateMillis());
        CpuUsage cpuUsage = cpuWindow.stop();
        double maxRate = max.throughputPerSecond();
        ctx.sink().add(name(), model, workloadId, Map.of(), Metric.MAX_RATE, maxRate, max.completed());
        cpu.record(model, input, Map.of(), List.of(new CpuCost.Sample(cpuUsage, max.completed())));

        ReplyVerifier verifier = input.verifierFor(model);
        for (int percent : s.latencyPercents()) {
            ctx.checkStop();
            double rate = Math.max(1.0, maxRate * percent / 100.0);
            ctx.progress().step(model + " " + workloadId + " " + percent + "% = " + Math.round(rate) + "/s");
            int inFlight = inFlightLimit(rate, inFlightCap);
            String base = "load/" + RunPlan.fileName(model) + "-" + workloadId + "-" + percent;
            String correctedFile = base + "-corrected.hlog";
            String uncorrectedFile = base + "-uncorrected.hlog";
            OpenLoopResult result;
            long startMillis = System.currentTimeMillis();
            try (HistogramLogs.Log corrected = HistogramLogs.open(ctx.resolve(correctedFile),
                    model + " " + workloadId + " at " + percent + "% of max: latency from scheduled send, ns",
                    startMillis);
                 HistogramLogs.Log uncorrected = HistogramLogs.open(ctx.resolve(uncorrectedFile),
                         model + " " + workloadId + " at " + percent + "% of max: latency from actual send, ns",
                         startMillis)) {
                result = openLoop(ctx.clock(), offloader, input, verifier, rate, s.latencyStepMillis(), inFlight,
                        corrected.writer(), uncorrected.writer());
            }
            if (result.firstFailure() != null && result.firstFailure().startsWith("ChecksumMismatchException")) {
                throw new IllegalStateException(result.firstFailure());
            }
            if (result.failed() > 0 || result.dropped() > 0 || result.unfinished() > 0) {
                ctx.note(model + " " + workloadId + " at " + percent + "%: " + result.failed() + " failed, "
                        + result.lateAtLimit() + " sent late at the in-flight limit of " + inFlight + ", "
                        + result.dropped() + " never sent before the step ended, " + result.unfinished()
                        + " unfinished" + (result.firstFailure() == null ? "" : " (" + result.firstFailure() + ")"));
            }
            record(ctx, model, workloadId, percent, rate, result);
            index.add(new IndexEntry(model, workloadId, percent, rate, correctedFile, uncorrectedFile));
        }
    }

    /**
     * The most requests the open loop may hold in flight for a payload of this size: what fits in an eighth
     * of the heap (at most {@link #MAX_IN_FLIGHT_BYTES}), counting a private copy of the input and an output
     * of the same size per task, never less than keeps every worker busy. This, not the offered rate, bounds
     * the memory of a step (the default run once died of a 64 KiB sha256 input queued 65,536 times).
     */
    static int inFlightCap(int payloadBytes, int workers, long maxHeapBytes) {
        long budget = Math.min(MAX_IN_FLIGHT_BYTES, maxHeapBytes / 8);
        long perTask = 2L * payloadBytes + TASK_OVERHEAD_BYTES;
        return (int) Math.max(Saturation.outstanding(workers), Math.min(MAX_IN_FLIGHT, budget / perTask));
    }

    /** In flight at a rate: two seconds of requests, within the cap. */
    static int inFlightLimit(double ratePerSecond, int cap) {
        return (int) Math.max(1, Math.min(cap, Math.ceil(ratePerSecond * MAX_OUTSTANDING_SECONDS)));
    }

    /** One open-loop step of {@code stepMillis} at {@code rate}, every reply verified. */
    static OpenLoopResult openLoop(NanoClock clock, Offloader offloader, PreparedInput input, ReplyVerifier verifier,
                                   double rate, long stepMillis, int inFlight, HistogramLogWriter correctedLog,
                                   HistogramLogWriter uncorrectedLog) throws InterruptedException {
        OpenLoopConfig config = new OpenLoopConfig(rate, TimeUnit.MILLISECONDS.toNanos(stepMillis),
                (long) Math.ceil(rate * stepMillis / 1000.0) + 1, inFlight, DRAIN_TIMEOUT_NANOS, LOG_INTERVAL_NANOS);
        return new OpenLoopRunner(clock).run(config, seq -> offloader.submit(input.task()).thenApply(verifier::verify),
                correctedLog, uncorrectedLog);
    }

    private void record(SuiteContext ctx, String model, String workload, int percent, double rate,
                        OpenLoopResult result) {
        Map<String, String> params = new LinkedHashMap<>();
        params.put("ratePercent", Integer.toString(percent));
        params.put("targetRate", Long.toString(Math.round(rate)));
        Histogram h = result.corrected();
        long n = h.getTotalCount();
        if (n > 0) {
            ctx.sink().add(name(), model, workload, params, Metric.LATENCY_P50, micros(h.getValueAtPercentile(50)), n);
            ctx.sink().add(name(), model, workload, params, Metric.LATENCY_P90, micros(h.getValueAtPercentile(90)), n);
            ctx.sink().add(name(), model, workload, params, Metric.LATENCY_P99, micros(h.getValueAtPercentile(99)), n);
            ctx.sink().add(name(), model, workload, params, Metric.LATENCY_P999, micros(h.getValueAtPercentile(99.9)), n);
            ctx.sink().add(name(), model, workload, params, Metric.LATENCY_MAX, micros(h.getMaxValue()), n);
            ctx.sink().add(name(), model, workload, params, Metric.LATENCY_UNCORRECTED_P99,
                    micros(result.uncorrected().getValueAtPercentile(99)), result.uncorrected().getTotalCount());
        }
        ctx.sink().add(name(), model, workload, params, Metric.ACHIEVED_RATE, result.achievedRate(), result.completed());
    }

    private static double micros(long nanos) {
        return nanos / 1000.0;
    }

}
