package org.offloadbench.reports.section;

import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.offloadbench.core.result.Metric;
import org.offloadbench.core.result.SummaryRecord;
import org.offloadbench.reports.chart.BarChart;
import org.offloadbench.reports.chart.ChartImage;
import org.offloadbench.reports.chart.Marker;
import org.offloadbench.reports.html.Block;
import org.offloadbench.reports.html.Cell;
import org.offloadbench.reports.html.Figure;
import org.offloadbench.reports.html.Fmt;
import org.offloadbench.reports.html.SectionView;
import org.offloadbench.reports.html.Table;

/** What one hand-off costs: round trip of a tiny task per model, next to the machine's native floors. */
public final class OverheadSection implements SuiteSection {
    private static final List<Metric> METRICS = List.of(Metric.ROUND_TRIP_NS, Metric.ROUND_TRIP_P50_NS,
            Metric.ROUND_TRIP_P99_NS);

    @Override
    public String suite() {
        return "overhead";
    }

    @Override
    public SectionView build(Context ctx) throws IOException {
        List<SummaryRecord> records = ctx.data().select(suite(), r -> METRICS.stream().anyMatch(m -> m.id().equals(r.metric())));
        List<Block> blocks = new ArrayList<>();
        if (!records.isEmpty()) {
            List<String> workloads = Context.workloads(records);
            Map<String, Map<String, Double>> bars = new LinkedHashMap<>();
            Table table = new Table("Round trip per model (ns)", List.of("model", "workload", "mean",
                    "p50", "p99"));
            for (Metric m : METRICS) {
                bars.put(label(m), new LinkedHashMap<>());
            }
            for (String model : ctx.modelsIn(records)) {
                for (String workload : workloads) {
                    String category = workloads.size() == 1 ? model : model + " · " + workload;
                    List<Cell> row = new ArrayList<>(List.of(Cell.text(model), Cell.text(workload)));
                    boolean any = false;
                    for (Metric m : METRICS) {
                        Optional<SummaryRecord> r = Context.find(records, model, workload, m.id(), Map.of());
                        r.ifPresent(rec -> bars.get(label(m)).put(category, rec.value()));
                        row.add(r.map(Fmt::figure).orElse(Cell.num("–")));
                        any |= r.isPresent();
                    }
                    if (any) {
                        table.add(row);
                    }
                }
            }
            bars.values().removeIf(Map::isEmpty);
            List<Marker> floors = Floors.roundTrips(ctx);
            ChartImage chart = BarChart.write(ctx.reportDir(), "overhead-round-trip", "round trip (ns, log scale)",
                    true, bars, floors);
            List<SummaryRecord> csvRecords = new ArrayList<>(records);
            csvRecords.addAll(ctx.data().select(Floors.SUITE, Metric.FLOOR_ROUND_TRIP_NS.id()));
            String csv = Context.recordsCsv(csvRecords).write(ctx.reportDir(), "overhead-round-trip");
            String note = floors.isEmpty()
                    ? "No native floor: the calibration suite did not record one in this run."
                    : "Dashed grey lines: the machine's floor for the same round trip in C (calibration suite), "
                    + floors.stream().sorted(java.util.Comparator.comparingDouble(Marker::value)).map(Marker::label)
                    .collect(java.util.stream.Collectors.joining(", ")) + ".";
            blocks.add(new Block("Round trip of a 64-byte no-op task",
                    Figure.of(chart, "Bar chart of round-trip time per model on a log axis", csv), table, note));
        }
        return new SectionView(suite(), "Overhead", "What does one hand-off cost? A no-op task's round trip, "
                + "mean (JMH AverageTime) and sampled percentiles (JMH SampleTime).", ctx.statusLine(suite()), blocks);
    }

    private static String label(Metric m) {
        return switch (m) {
            case ROUND_TRIP_NS -> "mean";
            case ROUND_TRIP_P50_NS -> "p50";
            default -> "p99";
        };
    }
}
