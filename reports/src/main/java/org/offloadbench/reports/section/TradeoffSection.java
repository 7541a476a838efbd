package org.offloadbench.reports.section;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.offloadbench.core.offload.ModelTraits;
import org.offloadbench.core.result.Metric;
import org.offloadbench.core.result.ModelInfo;
import org.offloadbench.core.result.SuiteNames;
import org.offloadbench.core.result.SummaryRecord;
import org.offloadbench.reports.html.Cell;
import org.offloadbench.reports.html.Fmt;
import org.offloadbench.reports.html.Table;

/**
 * The trade-off matrix: what each model says about itself (ModelTraits) and the options it ran with, beside
 * what the run measured.
 * The measured columns use the smallest worker count measured, the cost of getting started at all.
 */
public final class TradeoffSection {
    private TradeoffSection() {
    }

    public static Table table(Context ctx) {
        Table table = new Table("Trade-offs per model", List.of("model", "options", "isolation", "blast radius",
                "zero-copy", "operational parts", "Node.js analog", "first result (ms)", "memory/worker (MiB)",
                "round trip (ns)", "survives a halt"));
        List<ModelInfo> models = ctx.data().run().models() == null ? List.of() : ctx.data().run().models();
        for (ModelInfo m : models) {
            ModelTraits t = m.traits();
            List<Cell> cells = new ArrayList<>();
            cells.add(m.available() ? new Cell(m.name(), m.description(), "model")
                    : new Cell(m.name(), "unavailable: " + (m.reason() == null || m.reason().isBlank()
                    ? "no reason given" : m.reason()), "model unavailable"));
            cells.add(options(ctx.optionsOf(m.name())));
            cells.add(Cell.text(t == null ? "–" : t.isolation()));
            cells.add(Cell.text(t == null ? "–" : t.blastRadius()));
            cells.add(Cell.text(t == null ? "–" : t.zeroCopy() ? "yes" : "no"));
            cells.add(Cell.text(t == null ? "–" : t.operationalParts()));
            cells.add(Cell.text(t == null ? "–" : t.nodeAnalog()));
            cells.add(smallestWorkers(ctx, m.name(), Metric.STARTUP_TO_FIRST_RESULT));
            cells.add(smallestWorkers(ctx, m.name(), Metric.MEMORY_PER_WORKER));
            cells.add(ctx.data().select(SuiteNames.OVERHEAD, r -> r.model().equals(m.name())
                    && r.metric().equals(Metric.ROUND_TRIP_NS.id())).stream().findFirst()
                    .map(Fmt::figure).orElse(Cell.num("–")));
            cells.add(ctx.data().select(SuiteNames.RESILIENCE, r -> r.model().equals(m.name())
                            && r.metric().equals(Metric.SURVIVED.id()) && r.workload().equals("fault-halt"))
                    .stream().findFirst()
                    .map(r -> r.value() >= 1 ? new Cell("yes", null, "ok") : new Cell("no", null, "bad"))
                    .orElse(Cell.text("–")));
            table.add(cells, m.available() ? null : "unavailable");
        }
        return table;
    }

    /** The options the row was measured with, defaults included; "–" when the run recorded none. */
    static Cell options(Map<String, String> options) {
        if (options.isEmpty()) {
            return Cell.text("–");
        }
        return Cell.text(options.entrySet().stream().map(e -> e.getKey() + "=" + (e.getValue().isEmpty() ? "''"
                : e.getValue())).collect(Collectors.joining(", ")));
    }

    private static Cell smallestWorkers(Context ctx, String model, Metric metric) {
        Optional<SummaryRecord> r = ctx.data().select(SuiteNames.STARTUP, x -> x.model().equals(model)
                        && x.metric().equals(metric.id())).stream()
                .min(Comparator.comparingLong(x -> x.param("workers") == null ? 0 : Context.paramLong(x, "workers")));
        return r.map(x -> Cell.num(Fmt.num(x.value()), Fmt.interval(x))).orElse(Cell.num("–"));
    }
}
