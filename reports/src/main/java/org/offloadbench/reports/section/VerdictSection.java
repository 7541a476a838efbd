package org.offloadbench.reports.section;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.offloadbench.core.result.Metric;
import org.offloadbench.core.result.SummaryRecord;
import org.offloadbench.core.workload.WorkloadClass;
import org.offloadbench.reports.html.Cell;
import org.offloadbench.reports.html.Fmt;
import org.offloadbench.reports.html.Table;
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
            + "trip. The factor is winner over runner-up with its interval formed from both 99.9 % confidence "
            + "intervals; where the two intervals overlap the table says \"no significant difference\".";

    private VerdictSection() {
    }

    /** One row of the verdict, kept apart from its formatting so tests can check the decision itself. */
    public record Row(String workloadClass, String workload, String basis, Winner winner, String missing) {
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
        List<SummaryRecord> figures = ctx.data().select("overhead",
                r -> r.workload().equals(workload) && r.metric().equals(Metric.ROUND_TRIP_NS.id()));
        if (figures.isEmpty()) {
            return new Row(WorkloadClass.TRANSPORT.name(), workload, basis, null, "not measured in this run");
        }
        return new Row(WorkloadClass.TRANSPORT.name(), workload, basis,
                Winner.pick(onePerModel(figures), Metric.ROUND_TRIP_NS.higherIsBetter()), null);
    }

    private static Row compute(Context ctx, WorkloadClass wc, String workload) {
        List<SummaryRecord> figures = ctx.data().select("scaling",
                r -> r.workload().equals(workload) && r.metric().equals(Metric.THROUGHPUT.id()) && r.param("workers") != null);
        if (figures.isEmpty()) {
            return new Row(wc.name(), workload, "scaling: throughput (ops/s)", null, "not measured in this run");
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
            return new Row(wc.name(), workload, "scaling: throughput (ops/s)", null,
                    "no worker count was measured by every model");
        }
        long workers = new TreeSet<>(common).last();
        List<SummaryRecord> atN = figures.stream().filter(r -> Context.paramLong(r, "workers") == workers).toList();
        return new Row(wc.name(), workload, "scaling: throughput at " + workers + (workers == 1 ? " worker" : " workers"),
                Winner.pick(onePerModel(atN), Metric.THROUGHPUT.higherIsBetter()), null);
    }

    private static List<SummaryRecord> onePerModel(List<SummaryRecord> figures) {
        Set<String> seen = new HashSet<>();
        return figures.stream().filter(r -> seen.add(r.model())).toList();
    }

    public static Table table(Context ctx) {
        Table table = new Table("Verdict per workload class", Arrays.asList("class", "workload", "compared on",
                "winner", "by how much", "verdict"));
        for (Row row : rows(ctx)) {
            List<Cell> cells = new ArrayList<>(List.of(Cell.text(row.workloadClass()), Cell.text(row.workload()),
                    Cell.text(row.basis())));
            Winner w = row.winner();
            String cls = null;
            if (w == null) {
                cells.add(new Cell("–", null, "muted"));
                cells.add(Cell.num("–"));
                cells.add(new Cell(row.missing(), null, "muted"));
            } else if (w.runnerUp() == null) {
                cells.add(Cell.text(w.winner().model()));
                cells.add(Cell.num("–", Fmt.withUnit(w.winner().value(), w.winner().unit()) + " · " + Fmt.interval(w.winner())));
                cells.add(new Cell("only one model measured", null, "muted"));
            } else {
                cells.add(new Cell(w.winner().model(), "runner-up: " + w.runnerUp().model(), null));
                String interval = w.factorLow() != null && w.factorHigh() != null
                        ? "CI " + Fmt.factor(w.factorLow()) + " – " + Fmt.factor(w.factorHigh())
                        : "no CI";
                cells.add(Cell.num(w.factor() == null ? "–" : Fmt.factor(w.factor()),
                        interval + " · n=" + w.winner().n() + "/" + w.runnerUp().n()));
                cells.add(verdictCell(w));
                cls = w.verdict() == Verdict.BETTER ? "win" : null;
            }
            table.add(cells, cls);
        }
        return table;
    }

    private static Cell verdictCell(Winner w) {
        return switch (w.verdict()) {
            case BETTER, WORSE -> new Cell("significant", "the intervals do not overlap", "ok");
            case NO_SIGNIFICANT_DIFFERENCE -> new Cell("no significant difference", "the intervals overlap", "muted");
            case NO_INTERVAL -> new Cell("cannot tell", "no interval to judge by"
                    + (Math.min(w.winner().n(), w.runnerUp().n()) < 3 ? " (n < 3)" : ""), "muted");
        };
    }
}
