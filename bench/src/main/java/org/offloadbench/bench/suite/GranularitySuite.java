package org.offloadbench.bench.suite;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.offloadbench.bench.granularity.BreakEven;
import org.offloadbench.bench.plan.GranularitySettings;
import org.offloadbench.bench.rig.PreparedInput;
import org.offloadbench.bench.rig.SuiteContext;
import org.offloadbench.core.measure.SampleStats;
import org.offloadbench.core.offload.Offloader;
import org.offloadbench.core.result.Metric;
import org.offloadbench.core.result.SuiteNames;
import org.offloadbench.core.result.SummaryRecord;
import org.offloadbench.core.workload.Workload;
import org.offloadbench.core.workload.builtin.SumLoopWorkload;

/**
 * From which task size does offloading pay? The seed's own {@code sum-loop}, its iteration count chosen so one
 * task takes from about 1 us to about 10 ms on this machine: the cost of one iteration is measured inline first
 * (the JIT's compiled loop, see {@link SumLoopWorkload}), so the sweep adapts to the machine. At each size the
 * same task runs inline on the caller's thread (the baseline: one thread, no hand-off) and, for every model,
 * saturated at workers = cores (closed loop, two tasks per worker in flight, {@link Saturation}). The speedup
 * over inline per size gives each model's break-even (the smallest task duration from which offloading beats
 * inline) and the size from which it stays at 90 % of its best speedup ({@link BreakEven}).
 *
 * <p>The x of each point is the task's measured inline duration, not its target. Sizes are measured from the
 * largest down: a model too slow for the suite's time budget per model (a new child JVM per task) still gets
 * the size where it comes closest to paying, and the rest is skipped with a note. On the same warmed instance
 * the anatomy of a hand-off follows ({@link HandOffAnatomy}).
 */
public final class GranularitySuite implements Suite {
    /** The swept range: about 1 us to about 10 ms per task. */
    static final double SMALLEST_TASK_MICROS = 1;
    static final double LARGEST_TASK_MICROS = 10_000;
    /** The 90 %-of-best point. */
    static final double NEAR_BEST_FRACTION = 0.9;
    /** The inline baseline model name in summary.json (like {@code native} for the floors). */
    public static final String INLINE = "inline";

    @Override
    public String name() {
        return SuiteNames.GRANULARITY;
    }

    @Override
    public String question() {
        return "from which task size does offloading pay? (sum-loop swept from ~1 us to ~10 ms against inline; "
                + "and where a hand-off's time goes)";
    }

    @Override
    public Optional<String> skipReason(SuiteContext ctx) {
        return ctx.catalogue().contains(SumLoopWorkload.ID) ? Optional.empty()
                : Optional.of("needs the built-in " + SumLoopWorkload.ID + " workload");
    }

    @Override
    public int steps(SuiteContext ctx) {
        long measured = ctx.models().stream().filter(m -> ctx.supports(m, SumLoopWorkload.ID)).count();
        return 1 + (int) measured * (GranularitySettings.of(ctx.plan()).points() + 1);
    }

    @Override
    public long estimateSeconds(SuiteContext ctx) {
        GranularitySettings g = GranularitySettings.of(ctx.plan());
        int cores = ctx.cores();
        double inline = 0.3; // the calibration
        double sweep = 0;
        for (double micros : targetMicros(g.points())) {
            inline += g.repetitions() * stepMillis(g, micros, 1) / 1000.0;
            sweep += g.repetitions() * stepMillis(g, micros, cores) / 1000.0;
        }
        double anatomy = HandOffAnatomy.WORKLOADS.size() * (g.anatomyWarmUpMillis() / 2.0
                + g.repetitions() * g.stepMillis()) / 1000.0;
        double total = inline;
        for (String model : ctx.models()) {
            if (!ctx.supports(model, SumLoopWorkload.ID)) {
                continue;
            }
            double warmUp = ScalingSuite.inCallersJvm(ctx, model) ? 3 * g.stepMillis() / 1000.0
                    : g.preWarmMaxMillis() / 2000.0;
            total += 0.3 + g.preWarmMaxMillis() / 3000.0 + warmUp + sweep + anatomy; // + the small-task warm-up
        }
        return Math.round(total);
    }

