package org.offloadbench.reports.section;

import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.offloadbench.core.offload.FloorTransport;
import org.offloadbench.core.offload.WaitDiscipline;
import org.offloadbench.core.result.Metric;
import org.offloadbench.core.result.SummaryRecord;
import org.offloadbench.reports.chart.ChartImage;
import org.offloadbench.reports.chart.LineChart;
import org.offloadbench.reports.chart.Series;
import org.offloadbench.reports.html.Block;
import org.offloadbench.reports.html.Cell;
import org.offloadbench.reports.html.Figure;
import org.offloadbench.reports.html.Fmt;
import org.offloadbench.reports.html.SectionView;
import org.offloadbench.reports.html.Table;
import org.offloadbench.reports.stats.FloorCheck;

/** What moving data costs: time per operation and bandwidth against payload size, log-log. */
public final class CopySection implements SuiteSection {
    private static final String ECHO = "echo";

    @Override
    public String suite() {
        return "copy";
    }

    @Override
    public SectionView build(Context ctx) throws IOException {
        List<Block> blocks = new ArrayList<>();
        List<SummaryRecord> all = ctx.data().select(suite(), r -> r.metric().equals(Metric.TIME_PER_OP_NS.id())
                || r.metric().equals(Metric.BANDWIDTH.id()));
        TreeMap<Long, Double> floor = Floors.memcpyBandwidth(ctx);
        for (String workload : Context.workloads(all)) {
            List<SummaryRecord> records = all.stream().filter(r -> r.workload().equals(workload)).toList();
            // an echo sends every byte there and back, like the C echo floors; other workloads return less
            boolean echo = ECHO.equals(workload);
            List<FloorCheck.Violation> violations = echo ? Floors.violations(ctx, records) : List.of();
            List<Series> time = new ArrayList<>();
            List<Series> bandwidth = new ArrayList<>();
            Table table = new Table(workload + ": time per operation and bandwidth",
                    List.of("model", "payload", "time per op (ns)", "bandwidth (GB/s)"));
            TreeSet<Long> sizes = new TreeSet<>();
            for (String model : ctx.modelsIn(records)) {
                List<Double> xs = new ArrayList<>();
                List<Double> ts = new ArrayList<>();
                List<Double> bxs = new ArrayList<>();
                List<Double> bs = new ArrayList<>();
                TreeSet<Long> modelSizes = new TreeSet<>();
                records.stream().filter(r -> r.model().equals(model))
                        .forEach(r -> modelSizes.add(Context.paramLong(r, "payloadBytes")));
                for (long size : modelSizes) {
                    Map<String, String> p = Map.of("payloadBytes", Long.toString(size));
                    Optional<SummaryRecord> t = Context.find(records, model, workload, Metric.TIME_PER_OP_NS.id(), p);
                    Optional<SummaryRecord> b = Context.find(records, model, workload, Metric.BANDWIDTH.id(), p);
                    t.ifPresent(r -> {
                        xs.add((double) size);
                        ts.add(r.value());
                    });
                    b.ifPresent(r -> {
                        bxs.add((double) size);
                        bs.add(r.value());
                    });
                    table.add(List.of(Cell.text(ctx.label(model)), Cell.num(Fmt.bytes(size)),
                            t.map(r -> flagged(r, violations)).orElse(Cell.num("–")),
                            b.map(Fmt::figure).orElse(Cell.num("–"))));
                }
                sizes.addAll(modelSizes);
                time.add(new Series(model, xs, ts, ctx.colorOf(model), false, true));
                bandwidth.add(new Series(model, bxs, bs, ctx.colorOf(model), false, true));
            }
            String note = "No memcpy floor: the calibration suite did not record one in this run.";
            if (!floor.isEmpty()) {
                // the floor at each measured size, or the nearest size calibration measured
                List<Double> fx = new ArrayList<>();
                List<Double> ft = new ArrayList<>();
                List<Double> fb = new ArrayList<>();
                for (long size : sizes) {
                    Map.Entry<Long, Double> e = floor.floorEntry(size) != null ? floor.floorEntry(size) : floor.firstEntry();
                    fx.add((double) size);
                    fb.add(e.getValue());
                    ft.add(size / e.getValue()); // bytes / (GB/s) = ns
                }
                time.add(new Series("memcpy floor", fx, ft, -1, true, false));
                bandwidth.add(new Series("memcpy floor", fx, fb, -1, true, false));
                note = "Dashed grey line: memcpy in C on this machine (calibration suite), the best any model can do.";
            }
            if (echo) {
                List<String> echoLines = echoFloors(ctx, records, sizes, time, bandwidth);
                if (!echoLines.isEmpty()) {
                    note += " Dashed grey lines with points: the same echo in C through the model's transport with its wait "
                            + "discipline, every byte crossing twice (" + String.join(", ", echoLines) + "); each "
                            + "model's time per operation is held against the one of its own transport and discipline.";
                }
                String flag = Floors.violationNote(violations);
                if (flag != null) {
                    note += " " + flag;
                }
            }
            String name = "copy-" + Fmt.fileName(workload);
            List<SummaryRecord> csvRecords = new ArrayList<>(records);
            csvRecords.addAll(ctx.data().select(Floors.SUITE, Metric.FLOOR_BANDWIDTH.id()));
            if (echo) {
                csvRecords.addAll(Floors.calibrationFloors(ctx).stream()
                        .filter(r -> r.metric().equals(Metric.FLOOR_ROUND_TRIP_NS.id())).toList());
            }
            String csv = Context.recordsCsv(csvRecords).write(ctx.reportDir(), name);
            ChartImage t = LineChart.write(ctx.reportDir(), name + "-time", "payload (bytes, log scale)", true,
                    "time per op (ns, log scale)", true, time, List.of());
            ChartImage b = LineChart.write(ctx.reportDir(), name + "-bandwidth", "payload (bytes, log scale)", true,
                    "bandwidth (GB/s, log scale)", true, bandwidth, List.of());
            blocks.add(new Block(workload + ": time per operation",
                    Figure.of(t, "Time per operation against payload size for " + workload, csv), null, null));
            blocks.add(new Block(workload + ": bandwidth",
                    Figure.of(b, "Bandwidth against payload size for " + workload, csv), table, note));
        }
        return new SectionView(suite(), "Copy", "What does moving data cost? Time per operation and bandwidth "
                + "(payload bytes / time per op) from small to large payloads.", ctx.statusLine(suite()), blocks);
    }

