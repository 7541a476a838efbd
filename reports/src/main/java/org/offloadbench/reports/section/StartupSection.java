package org.offloadbench.reports.section;

import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import org.offloadbench.core.result.Metric;
import org.offloadbench.core.result.SummaryRecord;
import org.offloadbench.reports.chart.BarChart;
import org.offloadbench.reports.chart.ChartImage;
import org.offloadbench.reports.html.Block;
import org.offloadbench.reports.html.Cell;
import org.offloadbench.reports.html.Figure;
import org.offloadbench.reports.html.Fmt;
import org.offloadbench.reports.html.SectionView;
import org.offloadbench.reports.html.Table;

/** How long until the first result, and what each worker costs in memory. */
public final class StartupSection implements SuiteSection {
    @Override
    public String suite() {
        return "startup";
    }

    @Override
    public SectionView build(Context ctx) throws IOException {
        List<Block> blocks = new ArrayList<>();
        List<SummaryRecord> records = ctx.data().select(suite(), r -> true);
        if (!records.isEmpty()) {
            Table table = new Table("Startup and memory per worker", List.of("model", "workers",
                    "to ready (ms)", "to first result (ms)", "memory per worker (MiB)"));
            Map<String, Map<String, Double>> bars = new LinkedHashMap<>();
            for (String model : ctx.modelsIn(records)) {
                TreeSet<Long> workers = new TreeSet<>();
                records.stream().filter(r -> r.model().equals(model) && r.param("workers") != null)
                        .forEach(r -> workers.add(Context.paramLong(r, "workers")));
                for (long n : workers) {
                    Map<String, String> p = Map.of("workers", Long.toString(n));
                    String workload = records.stream().filter(r -> r.model().equals(model)).findFirst()
                            .map(SummaryRecord::workload).orElse("noop");
                    Optional<SummaryRecord> ready = Context.find(records, model, workload, Metric.STARTUP_TO_READY.id(), p);
                    Optional<SummaryRecord> first = Context.find(records, model, workload,
                            Metric.STARTUP_TO_FIRST_RESULT.id(), p);
                    Optional<SummaryRecord> memory = Context.find(records, model, workload, Metric.MEMORY_PER_WORKER.id(), p);
                    table.add(List.of(Cell.text(ctx.label(model)), Cell.num(Long.toString(n)),
                            ready.map(Fmt::figure).orElse(Cell.num("–")), first.map(Fmt::figure).orElse(Cell.num("–")),
                            memory.map(Fmt::figure).orElse(Cell.num("–"))));
                    first.ifPresent(r -> bars.computeIfAbsent(n + (n == 1 ? " worker" : " workers"),
                            k -> new LinkedHashMap<>()).put(model, r.value()));
                }
            }
            String csv = Context.recordsCsv(records).write(ctx.reportDir(), "startup");
            Figure figure = null;
            if (!bars.isEmpty()) {
                ChartImage chart = BarChart.write(ctx.reportDir(), "startup", "startup to first result (ms, log scale)",
                        true, bars, List.of());
                figure = Figure.of(chart, "Startup to first result per model", csv);
            }
            blocks.add(new Block("Cold start to first result", figure, table,
                    "Memory per worker: RSS delta from /proc for in-process models, the child's RSS for process "
                            + "models.", figure == null ? csv : null));
        }
        return new SectionView(suite(), "Startup", "How long until the first result, and what does each worker "
                + "cost in memory?", ctx.statusLine(suite()), blocks);
    }
}
