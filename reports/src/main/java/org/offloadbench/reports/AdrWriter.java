package org.offloadbench.reports;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Predicate;

import org.offloadbench.core.offload.ModelTraits;
import org.offloadbench.core.result.EnvironmentInfo;
import org.offloadbench.core.result.Metric;
import org.offloadbench.core.result.ModelInfo;
import org.offloadbench.core.result.RunRecord;
import org.offloadbench.core.result.SuiteNames;
import org.offloadbench.core.result.SummaryRecord;
import org.offloadbench.reports.read.RunData;
import org.offloadbench.reports.section.Granularity;

/**
 * {@code report/adr.md}: a draft architecture decision record in the MADR layout (context, drivers, options,
 * pros and cons, decision outcome) built from one run, to paste into a review. Every pro and con is a figure of
 * this run with its interval and n, linked to the report section it comes from; the decision itself is left to
 * the team, with the run's recommendation per workload class beside it (from verdicts.json, with its test).
 *
 * <p>How a figure becomes a pro or a con: for each driver the best value among the models is found; the best
 * model gets "Good, because", a model at 2x or more of the best (or a fault it did not survive) gets "Bad,
 * because", anything between is "Neutral". That is a reading aid, not a test: the verdict table is the test.
 */
public final class AdrWriter {
    public static final String FILE = "adr.md";
    /** A figure this many times worse than the best counts as a con. */
    static final double CON_FACTOR = 2.0;

    private final RunData data;
    private final List<VerdictsFile.Entry> verdicts;

    AdrWriter(RunData data, List<VerdictsFile.Entry> verdicts) {
        this.data = data;
        this.verdicts = verdicts;
    }

    /** Writes {@code <resultsDir>/report/adr.md} from the run and its verdicts.json; returns its path. */
    public static Path write(Path resultsDir) throws IOException {
        RunData data = RunData.read(resultsDir);
        List<VerdictsFile.Entry> verdicts = Files.isRegularFile(resultsDir.resolve(VerdictsFile.FILE))
                ? VerdictsFile.read(resultsDir).verdicts() : List.of();
        return new AdrWriter(data, verdicts).writeTo(resultsDir.resolve(ReportRenderer.REPORT_DIR));
    }

    Path writeTo(Path reportDir) throws IOException {
        Files.createDirectories(reportDir);
        Path file = reportDir.resolve(FILE);
        Files.writeString(file, render(), StandardCharsets.UTF_8);
        return file;
    }

    /** One driver: a figure every model may have, and where the report shows it. */
    private record Driver(String what, String section, Metric metric, String suite, Predicate<SummaryRecord> which) {
    }

    private List<Driver> drivers() {
        int cores = data.run().environment() == null ? 1 : Math.max(1, data.run().environment().cores());
        String cpuWorkload = data.select(SuiteNames.SCALING, Metric.THROUGHPUT.id()).stream().map(SummaryRecord::workload)
                .findFirst().orElse("sha256");
        return List.of(
                new Driver("hand-off cost (noop round trip, p50)", "overhead", Metric.ROUND_TRIP_P50_NS,
                        SuiteNames.OVERHEAD, r -> r.workload().equals("noop")),
                new Driver("saturated throughput of " + cpuWorkload + " at " + cores + " workers", "scaling",
                        Metric.THROUGHPUT, SuiteNames.SCALING, r -> r.workload().equals(cpuWorkload)
                        && String.valueOf(cores).equals(r.param("workers"))),
                new Driver("offload tax in CPU per " + cpuWorkload + " task", "cpu", Metric.CPU_OFFLOAD_TAX,
                        SuiteNames.SCALING, r -> r.workload().equals(cpuWorkload)
                        && String.valueOf(cores).equals(r.param("workers"))),
                new Driver("caller responsiveness under load (hiccup p99)", "responsiveness", Metric.HICCUP_P99,
                        SuiteNames.RESPONSIVENESS, r -> true),
                new Driver("time to the first result", "startup", Metric.STARTUP_TO_FIRST_RESULT,
                        SuiteNames.STARTUP, r -> true),
                new Driver("memory per worker", "startup", Metric.MEMORY_PER_WORKER, SuiteNames.STARTUP, r -> true));
    }

