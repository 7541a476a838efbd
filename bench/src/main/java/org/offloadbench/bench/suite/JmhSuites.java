package org.offloadbench.bench.suite;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.offloadbench.bench.jmh.WarmUpCheck;
import org.offloadbench.bench.rig.SuiteContext;
import org.openjdk.jmh.results.BenchmarkResult;
import org.openjdk.jmh.results.IterationResult;
import org.offloadbench.core.offload.OffloaderConfig;
import org.offloadbench.core.offload.OffloaderProvider;
import org.offloadbench.core.offload.WaitDiscipline;
import org.offloadbench.reports.stats.FloorCheck;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.util.Statistics;

/** What the two JMH suites share: timing estimates and reading a JMH result. */
final class JmhSuites {
    /** Every fork of one trial of the row ({@link Estimates#secondsPerFork} each). */
    static double secondsPerBenchmark(SuiteContext ctx, String row) {
        return ctx.plan().settings().jmhForks() * Estimates.secondsPerFork(ctx, row);
    }

    static int payloadBytes(RunResult result) {
        return Integer.parseInt(result.getParams().getParam("payloadBytes"));
    }

    static Statistics stats(RunResult result) {
        return result.getPrimaryResult().getStatistics();
    }

    /**
     * JMH's 99.9 % interval, or nulls when JMH has none (fewer than three samples: NaN). JMH's interval is
     * symmetric, so a few noisy iterations can push its lower bound below zero; a time per operation cannot
     * be negative, so the lower bound is clamped at zero (as SampleStats does for the other suites).
     */
    static Double[] interval(RunResult result) {
        double[] ci = result.getPrimaryResult().getScoreConfidence();
        if (ci == null || ci.length < 2 || Double.isNaN(ci[0]) || Double.isNaN(ci[1])) {
            return new Double[] {null, null};
        }
        return new Double[] {Math.max(0, ci[0]), ci[1]};
    }

    /**
     * Notes a trial whose model was still warming up (pre-warm capped unsettled, or improving iterations),
     * the way the scaling and latency suites note an unsettled warm-up.
     */
    static void noteIfWarming(SuiteContext ctx, String suite, String model, String workload, RunResult r) {
        String what = suite + " " + model + " " + workload + " " + payloadBytes(r) + " B "
                + r.getParams().getMode().shortLabel();
        WarmUpCheck.warning(what, WarmUpCheck.of(r), ctx.plan().profile()).ifPresent(ctx::note);
    }

    /**
     * The measured iterations' scores, fork after fork: the samples behind the score (what JMH's JSON lists
     * as {@code primaryMetric.rawData}); null when there are none.
     */
    static List<Double> iterationScores(RunResult result) {
        List<Double> scores = new ArrayList<>();
        for (BenchmarkResult fork : result.getBenchmarkResults()) {
            for (IterationResult iteration : fork.getIterationResults()) {
                scores.add(iteration.getPrimaryResult().getScore());
            }
        }
        return scores.isEmpty() ? null : scores;
    }

    /**
     * One percentile per measured iteration, each from that iteration's own histogram of sampled times (the
     * {@code rawDataHistogram} of SampleTime): the samples behind a p50 or p99 figure. Null when an iteration
     * sampled nothing, so no partial list passes for the whole.
     */
    static List<Double> iterationPercentiles(RunResult result, double percentile) {
        List<Double> values = new ArrayList<>();
        for (BenchmarkResult fork : result.getBenchmarkResults()) {
            for (IterationResult iteration : fork.getIterationResults()) {
                Statistics s = iteration.getPrimaryResult().getStatistics();
                if (s.getN() == 0) {
                    return null;
                }
                values.add(s.getPercentile(percentile));
            }
        }
        return values.isEmpty() ? null : values;
    }

    static Map<String, String> sizeParams(int payloadBytes) {
        return Map.of("payloadBytes", Integer.toString(payloadBytes));
    }

    /**
     * The model's floor transport and wait discipline as params of its figures, so the report holds each
     * figure against its like-for-like floor. The config is the one the benchmark forks build
     * ({@link org.offloadbench.bench.jmh.OffloadBenchmark}): model options reach both or neither.
     */
    static Map<String, String> floorParams(SuiteContext ctx, String model) {
        OffloaderProvider provider = ctx.registry().get(model);
        WaitDiscipline wait;
        try {
            wait = provider.waitDiscipline(OffloaderConfig.of(1, 1024));
        } catch (RuntimeException e) {
            wait = WaitDiscipline.UNKNOWN; // the model will fail its own start with the reason
        }
        Map<String, String> params = new java.util.LinkedHashMap<>();
        params.put(FloorCheck.TRANSPORT, provider.floorTransport().label());
        params.put(FloorCheck.WAIT, wait.label());
        if (provider.traits().zeroCopy()) {
            params.put(FloorCheck.ZERO_COPY, "true"); // its echo is not bounded by the copying C echo floor
        }
        return params;
    }

    /** Size params plus floor params. */
    static Map<String, String> figureParams(SuiteContext ctx, String model, int payloadBytes) {
        Map<String, String> params = new java.util.LinkedHashMap<>(sizeParams(payloadBytes));
        params.putAll(floorParams(ctx, model));
        return params;
    }
}
