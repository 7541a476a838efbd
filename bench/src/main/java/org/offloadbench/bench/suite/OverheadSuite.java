package org.offloadbench.bench.suite;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import org.offloadbench.bench.calibration.FloorBracket;
import org.offloadbench.bench.calibration.NativeProbes;
import org.offloadbench.bench.jmh.JmhLauncher;
import org.offloadbench.bench.plan.Profile;
import org.offloadbench.bench.rig.SuiteContext;
import org.offloadbench.core.offload.OffloaderProvider;
import org.offloadbench.core.offload.WaitDiscipline;
import org.offloadbench.core.result.EnvironmentCapture;
import org.offloadbench.core.result.Metric;
import org.offloadbench.core.result.SummaryRecord;
import org.offloadbench.reports.stats.FloorCheck;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.RunnerException;

/**
 * What does one hand-off cost? The hand-off-only workload ({@code noop}) at 64 B, one round trip at a
 * time, per model: the mean from JMH AverageTime (with JMH's 99.9 % interval) and the median and 99th
 * percentile from SampleTime (quick: all three from one SampleTime fork, see {@link #modes}). Each figure
 * names its model's floor transport and wait discipline. With gcc,
 * the C probe of that transport and discipline runs right before and right after each model's block
 * ({@link FloorBracket}): a floor that moved during the block marks it unstable, and a figure below its
 * floor is reported on the console as a measurement error. The report draws these floors beside the bars.
 */
public final class OverheadSuite implements Suite {
    static final int PAYLOAD_BYTES = 64;
    private final Supplier<Optional<String>> gcc;

    public OverheadSuite() {
        this(EnvironmentCapture::gccVersion);
    }