    String render() {
        RunRecord run = data.run();
        List<ModelInfo> models = run.models() == null ? List.of()
                : run.models().stream().filter(ModelInfo::available).toList();
        StringBuilder md = new StringBuilder();
        md.append("# Where our CPU-heavy work runs: threads, child processes, a cluster or shared memory\n\n");
        md.append("* Status: proposed (a draft written by offload-bench from run `").append(run.runId()).append("`)\n");
        md.append("* Date: ").append(run.startedAt() == null ? "-" : run.startedAt().substring(0, Math.min(10,
                run.startedAt().length()))).append('\n');
        EnvironmentInfo env = run.environment();
        if (env != null) {
            md.append("* Measured on: ").append(env.cpuModel()).append(", ").append(env.cores()).append(" cores, JDK ")
                    .append(env.jdkVersion()).append(", profile `").append(run.profile()).append("`")
                    .append(run.complete() ? "" : " (run incomplete: see the report)").append('\n');
        }
        md.append("\n## Context and Problem Statement\n\n");
        md.append("Our service has CPU-heavy work (hashing, compression, parsing, image or inference work) that must "
                + "not block a latency-sensitive thread. Which way of offloading it should we use, and what does each "
                + "cost us in latency, throughput, CPU, memory, start-up and failure behaviour? The figures below "
                + "were measured on the machine above with the same workloads under every model; they hold for "
                + "that machine (see the report's [environment](index.html#environment) and "
                + "[CPU cost](index.html#cpu) sections to project to a bigger one).\n");
        md.append("\n## Decision Drivers\n\n");
        for (Driver d : drivers()) {
            md.append("* ").append(d.what()).append(" ([").append(d.section()).append("](index.html#")
                    .append(d.section()).append("))\n");
        }
        md.append("* isolation and the blast radius of a crashing task ([trade-offs](index.html#tradeoffs))\n");
        md.append("* what has to run and be operated besides our process\n");
        md.append("\n## Considered Options\n\n");
        for (ModelInfo m : models) {
            md.append("* `").append(m.name()).append("`: ").append(m.description()).append('\n');
        }
        md.append("\n## Decision Outcome\n\n");
        md.append("Chosen option: *to be decided by the team*, because *...*.\n\n");
        md.append("What this run recommends, per workload class (the report's verdict table; \"best\" is by the "
                + "figure named, and a difference counts only where its test says so):\n\n");
        md.append("| workload class | recommended | runner-up | by | test | verdict |\n|---|---|---|---|---|---|\n");
        if (verdicts.isEmpty()) {
            md.append("| - | no verdicts.json in this run | | | | |\n");
        }
        for (VerdictsFile.Entry v : verdicts) {
            md.append("| ").append(v.workloadClass()).append(" | ").append(code(v.winner())).append(" | ")
                    .append(code(v.runnerUp())).append(" | ").append(factor(v)).append(" | ")
                    .append(v.test() == null ? "-" : v.test() + (v.pValue() == null ? "" : ", p = " + fmt(v.pValue())))
                    .append(" | ").append(v.verdict().toLowerCase(Locale.ROOT).replace('_', ' '))
                    .append(v.reason() == null || v.reason().isBlank() ? "" : ": " + v.reason()).append(" |\n");
        }
        breakEven(md);
        md.append("\n## Pros and Cons of the Options\n");
        for (ModelInfo m : models) {
            md.append("\n### `").append(m.name()).append("`\n\n");
            ModelTraits t = m.traits();
            if (t != null) {
                md.append("* Isolation: ").append(t.isolation()).append("; a crash: ").append(t.blastRadius())
                        .append('\n');
                md.append("* Operates: ").append(t.operationalParts()).append("; zero-copy hand-off: ")
                        .append(t.zeroCopy() ? "yes" : "no").append("; Node.js analog: ").append(t.nodeAnalog())
                        .append('\n');
            }
            for (Driver d : drivers()) {
                judge(d, m.name()).ifPresent(line -> md.append("* ").append(line).append('\n'));
            }
            survivedHalt(m.name()).ifPresent(line -> md.append("* ").append(line).append('\n'));
        }
        md.append("\n## Links\n\n* The full report: [index.html](index.html); the figures: `summary.json`, the "
                + "verdicts: `verdicts.json`, the run: `run.json` (beside the report folder)\n");
        return md.toString();
    }

