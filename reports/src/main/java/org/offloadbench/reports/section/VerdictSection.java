package org.offloadbench.reports.section;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.offloadbench.core.result.Metric;
import org.offloadbench.core.result.SuiteNames;
import org.offloadbench.core.result.SummaryRecord;
import org.offloadbench.core.workload.WorkloadClass;
import org.offloadbench.reports.html.Cell;
import org.offloadbench.reports.html.Fmt;
import org.offloadbench.reports.html.Table;
import org.offloadbench.reports.stats.Significance;
import org.offloadbench.reports.stats.Verdict;
import org.offloadbench.reports.stats.Winner;

/**
 * The verdict table: per workload class (and workload within it), which model wins and by how much.
 * Compute classes are judged on saturated throughput at the largest worker count that every compared
 * model measured (so no model wins by having been given more workers); TRANSPORT on the no-op round trip.
 */
public final class VerdictSection {
    public static final String RULE = "Compute classes compare the scaling suite's throughput at the largest "
            + "worker count measured by every compared model; TRANSPORT compares the overhead suite's mean round "
            + "trip (echo, which only the copy suite moves: its time per op at the smallest payload every model "
            + "measured). Each row tests winner against runner-up, two-sided at alpha " + Significance.ALPHA + ": on the "
            + "kept per-iteration samples with the Mann-Whitney U test (exact p-value for small samples, as "
            + "benchstat), the factor being the ratio of medians with its 95 % Hodges-Lehmann interval; where a "
            + "figure kept no samples, Welch's t on its mean, interval and n, the factor being the ratio of means "
            + "with a 95 % delta-method interval. \"No significant difference\" means the test ran and p >= alpha; "
            + "\"too few samples\" means no data of that size could reach alpha (Mann-Whitney needs at least 4 "
            + "samples a side, or 3 and 5, or 2 and 8); \"not judged\" means there was nothing to test. The same "
            + "verdicts are written to verdicts.json beside summary.json.";

    private VerdictSection() {
    }

    /**
     * One row of the verdict, kept apart from its formatting so tests can check the decision itself.
     *
     * @param metric the metric compared (a {@link Metric} id)
     */
    public record Row(String workloadClass, String workload, String basis, String metric, Winner winner,
                      String missing) {
    }

    public static List<Row> rows(Context ctx) {
        Map<String, String> classes = ctx.data().workloadClasses();
        List<Row> rows = new ArrayList<>();
        for (WorkloadClass wc : WorkloadClass.values()) {
            if (wc == WorkloadClass.FAULT) {
                continue;
            }
            List<String> workloads = classes.entrySet().stream().filter(e -> e.getValue().equals(wc.name()))
                    .map(Map.Entry::getKey).toList();
            for (String workload : workloads) {
                rows.add(wc == WorkloadClass.TRANSPORT ? transport(ctx, workload) : compute(ctx, wc, workload));
            }
        }
        return rows;
    }

    private static Row transport(Context ctx, String workload) {
        String basis = "overhead: mean round trip (ns)";
        List<SummaryRecord> figures = ctx.data().select(SuiteNames.OVERHEAD,
                r -> r.workload().equals(workload) && r.metric().equals(Metric.ROUND_TRIP_NS.id()));
        if (figures.isEmpty()) {
            return copy(ctx, workload);
        }
        return new Row(WorkloadClass.TRANSPORT.name(), workload, basis, Metric.ROUND_TRIP_NS.id(),
                Winner.pick(onePerModel(figures), Metric.ROUND_TRIP_NS.higherIsBetter()), null);
    }

    /**
     * A transport workload the overhead suite did not measure (echo, which the copy suite moves): the copy suite's
     * time per operation at the smallest payload every compared model measured.
     */
    private static Row copy(Context ctx, String workload) {
        String basis = "copy: time per op (ns)";
        List<SummaryRecord> figures = ctx.data().select(SuiteNames.COPY, r -> r.workload().equals(workload)
                && r.metric().equals(Metric.TIME_PER_OP_NS.id()) && r.param("payloadBytes") != null);
        if (figures.isEmpty()) {
            return new Row(WorkloadClass.TRANSPORT.name(), workload, "overhead: mean round trip (ns)",
                    Metric.ROUND_TRIP_NS.id(), null, "not measured in this run");
        }
        Set<Long> common = null;
        for (String model : ctx.modelsIn(figures)) {
            Set<Long> sizes = new HashSet<>();
            figures.stream().filter(r -> r.model().equals(model)).forEach(r -> sizes.add(Context.paramLong(r, "payloadBytes")));
            if (common == null) {
                common = sizes;
            } else {
                common.retainAll(sizes);
            }
        }
        if (common == null || common.isEmpty()) {
            return new Row(WorkloadClass.TRANSPORT.name(), workload, basis, Metric.TIME_PER_OP_NS.id(), null,
                    "no payload size was measured by every model");
        }
        long bytes = new TreeSet<>(common).first();
        List<SummaryRecord> atSize = figures.stream().filter(r -> Context.paramLong(r, "payloadBytes") == bytes).toList();
        return new Row(WorkloadClass.TRANSPORT.name(), workload, "copy: time per op at " + bytes + " B (ns)",
                Metric.TIME_PER_OP_NS.id(), Winner.pick(onePerModel(atSize), Metric.TIME_PER_OP_NS.higherIsBetter()),
                null);
    }