    /** @param gcc the gcc version, or empty when there is none (no bracketing floors then) */
    public OverheadSuite(Supplier<Optional<String>> gcc) {
        this.gcc = gcc;
    }

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
        return ctx.models().size() * modes(ctx).size();
    }

    /**
     * The JMH modes measured, one fork each: AverageTime for the mean and SampleTime for the percentiles; quick
     * only SampleTime, whose sampled round trips give the mean as well (a fork less per model, the suite's
     * largest cost; the mean then includes the timer's own few tens of ns on each sampled round trip).
     */
    static List<Mode> modes(SuiteContext ctx) {
        return ctx.plan().profile() == Profile.QUICK ? List.of(Mode.SampleTime)
                : List.of(Mode.AverageTime, Mode.SampleTime);
    }

    @Override
    public long estimateSeconds(SuiteContext ctx) {
        // two bracketing floors per model: 3 repetitions, each ending at its round-trip count or its time cap,
        // whichever comes first (2,000 round trips at a blocking hand-off's ~50 us take ~100 ms), and the
        // probe's start
        NativeProbes.Budget budget = FloorBracket.BUDGET.scaled(ctx.plan().timeScale());
        double perRepetitionSeconds = Math.min(budget.maxMillis(), budget.maxRoundTrips() * 0.05) / 1000.0;
        double floors = ctx.models().size() * 2 * (budget.repetitions() * perRepetitionSeconds + 0.2);
        double forks = 0;
        for (String model : ctx.models()) {
            forks += modes(ctx).size() * JmhSuites.secondsPerBenchmark(ctx, model); // a fork per mode
        }
        return Math.round(forks + floors);
    }

    @Override
    public void run(SuiteContext ctx) throws Exception {
        String workload = ctx.plan().overheadWorkload();
        JmhLauncher launcher = new JmhLauncher(ctx.plan().settings(), ctx.plan().forkJvmArgs(),
                () -> ctx.progress().note("another JMH run holds the JMH lock; waiting for it"));
        List<RunResult> all = new ArrayList<>();
        FloorBracket bracket = null;
        if (gcc.get().isPresent()) {
            bracket = FloorBracket.open(ctx.resolve("calibration-bracket"), ctx.resources()::track,
                    ctx.plan().timeScale());
        } else {
            ctx.note("overhead: gcc not found on the PATH, so no floors were taken next to the models' blocks");
        }
        try {
            for (String model : ctx.models()) {
                if (!ctx.runs(model, workload)) {
                    continue;
                }
                List<SummaryRecord> figures = new ArrayList<>();
                List<SummaryRecord> before = floor(ctx, bracket, model, "before");
                for (Mode mode : modes(ctx)) {
                    ctx.checkStop();
                    ctx.progress().step(model + " " + workload + " 64B " + mode.shortLabel());
                    try {
                        for (RunResult r : launcher.run(ctx.plan().row(model), workload, List.of(PAYLOAD_BYTES), mode)) {
                            all.add(r);
                            figures.addAll(record(ctx, model, workload, mode, r));
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
                List<SummaryRecord> after = floor(ctx, bracket, model, "after");
                FloorBracket.stabilityNote(name() + " " + model, before, after).ifPresent(ctx::note);
                List<SummaryRecord> floors = new ArrayList<>(before);
                floors.addAll(after);
                for (FloorCheck.Violation v : FloorCheck.violations(FloorBracket.judgeableInBlock(figures, floors),
                        floors)) {
                    ctx.note("MEASUREMENT ERROR: " + v.describe());
                }
            }
        } finally {
            if (!all.isEmpty()) {
                JmhLauncher.writeJson(ctx.resolve("jmh/" + name() + "-" + ctx.plan().configHash(ctx.catalogue())
                        + ".json"), all);
            }
        }
    }

    /** One bracketing reading of the model's floor, recorded; empty (with a note) when none could be taken. */
    private List<SummaryRecord> floor(SuiteContext ctx, FloorBracket bracket, String model, String phase)
            throws Exception {
        if (bracket == null) {
            return List.of();
        }
        ctx.checkStop();
        OffloaderProvider provider = ctx.registry().get(model);
        WaitDiscipline wait = FloorCheck.discipline(JmhSuites.floorParams(ctx, model).get(FloorCheck.WAIT));
        NativeProbes.Result<List<SummaryRecord>> records = bracket.measure(name(), model, phase,
                provider.floorTransport(), wait, PAYLOAD_BYTES);
        ctx.checkStop();
        if (!records.ok()) {
            ctx.note("overhead " + model + ": no floor " + phase + " its block: " + records.error());
            return List.of();
        }
        records.value().forEach(ctx.sink()::add);
        return records.value();
    }

    private List<SummaryRecord> record(SuiteContext ctx, String model, String workload, Mode mode, RunResult r) {
        var params = JmhSuites.figureParams(ctx, model, JmhSuites.payloadBytes(r));
        var stats = JmhSuites.stats(r);
        List<SummaryRecord> out = new ArrayList<>();
        if (mode == Mode.AverageTime) {
            Double[] ci = JmhSuites.interval(r);
            out.add(new SummaryRecord(name(), model, workload, params, Metric.ROUND_TRIP_NS.id(),
                    r.getPrimaryResult().getScore(), Metric.ROUND_TRIP_NS.unit(), ci[0], ci[1], stats.getN(),
                    JmhSuites.iterationScores(r)));
        } else {
            if (!modes(ctx).contains(Mode.AverageTime)) {
                // SampleTime's score is the mean of its sampled round trips, each iteration's score its own mean
                Double[] ci = JmhSuites.interval(r);
                out.add(new SummaryRecord(name(), model, workload, params, Metric.ROUND_TRIP_NS.id(),
                        r.getPrimaryResult().getScore(), Metric.ROUND_TRIP_NS.unit(), ci[0], ci[1], stats.getN(),
                        JmhSuites.iterationScores(r)));
            }
            out.add(new SummaryRecord(name(), model, workload, params, Metric.ROUND_TRIP_P50_NS.id(),
                    stats.getPercentile(50), Metric.ROUND_TRIP_P50_NS.unit(), null, null, stats.getN(),
                    JmhSuites.iterationPercentiles(r, 50)));
            out.add(new SummaryRecord(name(), model, workload, params, Metric.ROUND_TRIP_P99_NS.id(),
                    stats.getPercentile(99), Metric.ROUND_TRIP_P99_NS.unit(), null, null, stats.getN(),
                    JmhSuites.iterationPercentiles(r, 99)));
        }
        out.forEach(ctx.sink()::add);
        return out;
    }
}