    /**
     * The break-even part: per model, from which task duration offloading beats inline and from which it pays in
     * full (90 % of its best speedup), from the granularity suite, with the verdict's sentence.
     */
    private void breakEven(StringBuilder md) {
        List<Granularity.Curve> curves = Granularity.curves(data).stream().filter(c -> !c.points().isEmpty()).toList();
        md.append("\n**Break-even task size** (below it, keep the work on the caller; [granularity](index.html#"
                + "granularity)): ");
        if (curves.isEmpty()) {
            md.append("not measured in this run (the granularity suite, `--suites granularity`, sweeps the seed's "
                    + "sum-loop from about 1 us to about 10 ms per task against running it inline).\n");
            return;
        }
        md.append(Granularity.soWhat(data).orElse("")).append("\n\n");
        md.append("| model | beats inline from | 90 % of its best from | best speedup over inline |\n|---|---|---|---|\n");
        for (Granularity.Curve c : curves) {
            Granularity.Point best = c.best().orElseThrow();
            md.append("| ").append(code(c.model())).append(" | ").append(Granularity.Curve.describe(c.breakEven()))
                    .append(" | ").append(Granularity.Curve.describe(c.nearBest())).append(" | ")
                    .append(fmt(best.speedup().value())).append("x at ").append(fmt(best.durationMicros()))
                    .append(" us").append(best.speedup().hasInterval() ? " [" + fmt(best.speedup().ciLow()) + ", "
                            + fmt(best.speedup().ciHigh()) + "]" : "").append(" (n=").append(best.speedup().n())
                    .append(") |\n");
        }
    }

    /** "Good, because ..." / "Bad, because ..." / "Neutral, because ..." for one driver, if measured. */
    Optional<String> judge(Driver d, String model) {
        List<SummaryRecord> all = data.select(d.suite(), r -> r.metric().equals(d.metric().id()) && d.which().test(r));
        Optional<SummaryRecord> mine = all.stream().filter(r -> r.model().equals(model)).findFirst();
        if (mine.isEmpty()) {
            return Optional.empty();
        }
        Comparator<SummaryRecord> better = Comparator.comparingDouble(SummaryRecord::value);
        SummaryRecord best = d.metric().higherIsBetter() ? all.stream().max(better).orElseThrow()
                : all.stream().min(better).orElseThrow();
        SummaryRecord r = mine.get();
        String figure = d.what() + " " + figure(r) + " ([" + d.section() + "](index.html#" + d.section() + "))";
        if (best.model().equals(model) && all.size() > 1) {
            return Optional.of("Good, because its " + figure + " is the best measured");
        }
        double times = timesWorse(r.value(), best.value(), d.metric().higherIsBetter());
        String against = " against `" + best.model() + "`'s " + fmt(best.value()) + " " + best.unit();
        if (times >= CON_FACTOR) {
            return Optional.of("Bad, because its " + figure + " is " + fmt(times) + "x worse" + against);
        }
        return Optional.of("Neutral, because its " + figure + (all.size() > 1 ? " is within " + fmt(CON_FACTOR)
                + "x of the best" + against : ""));
    }

    private Optional<String> survivedHalt(String model) {
        return data.select(SuiteNames.RESILIENCE, r -> r.model().equals(model) && r.metric().equals(Metric.SURVIVED.id())
                && r.workload().equals("fault-halt")).stream().findFirst()
                .map(r -> r.value() >= 1
                        ? "Good, because the caller survived a task that halts its JVM ([resilience](index.html#resilience))"
                        : "Bad, because a task that halts its JVM took the caller down ([resilience](index.html#resilience))");
    }

    static double timesWorse(double value, double best, boolean higherIsBetter) {
        if (higherIsBetter) {
            return value <= 0 ? Double.POSITIVE_INFINITY : best / value;
        }
        return best <= 0 ? (value <= 0 ? 1 : Double.POSITIVE_INFINITY) : value / best;
    }

    static String figure(SummaryRecord r) {
        StringBuilder s = new StringBuilder(fmt(r.value())).append(' ').append(r.unit());
        if (r.hasInterval()) {
            s.append(" [").append(fmt(r.ciLow())).append(", ").append(fmt(r.ciHigh())).append(']');
        }
        return s.append(" (n=").append(r.n()).append(')').toString();
    }

    private static String factor(VerdictsFile.Entry v) {
        if (v.factor() == null) {
            return "-";
        }
        String s = fmt(v.factor()) + "x";
        if (v.factorLow() != null && v.factorHigh() != null) {
            s += " [" + fmt(v.factorLow()) + ", " + fmt(v.factorHigh()) + "]";
        }
        return s;
    }

    private static String code(String model) {
        return model == null ? "-" : "`" + model + "`";
    }

    /** Three significant figures, no exponent for everyday magnitudes. */
    static String fmt(double v) {
        if (Double.isInfinite(v)) {
            return "inf";
        }
        double a = Math.abs(v);
        if (a >= 1000 || a == 0) {
            return String.format(Locale.ROOT, "%,.0f", v);
        }
        return new java.math.BigDecimal(v).round(new java.math.MathContext(3)).stripTrailingZeros().toPlainString();
    }

    static List<String> lines(String md) {
        return new ArrayList<>(md.lines().toList());
    }
}