    @Override
    public void run(SuiteContext ctx) throws Exception {
        GranularitySettings g = GranularitySettings.of(ctx.plan());
        Workload sumLoop = ctx.catalogue().get(SumLoopWorkload.ID);
        int workers = ctx.cores();
        ctx.progress().step("inline calibration and baseline");
        long capNanos = TimeUnit.MILLISECONDS.toNanos(g.preWarmMaxMillis());
        double nanosPerIteration = InlineBaseline.nanosPerIteration(ctx.clock(), sumLoop, capNanos / 4, capNanos);
        List<Point> points = sweep(sumLoop, nanosPerIteration, g);
        warmInline(ctx, g, points);
        // the JIT may still have changed its code after the calibration: one correction from the largest size
        Point largest = points.get(points.size() - 1);
        double measuredMicros = 1e6 / InlineBaseline.throughput(ctx.clock(), largest.input(),
                TimeUnit.MILLISECONDS.toNanos(stepMillis(g, largest.targetMicros(), 1)), GranularitySettings.MIN_TASKS_PER_STEP);
        double ratio = measuredMicros / largest.targetMicros();
        if (ratio < 0.5 || ratio > 2) {
            ctx.note(String.format(Locale.ROOT, "%s: the largest task took %.0f us inline against %.0f us calibrated; "
                    + "the sweep was recalibrated from it", name(), measuredMicros, largest.targetMicros()));
            nanosPerIteration *= ratio;
            points = sweep(sumLoop, nanosPerIteration, g);
            warmInline(ctx, g, points);
        }
        for (Point p : points) {
            ctx.checkStop();
            double[] rates = new double[g.repetitions()];
            double[] micros = new double[g.repetitions()];
            for (int i = 0; i < rates.length; i++) {
                rates[i] = InlineBaseline.throughput(ctx.clock(), p.input(),
                        TimeUnit.MILLISECONDS.toNanos(stepMillis(g, p.targetMicros(), 1)),
                        GranularitySettings.MIN_TASKS_PER_STEP);
                micros[i] = 1e6 / rates[i];
            }
            p.inline = SampleStats.of(rates);
            p.durationMicros = SampleStats.of(micros);
            ctx.sink().add(name(), INLINE, SumLoopWorkload.ID, p.params(), Metric.THROUGHPUT, p.inline);
            ctx.sink().add(name(), INLINE, SumLoopWorkload.ID, p.params(), Metric.TASK_DURATION, p.durationMicros);
        }
        writeSweep(ctx, g, nanosPerIteration, points);
        for (String model : ctx.models()) {
            if (ctx.runs(model, SumLoopWorkload.ID)) {
                measureModel(ctx, g, model, workers, points);
            }
        }
    }

    /** One size of the sweep; the inline figures are filled in once measured. */
    private static final class Point {
        final double targetMicros;
        final long iterations;
        final PreparedInput input;
        SampleStats inline;
        SampleStats durationMicros;

        Point(double targetMicros, long iterations, PreparedInput input) {
            this.targetMicros = targetMicros;
            this.iterations = iterations;
            this.input = input;
        }

        double targetMicros() {
            return targetMicros;
        }

        PreparedInput input() {
            return input;
        }

        Map<String, String> params() {
            return Map.of("iterations", Long.toString(iterations));
        }
    }

    /** One unmeasured step per size: the first calls at a new iteration count can run in other code. */
    private static void warmInline(SuiteContext ctx, GranularitySettings g, List<Point> points) {
        for (Point p : points) {
            ctx.checkStop();
            InlineBaseline.throughput(ctx.clock(), p.input(), TimeUnit.MILLISECONDS.toNanos(g.stepMillis()), 1);
        }
    }

    /** The targets: {@code points} durations evenly spaced on a log scale from 1 us to 10 ms. */
    static List<Double> targetMicros(int points) {
        List<Double> out = new ArrayList<>();
        double decades = Math.log10(LARGEST_TASK_MICROS / SMALLEST_TASK_MICROS);
        for (int k = 0; k < points; k++) {
            out.add(SMALLEST_TASK_MICROS * Math.pow(10, decades * k / (points - 1)));
        }
        return out;
    }

    /** Iteration counts for the targets at the calibrated cost, distinct and within the workload's bound. */
    static List<Long> iterationsFor(List<Double> targetsMicros, double nanosPerIteration) {
        List<Long> out = new ArrayList<>();
        for (double micros : targetsMicros) {
            long n = Math.max(1, Math.min(SumLoopWorkload.MAX_ITERATIONS, Math.round(micros * 1000 / nanosPerIteration)));
            if (out.isEmpty() || n > out.get(out.size() - 1)) {
                out.add(n);
            }
        }
        return out;
    }

    private static List<Point> sweep(Workload sumLoop, double nanosPerIteration, GranularitySettings g) {
        List<Double> targets = targetMicros(g.points());
        List<Point> points = new ArrayList<>();
        for (long n : iterationsFor(targets, nanosPerIteration)) {
            points.add(new Point(n * nanosPerIteration / 1000, n, InlineBaseline.sumLoop(sumLoop, n)));
        }
        return points;
    }

