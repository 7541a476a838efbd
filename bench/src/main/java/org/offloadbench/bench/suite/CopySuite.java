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
 * What does moving data cost? The data-moving workloads ({@code echo}, {@code sha256}) at each payload
 * size: time per operation (JMH AverageTime, with interval) and bandwidth = payload bytes / time per
 * operation, in GB/s (10^9 bytes), its interval derived from the time's. Each figure names its model's
 * floor transport and wait discipline (params {@code transport}, {@code wait}), so an echo is held against
 * the C echo through the same transport.
 */
public final class CopySuite implements Suite {

    @Override
    public String name() {
        return "copy";
    }

    @Override
    public String question() {
        return "what does moving data cost? (echo/sha256 per payload size; ns/op and GB/s)";
    }

    private static List<String> workloads(SuiteContext ctx) {
        return ctx.plan().copyWorkloads().stream().filter(ctx.catalogue()::contains).toList();
    }

    @Override
    public Optional<String> skipReason(SuiteContext ctx) {
        return workloads(ctx).isEmpty() ? Optional.of("none of the copy workloads " + ctx.plan().copyWorkloads()
                + " is in the catalogue; valid: " + String.join(", ", ctx.catalogue().ids())) : Optional.empty();
    }

    @Override
    public int steps(SuiteContext ctx) {
        return (int) ctx.models().stream().mapToLong(m -> workloads(ctx).stream().filter(w -> ctx.supports(m, w)).count())
                .sum();
    }

    @Override
    public long estimateSeconds(SuiteContext ctx) {
        // one fork per model, workload and size: JMH forks each trial
        double seconds = 0;
        for (String model : ctx.models()) {
            seconds += workloads(ctx).size() * ctx.plan().payloadSizes().size() * JmhSuites.secondsPerBenchmark(ctx, model);
        }
        return Math.round(seconds);
    }

    @Override
    public void run(SuiteContext ctx) throws Exception {
        JmhLauncher launcher = new JmhLauncher(ctx.plan().settings(), ctx.plan().forkJvmArgs(),
                () -> ctx.progress().note("another JMH run holds the JMH lock; waiting for it"));
        List<RunResult> all = new ArrayList<>();
        try {
            for (String model : ctx.models()) {
                List<Integer> sizes = carriedSizes(ctx, model);
                for (String workload : workloads(ctx)) {
                    if (!ctx.runs(model, workload)) {
                        continue;
                    }
                    ctx.checkStop();
                    ctx.progress().step(model + " " + workload + " " + sizes.size() + " sizes");
                    if (sizes.isEmpty()) {
                        continue;
                    }
                    try {
                        for (RunResult r : launcher.run(ctx.plan().row(model), workload, sizes, Mode.AverageTime)) {
                            all.add(r);
                            record(ctx, model, workload, r);
                            JmhSuites.noteIfWarming(ctx, name(), model, workload, r);
                        }
                    } catch (RunnerException e) {
                        ctx.checkStop();
                        ctx.failed(model + " " + workload, new RuntimeException(JmhLauncher.describe(e)));
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

    /**
     * The profile's sizes the row's model can carry with its options; the others are noted (a documented limit
     * is not a failure: the model would refuse them with a clear BAD_REQUEST).
     */
    private List<Integer> carriedSizes(SuiteContext ctx, String model) {
        long limit = ctx.maxInputBytes(model);
        List<Integer> sizes = ctx.plan().payloadSizes().stream().filter(s -> s <= limit).toList();
        if (sizes.size() < ctx.plan().payloadSizes().size()) {
            List<Integer> skipped = ctx.plan().payloadSizes().stream().filter(s -> s > limit).toList();
            ctx.note(name() + ": " + model + " carries at most " + limit + " input bytes a task with its options, so "
                    + skipped + " B were not measured; the model's README names the option that raises the limit");
        }
        return sizes;
    }

    /** Each iteration's bandwidth, from its own time per operation; null when any time is not positive. */
    private static List<Double> bandwidths(int bytes, List<Double> nanos) {
        if (nanos == null || nanos.stream().anyMatch(t -> t <= 0)) {
            return null;
        }
        return nanos.stream().map(t -> bytes / t).toList();
    }

    private void record(SuiteContext ctx, String model, String workload, RunResult r) {
        int bytes = JmhSuites.payloadBytes(r);
        var params = JmhSuites.figureParams(ctx, model, bytes);
        long n = JmhSuites.stats(r).getN();
        double nanos = r.getPrimaryResult().getScore();
        Double[] ci = JmhSuites.interval(r);
        List<Double> times = JmhSuites.iterationScores(r);
        ctx.sink().add(new SummaryRecord(name(), model, workload, params, Metric.TIME_PER_OP_NS.id(), nanos,
                Metric.TIME_PER_OP_NS.unit(), ci[0], ci[1], n, times));
        // bytes per nanosecond is GB/s; a slower time bound gives the lower bandwidth bound
        Double low = ci[1] == null || ci[1] <= 0 ? null : bytes / ci[1];
        Double high = ci[0] == null || ci[0] <= 0 ? null : bytes / ci[0];
        if (nanos > 0) {
            ctx.sink().add(new SummaryRecord(name(), model, workload, params, Metric.BANDWIDTH.id(), bytes / nanos,
                    Metric.BANDWIDTH.unit(), low, high, n, bandwidths(bytes, times)));
        }
    }
}