    /** A time-per-op cell, marked when it lies below its echo floor. */
    private static Cell flagged(SummaryRecord r, List<FloorCheck.Violation> violations) {
        Cell cell = Fmt.figure(r);
        return violations.stream().filter(v -> v.figure().equals(r)).findFirst()
                .map(v -> new Cell(cell.text(), "below its " + v.floorLabel().replace(" floor", " echo floor") + " ("
                        + Fmt.num(v.floorBound()) + "): measurement error", "num defect"))
                .orElse(cell);
    }

    /**
     * Adds one echo floor series per transport and discipline the models use (at the sizes calibration
     * measured), to both charts; returns their labels.
     */
    private static List<String> echoFloors(Context ctx, List<SummaryRecord> records, TreeSet<Long> sizes,
                                           List<Series> time, List<Series> bandwidth) {
        Set<String> done = new LinkedHashSet<>();
        for (SummaryRecord r : records) {
            FloorTransport transport = FloorCheck.transport(r.param(FloorCheck.TRANSPORT));
            for (WaitDiscipline wait : FloorCheck.floorWaitsFor(FloorCheck.discipline(r.param(FloorCheck.WAIT)))) {
                if (transport == FloorTransport.UNKNOWN) {
                    continue;
                }
                String label = FloorCheck.label(transport, wait, Metric.FLOOR_ROUND_TRIP_NS)
                        .replace(" floor", " echo floor");
                if (!done.add(label)) {
                    continue;
                }
                TreeMap<Long, Double> echo = Floors.echo(ctx, transport, wait);
                List<Double> xs = new ArrayList<>();
                List<Double> ts = new ArrayList<>();
                List<Double> bs = new ArrayList<>();
                echo.forEach((size, nanos) -> {
                    if (sizes.contains(size) && nanos > 0) {
                        xs.add((double) size);
                        ts.add(nanos);
                        bs.add(size / nanos); // the payload's bytes per ns of round trip, as the models' bandwidth
                    }
                });
                if (xs.isEmpty()) {
                    done.remove(label);
                    continue;
                }
                time.add(new Series(label, xs, ts, -1, true, true));
                bandwidth.add(new Series(label, xs, bs, -1, true, true));
            }
        }
        return new ArrayList<>(done);
    }
}