    /**
     * A step holds at least {@link GranularitySettings#MIN_TASKS_PER_STEP} tasks across {@code workers}: a step of
     * a few 10 ms tasks would measure its own tail.
     */
    static long stepMillis(GranularitySettings g, double taskMicros, int workers) {
        double minMillis = GranularitySettings.MIN_TASKS_PER_STEP * taskMicros / 1000.0 / Math.max(1, workers);
        return Math.max(g.stepMillis(), (long) Math.ceil(minMillis));
    }

    private void measureModel(SuiteContext ctx, GranularitySettings g, String model, int workers, List<Point> points)
            throws InterruptedException {
        boolean inCallersJvm = ScalingSuite.inCallersJvm(ctx, model);
        Map<String, String> base = Map.of("workers", Integer.toString(workers));
        Offloader offloader = null;
        // measured points by ascending size, for the break-even
        Map<Point, SummaryRecord> speedups = new LinkedHashMap<>();
        try {
            ctx.checkStop();
            offloader = ctx.open(model, workers);
            // many small tasks first: sum-loop's loop is on-stack-replaced within one large task, and OSR code is
            // not vectorized; only a method invoked a few hundred times gets C2's normal (vectorized) compile, the
            // code the inline baseline runs. Without this a child JVM measured the largest sizes ~5x slower per
            // iteration than the caller (quick run: every out-of-process model at 0.3-0.4x inline at ~9 ms tasks)
            Saturation.run(ctx.clock(), offloader, points.get(0).input(), workers, g.preWarmMaxMillis() / 3);
            Point middle = points.get(points.size() / 2);
            Saturation.WarmUp warmUp = Saturation.warmUp(ctx.clock(), offloader, middle.input(), workers,
                    g.stepMillis(), g.stepMillis(), g.preWarmMaxMillis());
            if (!warmUp.steady()) {
                ctx.note(warmUp.unsettledWarning(name() + " " + model + " sum-loop pre-warm"));
            }
            long budgetStart = ctx.clock().nanoTime();
            long nominalMillis = 0;
            for (Point p : points) {
                nominalMillis += g.repetitions() * stepMillis(g, p.targetMicros(), workers);
            }
            long budgetMillis = Math.max(g.modelBudgetMillis(), 3 * nominalMillis);
            for (int k = points.size() - 1; k >= 0; k--) {
                ctx.checkStop();
                Point p = points.get(k);
                long spentMillis = TimeUnit.NANOSECONDS.toMillis(ctx.clock().nanoTime() - budgetStart);
                if (speedups.size() > 0 && spentMillis > budgetMillis) {
                    ctx.note(String.format(Locale.ROOT, "%s %s: measured %d of %d task sizes (the largest first) in "
                                    + "%.1f s, past its %.1f s budget; the %d smaller ones were skipped", name(), model,
                            speedups.size(), points.size(), spentMillis / 1000.0, budgetMillis / 1000.0, k + 1));
                    for (int skipped = k; skipped >= 0; skipped--) {
                        ctx.progress().step(model + " sum-loop skipped");
                    }
                    break;
                }
                ctx.progress().step(String.format(Locale.ROOT, "%s sum-loop ~%s us workers=%d", model,
                        micros(p.durationMicros.mean()), workers));
                double[] rates = new double[g.repetitions()];
                for (int i = 0; i < rates.length; i++) {
                    rates[i] = Saturation.run(ctx.clock(), offloader, p.input(), workers,
                            stepMillis(g, p.targetMicros(), workers)).throughputPerSecond();
                }
                Map<String, String> params = new LinkedHashMap<>(base);
                params.putAll(p.params());
                SampleStats throughput = SampleStats.of(rates);
                ctx.sink().add(name(), model, SumLoopWorkload.ID, params, Metric.THROUGHPUT, throughput);
                speedups.put(p, recordSpeedup(ctx, model, params, throughput, p.inline));
            }
            ctx.progress().step(model + " anatomy of a hand-off");
            HandOffAnatomy.measure(ctx, offloader, model, workers, inCallersJvm, g);
        } catch (InterruptedException e) {
            throw e;
        } catch (RuntimeException | OutOfMemoryError | StackOverflowError e) {
            ctx.checkStop();
            ctx.failed(name() + " " + model, e);
        } finally {
            if (offloader != null) {
                ctx.close(offloader);
            }
        }
        recordCrossings(ctx, model, base, points, speedups);
    }