    private static Row compute(Context ctx, WorkloadClass wc, String workload) {
        List<SummaryRecord> figures = ctx.data().select(SuiteNames.SCALING,
                r -> r.workload().equals(workload) && r.metric().equals(Metric.THROUGHPUT.id()) && r.param("workers") != null);
        if (figures.isEmpty()) {
            return new Row(wc.name(), workload, "scaling: throughput (ops/s)", Metric.THROUGHPUT.id(), null,
                    "not measured in this run");
        }
        Set<Long> common = null;
        for (String model : ctx.modelsIn(figures)) {
            Set<Long> counts = new HashSet<>();
            figures.stream().filter(r -> r.model().equals(model)).forEach(r -> counts.add(Context.paramLong(r, "workers")));
            if (common == null) {
                common = counts;
            } else {
                common.retainAll(counts);
            }
        }
        if (common == null || common.isEmpty()) {
            return new Row(wc.name(), workload, "scaling: throughput (ops/s)", Metric.THROUGHPUT.id(), null,
                    "no worker count was measured by every model");
        }
        long workers = new TreeSet<>(common).last();
        List<SummaryRecord> atN = figures.stream().filter(r -> Context.paramLong(r, "workers") == workers).toList();
        return new Row(wc.name(), workload, "scaling: throughput at " + workers + (workers == 1 ? " worker" : " workers"),
                Metric.THROUGHPUT.id(), Winner.pick(onePerModel(atN), Metric.THROUGHPUT.higherIsBetter()), null);
    }

    private static List<SummaryRecord> onePerModel(List<SummaryRecord> figures) {
        Set<String> seen = new HashSet<>();
        return figures.stream().filter(r -> seen.add(r.model())).toList();
    }

    public static Table table(Context ctx) {
        return table(rows(ctx));
    }

    public static Table table(List<Row> rows) {
        Table table = new Table("Verdict per workload class", Arrays.asList("class", "workload", "compared on",
                "winner", "runner-up", "by how much", "p-value", "test", "verdict"));
        for (Row row : rows) {
            List<Cell> cells = new ArrayList<>(List.of(Cell.text(row.workloadClass()), Cell.text(row.workload()),
                    Cell.text(row.basis())));
            Winner w = row.winner();
            String cls = null;
            if (w == null) {
                cells.add(new Cell("–", null, "muted"));
                cells.add(new Cell("–", null, "muted"));
                cells.addAll(List.of(Cell.num("–"), Cell.num("–"), Cell.text("–")));
                cells.add(new Cell(row.missing(), null, "muted"));
            } else if (w.runnerUp() == null) {
                cells.add(Cell.text(w.winner().model()));
                cells.add(new Cell("–", null, "muted"));
                cells.add(Cell.num("–", Fmt.withUnit(w.winner().value(), w.winner().unit()) + " · " + Fmt.interval(w.winner())));
                cells.addAll(List.of(Cell.num("–"), Cell.text("–")));
                cells.add(new Cell("only one model measured", null, "muted"));
            } else {
                Significance.Comparison c = w.comparison();
                cells.add(Cell.text(w.winner().model()));
                cells.add(Cell.text(w.runnerUp().model()));
                String interval = w.factorLow() != null && w.factorHigh() != null
                        ? Math.round((1 - c.alpha()) * 100) + " % CI " + Fmt.factor(w.factorLow()) + " – "
                        + Fmt.factor(w.factorHigh())
                        : "no interval";
                cells.add(Cell.num(w.factor() == null ? "–" : Fmt.factor(w.factor()),
                        interval + " · n=" + c.nCandidate() + "/" + c.nBaseline()));
                cells.add(Cell.num(c.pValue() == null ? "–" : pValue(c.pValue())));
                cells.add(new Cell(c.test() == null ? "none" : c.test(), "α = " + Fmt.num(c.alpha())
                        + (c.effect() == null ? "" : " · " + c.effect()), null));
                cells.add(verdictCell(c));
                cls = w.verdict() == Verdict.BETTER ? "win" : null;
            }
            table.add(cells, cls);
        }
        return table;
    }

    /** Three significant digits, or "< 0.0001" where the digits would only suggest a precision nobody has. */
    static String pValue(double p) {
        return p < 0.0001 ? "< 0.0001" : Fmt.num(p);
    }

    private static Cell verdictCell(Significance.Comparison c) {
        return switch (c.verdict()) {
            case BETTER, WORSE -> new Cell("significant", c.reason(), "ok");
            case NO_SIGNIFICANT_DIFFERENCE -> new Cell("no significant difference", c.reason(), "muted");
            case TOO_FEW_SAMPLES -> new Cell("too few samples", c.reason(), "muted");
            case NOT_JUDGED -> new Cell("not judged", c.reason(), "muted");
        };
    }
}
