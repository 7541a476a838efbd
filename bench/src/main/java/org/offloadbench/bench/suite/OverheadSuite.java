package org.offloadbench.bench.suite;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.offloadbench.bench.jmh.JmhLauncher;
import org.offloadbench.bench.rig.SuiteContext;
import org.offloadbench.core.result.Metric;
import org.offloadbench.core.result.SummaryRecord;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.RunnerException;

/**
 * What does one hand-off cost? The hand-off-only workload ({@code noop}) at 64 B, one round trip at a
 * time, per model: the mean from JMH AverageTime (with JMH's 99.9 % interval) and the median and 99th
 * percentile from SampleTime. The report draws the native floors of the calibration suite beside it.
 */
public final class OverheadSuite implements Suite {
    static final int PAYLOAD_BYTES = 64;

    @Override
    public String name() {
        return "overhead";
    }

    @Override
    public String question() {
        return "what does one hand-off cost? (noop, 64 B round trip; JMH AverageTime + SampleTime)";
    }

    @Override
    public Optional<String> skipReason(SuiteContext ctx) {
        String id = ctx.plan().overheadWorkload();
        return ctx.catalogue().contains(id) ? Optional.empty()
                : Optional.of("workload '" + id + "' is not in the catalogue; valid: " + String.join(", ", ctx.catalogue().ids()));
    }

    @Override
    public int steps(SuiteContext ctx) {
        return ctx.plan().models().size() * 2;
    }

    @Override
    public long estimateSeconds(SuiteContext ctx) {
        return Math.round(steps(ctx) * JmhSuites.secondsPerBenchmark(ctx.plan().settings()));
    }

    @Override
    public void run(SuiteContext ctx) throws Exception {
        String workload = ctx.plan().overheadWorkload();
        JmhLauncher launcher = new JmhLauncher(ctx.plan().settings(), ctx.plan().forkJvmArgs(),
                () -> ctx.progress().note("another JMH run holds the JMH lock; waiting for it"));
        List<RunResult> all = new ArrayList<>();
        try {
            for (String model : ctx.plan().models()) {
                for (Mode mode : List.of(Mode.AverageTime, Mode.SampleTime)) {
                    ctx.checkStop();
                    ctx.progress().step(model + " " + workload + " 64B " + mode.shortLabel());
                    try {
                        for (RunResult r : launcher.run(model, workload, List.of(PAYLOAD_BYTES), mode)) {
                            all.add(r);
                            record(ctx, model, workload, mode, r);
                            JmhSuites.noteIfWarming(ctx, name(), model, workload, r);
                        }
                    } catch (RunnerException e) {
                        ctx.checkStop();
                        ctx.failed(model + " " + workload + " " + mode.shortLabel(), new RuntimeException(
                                JmhLauncher.describe(e)));
                    } catch (RuntimeException | OutOfMemoryError | StackOverflowError e) {
                        ctx.checkStop();
                        ctx.failed(model + " " + workload, e);
                    }
                }
            }
        } finally {
            if (!all.isEmpty()) {
                JmhLauncher.writeJson(ctx.resolve("jmh/" + name() + "-" + ctx.plan().configHash(ctx.catalogue())
                        + ".json"), all);
            }
        }
    }

    private void record(SuiteContext ctx, String model, String workload, Mode mode, RunResult r) {
        var params = JmhSuites.sizeParams(JmhSuites.payloadBytes(r));
        var stats = JmhSuites.stats(r);
        if (mode == Mode.AverageTime) {
            Double[] ci = JmhSuites.interval(r);
            ctx.sink().add(new SummaryRecord(name(), model, workload, params, Metric.ROUND_TRIP_NS.id(),
                    r.getPrimaryResult().getScore(), Metric.ROUND_TRIP_NS.unit(), ci[0], ci[1], stats.getN()));
        } else {
            ctx.sink().add(name(), model, workload, params, Metric.ROUND_TRIP_P50_NS, stats.getPercentile(50),
                    stats.getN());
            ctx.sink().add(name(), model, workload, params, Metric.ROUND_TRIP_P99_NS, stats.getPercentile(99),
                    stats.getN());
        }
    }
}
