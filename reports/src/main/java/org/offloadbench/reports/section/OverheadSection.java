package org.offloadbench.reports.section;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.offloadbench.core.offload.FloorTransport;
import org.offloadbench.core.offload.WaitDiscipline;
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
import org.offloadbench.reports.stats.FloorCheck;

/** What one hand-off costs: round trip of a tiny task per model, next to the machine's native floors. */
public final class OverheadSection implements SuiteSection {
    /** The runner's overhead payload; the floor lines are drawn at the same size. */
    private static final int PAYLOAD_BYTES = 64;

    private static final List<Metric> METRICS = List.of(Metric.ROUND_TRIP_NS, Metric.ROUND_TRIP_P50_NS,
            Metric.ROUND_TRIP_P99_NS);

    @Override
    public String suite() {
        return "overhead";
    }

    @Override
    public SectionView build(Context ctx) throws IOException {
        List<SummaryRecord> records = ctx.data().select(suite(), r -> !FloorCheck.NATIVE.equals(r.model())
                && METRICS.stream().anyMatch(m -> m.id().equals(r.metric())));
        List<Block> blocks = new ArrayList<>();
        if (!records.isEmpty()) {
            List<String> workloads = Context.workloads(records);
            Map<String, Map<String, Double>> bars = new LinkedHashMap<>();
            Table table = new Table("Round trip per model (ns)", List.of("model", "workload", "transport · wait",
                    "mean", "p50", "p99", "p50 floor (same transport and wait)"));
            for (Metric m : METRICS) {
                bars.put(label(m), new LinkedHashMap<>());
            }
            List<FloorCheck.Violation> violations = Floors.violations(ctx, records);
            Map<String, String> unstable = Floors.unstableBlocks(ctx, suite());
            List<SummaryRecord> floors = Floors.roundTripFloors(ctx);
            for (String model : ctx.modelsIn(records)) {
                for (String workload : workloads) {
                    String category = workloads.size() == 1 ? model : model + " · " + workload;
                    List<Cell> row = new ArrayList<>(List.of(Cell.text(ctx.label(model)), Cell.text(workload)));
                    List<Cell> figures = new ArrayList<>();
                    SummaryRecord any = null;
                    for (Metric m : METRICS) {
                        Optional<SummaryRecord> r = Context.find(records, model, workload, m.id(), Map.of());
                        r.ifPresent(rec -> bars.get(label(m)).put(category, rec.value()));
                        figures.add(r.map(rec -> flagged(rec, violations, unstable.get(model)))
                                .orElse(Cell.num("–")));
                        any = any == null ? r.orElse(null) : any;
                    }
                    if (any != null) {
                        row.add(Cell.text(any.param(FloorCheck.TRANSPORT) == null ? "not said"
                                : any.param(FloorCheck.TRANSPORT) + " · " + any.param(FloorCheck.WAIT)));
                        row.addAll(figures);
                        row.add(floorCell(any, floors));
                        table.add(row);
                    }
                }
            }
            bars.values().removeIf(Map::isEmpty);
            List<Marker> floorLines = Floors.roundTrips(ctx, records, Metric.FLOOR_ROUND_TRIP_P50_NS,
                    PAYLOAD_BYTES);
            ChartImage chart = BarChart.write(ctx.reportDir(), "overhead-round-trip", "round trip (ns, log scale)",
                    true, bars, floorLines);
            List<SummaryRecord> csvRecords = new ArrayList<>(records);
            csvRecords.addAll(floors);
            String csv = Context.recordsCsv(csvRecords).write(ctx.reportDir(), "overhead-round-trip");
            List<String> notes = new ArrayList<>();
            notes.add(floorLines.isEmpty()
                    ? "No native floor: neither the calibration suite nor the probes run next to each model's block "
                    + "recorded one of these models' transports and wait disciplines in this run."
                    : "Dashed grey lines: the p50 of the same round trip in C through the same transport with the same "
                    + "wait discipline (a spinning model against the spinning floor, a parked one against the "
                    + "blocking floor, an adaptive one against the lower of the two): " + floorLines.stream().sorted(Comparator.comparingDouble(Marker::value))
                    .map(Marker::label).collect(Collectors.joining(", ")) + ". Each figure is held against its own "
                    + "floor of the same statistic only; a parked model is never compared with a spinning floor.");
            Optional.ofNullable(Floors.violationNote(violations)).ifPresent(notes::add);
            if (!unstable.isEmpty()) {
                notes.add("UNSTABLE: the floor taken before and after these models' blocks moved, so the machine's "
                        + "wake-up cost changed while they were measured and their figures (marked) may not repeat: "
                        + unstable.entrySet().stream().map(e -> e.getKey() + ": " + e.getValue())
                        .collect(Collectors.joining("; ")) + ".");
            }
            blocks.add(new Block("Round trip of a 64-byte no-op task",
                    Figure.of(chart, "Bar chart of round-trip time per model on a log axis", csv), table,
                    String.join(" ", notes)));
        }
        return new SectionView(suite(), "Overhead", "What does one hand-off cost? A no-op task's round trip, "
                + "mean (JMH AverageTime) and sampled percentiles (JMH SampleTime), each beside the C floor of the "
                + "same transport and wait discipline.", ctx.statusLine(suite()), blocks);
    }

    /** A figure's cell, marked when it lies below its floor or its block's floor moved. */
    private static Cell flagged(SummaryRecord r, List<FloorCheck.Violation> violations, String unstable) {
        Cell cell = Fmt.figure(r);
        Optional<FloorCheck.Violation> v = violations.stream().filter(x -> x.figure().equals(r)).findFirst();
        if (v.isPresent()) {
            return new Cell(cell.text(), "below its " + v.get().floorLabel() + " (" + Fmt.num(v.get().floorBound())
                    + "): measurement error", "num defect");
        }
        if (unstable != null) {
            return new Cell(cell.text(), (cell.sub() == null ? "" : cell.sub() + " · ") + "unstable floor",
                    cell.cls() + " wide");
        }
        return cell;
    }

    /** The p50 floor the model's p50 is held against, with where it came from. */
    private static Cell floorCell(SummaryRecord figure, List<SummaryRecord> floors) {
        FloorTransport transport = FloorCheck.transport(figure.param(FloorCheck.TRANSPORT));
        WaitDiscipline modelWait = FloorCheck.discipline(figure.param(FloorCheck.WAIT));
        if (transport == FloorTransport.UNKNOWN || FloorCheck.floorWaitsFor(modelWait).isEmpty()) {
            return Cell.num("–", "the model does not say its transport and wait");
        }
        List<SummaryRecord> matching = FloorCheck.floorsFor(floors, transport, modelWait,
                Metric.FLOOR_ROUND_TRIP_P50_NS, figure.param("payloadBytes"));
        List<SummaryRecord> own = matching.stream().filter(r -> figure.model().equals(r.param("block"))).toList();
        List<SummaryRecord> shown = own.isEmpty() ? matching : own;
        if (shown.isEmpty()) {
            return Cell.num("–", "no " + transport.label() + " floor of its discipline in this run");
        }
        String values = shown.stream().map(r -> Fmt.num(r.value()) + ("spin".equals(r.param(FloorCheck.WAIT))
                ? " spinning" : " blocking")).collect(Collectors.joining(" / "));
        return Cell.num(values, own.isEmpty() ? "calibration suite" : "before / after the block");
    }

    private static String label(Metric m) {
        return switch (m) {
            case ROUND_TRIP_NS -> "mean";
            case ROUND_TRIP_P50_NS -> "p50";
            default -> "p99";
        };
    }
}