    /**
     * Offloaded over inline. Samples: each step's throughput over the inline mean (two models at the same size
     * are compared on them); interval: the two intervals combined conservatively, as scaling's speedup.
     */
    private SummaryRecord recordSpeedup(SuiteContext ctx, String model, Map<String, String> params, SampleStats model_,
                                        SampleStats inline) {
        double mean = model_.mean() / inline.mean();
        boolean interval = model_.hasInterval() && inline.hasInterval() && inline.ciLow() > 0;
        List<Double> samples = new ArrayList<>();
        for (double x : model_.samples()) {
            samples.add(x / inline.mean());
        }
        SummaryRecord r = new SummaryRecord(name(), model, SumLoopWorkload.ID, params, Metric.SPEEDUP_VS_INLINE.id(),
                mean, Metric.SPEEDUP_VS_INLINE.unit(), interval ? model_.ciLow() / inline.ciHigh() : null,
                interval ? model_.ciHigh() / inline.ciLow() : null, Math.min(model_.n(), inline.n()), samples);
        ctx.sink().add(r);
        return r;
    }

    /** break-even-task and pays-90-task from the measured points, with intervals from the speedups' bounds. */
    private void recordCrossings(SuiteContext ctx, String model, Map<String, String> base, List<Point> points,
                                 Map<Point, SummaryRecord> speedups) {
        List<Point> measured = ascending(points.stream().filter(speedups::containsKey).toList());
        if (measured.isEmpty()) {
            return;
        }
        if (measured.size() < speedups.size()) {
            ctx.note(name() + " " + model + ": " + (speedups.size() - measured.size()) + " task size(s) left out of "
                    + "the break-even: their inline duration was not above the next smaller size's");
        }
        double best = measured.stream().mapToDouble(p -> speedups.get(p).value()).max().orElseThrow();
        long n = measured.stream().mapToLong(p -> speedups.get(p).n()).min().orElseThrow();
        record(ctx, model, base, Metric.BREAK_EVEN_TASK, measured, speedups, 1.0, n);
        record(ctx, model, base, Metric.PAYS_90_TASK, measured, speedups, NEAR_BEST_FRACTION * best, n);
    }

    /** Points whose measured inline duration ascends with their size; one that does not is left out. */
    static List<Point> ascending(List<Point> bySize) {
        List<Point> out = new ArrayList<>();
        for (Point p : bySize) {
            if (out.isEmpty() || p.durationMicros.mean() > out.get(out.size() - 1).durationMicros.mean()) {
                out.add(p);
            }
        }
        return out;
    }

    private void record(SuiteContext ctx, String model, Map<String, String> base, Metric metric, List<Point> measured,
                        Map<Point, SummaryRecord> speedups, double threshold, long n) {
        List<BreakEven.Point> mean = new ArrayList<>();
        List<BreakEven.Point> upper = new ArrayList<>();
        List<BreakEven.Point> lower = new ArrayList<>();
        boolean intervals = true;
        for (Point p : measured) {
            SummaryRecord s = speedups.get(p);
            double x = p.durationMicros.mean();
            mean.add(new BreakEven.Point(x, s.value()));
            intervals &= s.hasInterval();
            if (s.hasInterval()) {
                upper.add(new BreakEven.Point(x, s.ciHigh()));
                lower.add(new BreakEven.Point(x, s.ciLow()));
            }
        }
        BreakEven.Crossing c = BreakEven.crossing(mean, threshold);
        Double low = null;
        Double high = null;
        if (intervals && c.bound() == BreakEven.Bound.INTERPOLATED) {
            // the optimistic curve crosses first, the pessimistic one last
            BreakEven.Crossing early = BreakEven.crossing(upper, threshold);
            BreakEven.Crossing late = BreakEven.crossing(lower, threshold);
            if (early.bound() == BreakEven.Bound.INTERPOLATED && late.bound() == BreakEven.Bound.INTERPOLATED) {
                low = Math.min(early.durationMicros(), c.durationMicros());
                high = Math.max(late.durationMicros(), c.durationMicros());
            }
        }
        Map<String, String> params = new LinkedHashMap<>(base);
        params.put("bound", c.bound().id());
        ctx.sink().add(new SummaryRecord(name(), model, SumLoopWorkload.ID, params, metric.id(), c.durationMicros(),
                metric.unit(), low, high, n));
    }

    private static void writeSweep(SuiteContext ctx, GranularitySettings g, double nanosPerIteration,
                                   List<Point> points) throws java.io.IOException {
        if (ctx.folder() == null) {
            return;
        }
        Map<String, Object> sweep = new LinkedHashMap<>();
        sweep.put("nanosPerIteration", nanosPerIteration);
        sweep.put("settings", g.describe());
        List<Map<String, Object>> rows = new ArrayList<>();
        for (Point p : points) {
            rows.add(Map.of("iterations", p.iterations, "targetMicros", p.targetMicros,
                    "inlineMicros", p.durationMicros.mean()));
        }
        sweep.put("points", rows);
        ctx.writeJson("granularity/sweep.json", sweep);
    }

    private static String micros(double v) {
        return v >= 100 ? String.format(Locale.ROOT, "%.0f", v) : String.format(Locale.ROOT, "%.3g", v);
    }
}
