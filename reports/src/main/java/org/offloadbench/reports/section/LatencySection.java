package org.offloadbench.reports.section;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import org.HdrHistogram.Histogram;
import org.offloadbench.core.result.Metric;
import org.offloadbench.core.result.ResultsFormatException;
import org.offloadbench.core.result.SummaryRecord;
import org.offloadbench.reports.chart.ChartImage;
import org.offloadbench.reports.chart.PercentileChart;
import org.offloadbench.reports.html.Block;
import org.offloadbench.reports.html.Cell;
import org.offloadbench.reports.html.Csv;
import org.offloadbench.reports.html.Figure;
import org.offloadbench.reports.html.Fmt;
import org.offloadbench.reports.html.SectionView;
import org.offloadbench.reports.html.Table;
import org.offloadbench.reports.read.HlogReader;
import org.offloadbench.reports.read.LoadLogEntry;
import org.offloadbench.reports.read.ValueUnit;

/**
 * What a user waits at a given load: open-loop percentile curves from the .hlog files, corrected (from
 * the scheduled send time) solid and uncorrected (from the actual send time) dashed, so coordinated
 * omission is visible rather than hidden.
 */
public final class LatencySection implements SuiteSection {
    private static final List<Metric> COLUMNS = List.of(Metric.LATENCY_P50, Metric.LATENCY_P90, Metric.LATENCY_P99,
            Metric.LATENCY_P999, Metric.LATENCY_MAX, Metric.LATENCY_UNCORRECTED_P99);

    @Override
    public String suite() {
        return "latency";
    }

    @Override
    public SectionView build(Context ctx) throws IOException {
        List<Block> blocks = new ArrayList<>();
        List<SummaryRecord> records = ctx.data().select(suite(), r -> true);
        Map<String, List<LoadLogEntry>> logs = new LinkedHashMap<>();
        for (LoadLogEntry e : ctx.data().loadLogs()) {
            logs.computeIfAbsent(e.model() + "\u0000" + e.workload(), k -> new ArrayList<>()).add(e);
        }
        for (String model : ctx.modelOrder()) {
            for (String workload : workloads(ctx, records)) {
                List<LoadLogEntry> entries = logs.getOrDefault(model + "\u0000" + workload, List.of());
                List<SummaryRecord> mine = records.stream()
                        .filter(r -> r.model().equals(model) && r.workload().equals(workload)).toList();
                if (entries.isEmpty() && mine.isEmpty()) {
                    continue;
                }
                blocks.add(block(ctx, model, workload, entries, mine));
            }
        }
        return new SectionView(suite(), "Latency under load", "What does a user wait at a given load? Open loop "
                + "at fixed fractions of the measured maximum rate; latency from each request's scheduled send time "
                + "(no coordinated omission). Percentiles and max, never a mean.", ctx.statusLine(suite()), blocks);
    }

    private static List<String> workloads(Context ctx, List<SummaryRecord> records) {
        List<String> out = new ArrayList<>(Context.workloads(records));
        ctx.data().loadLogs().stream().map(LoadLogEntry::workload).filter(w -> !out.contains(w)).forEach(out::add);
        return out;
    }

    private Block block(Context ctx, String model, String workload, List<LoadLogEntry> entries,
                        List<SummaryRecord> records) throws IOException {
        String name = "latency-" + Fmt.fileName(model) + "-" + Fmt.fileName(workload);
        List<String> notes = new ArrayList<>();
        Figure figure = null;
        if (!entries.isEmpty()) {
            List<PercentileChart.Curve> curves = new ArrayList<>();
            Csv csv = new Csv("model", "workload", "ratePercent", "targetRate", "timing", "percentile", "latency_us");
            List<LoadLogEntry> sorted = entries.stream().sorted(Comparator.comparingDouble(LoadLogEntry::ratePercent)).toList();
            int color = 0;
            for (LoadLogEntry e : sorted) {
                String where = "load/index.json entry " + model + " " + workload + " " + e.ratePercent() + " %";
                double divisor = 1000.0 / ValueUnit.nanosPer(e.valueUnit(), where);
                String rate = "load " + Fmt.num(e.ratePercent()) + " % (" + Fmt.num(e.targetRate()) + " ops/s)";
                addCurve(ctx, curves, csv, notes, e, e.correctedFile(), rate, "corrected", divisor, color, false);
                addCurve(ctx, curves, csv, notes, e, e.uncorrectedFile(), rate + " uncorrected", "uncorrected",
                        divisor, color, true);
                color++;
            }
            if (!curves.isEmpty()) {
                String csvPath = csv.write(ctx.reportDir(), name);
                ChartImage chart = PercentileChart.write(ctx.reportDir(), name, "latency (µs, log scale)", curves);
                figure = Figure.of(chart, "Latency percentile curves for " + model + " running " + workload, csvPath);
            }
        }
        Table table = new Table(model + " · " + workload + ": latency by load (µs)", List.of("load", "achieved (ops/s)",
                "p50", "p90", "p99", "p99.9", "max", "uncorrected p99"));
        TreeSet<Double> rates = new TreeSet<>();
        records.stream().filter(r -> r.param("ratePercent") != null)
                .forEach(r -> rates.add(Context.paramDouble(r, "ratePercent")));
        for (double rate : rates) {
            List<SummaryRecord> step = records.stream().filter(r -> r.param("ratePercent") != null
                    && Context.paramDouble(r, "ratePercent") == rate).toList();
            String target = step.stream().map(r -> r.param("targetRate")).filter(t -> t != null).findFirst()
                    .map(t -> " · " + Fmt.num(Double.parseDouble(t)) + " ops/s").orElse("");
            List<Cell> row = new ArrayList<>();
            row.add(Cell.text(Fmt.num(rate) + " %" + target));
            row.add(pick(step, Metric.ACHIEVED_RATE).map(Fmt::figure).orElse(Cell.num("–")));
            for (Metric m : COLUMNS) {
                row.add(pick(step, m).map(Fmt::figureN).orElse(Cell.num("–")));
            }
            table.add(row);
        }
        Optional<SummaryRecord> maxRate = records.stream().filter(r -> r.metric().equals(Metric.MAX_RATE.id())).findFirst();
        maxRate.ifPresent(r -> notes.add(0, "Maximum rate sustained before the steps: " + Fmt.num(r.value())
                + " ops/s (" + Fmt.interval(r) + ")."));
        if (figure != null) {
            notes.add("Solid: corrected (from the scheduled send time). Dashed: uncorrected (from the actual send "
                    + "time), shown only to make coordinated omission visible.");
        }
        String csvPath = Context.recordsCsv(records).write(ctx.reportDir(), name + "-summary");
        return new Block(model + " · " + workload, figure, table.isEmpty() ? null : table,
                notes.isEmpty() ? null : String.join(" ", notes), csvPath);
    }

    private static Optional<SummaryRecord> pick(List<SummaryRecord> step, Metric metric) {
        return step.stream().filter(r -> r.metric().equals(metric.id())).findFirst();
    }

    private static void addCurve(Context ctx, List<PercentileChart.Curve> curves, Csv csv, List<String> notes,
                                 LoadLogEntry e, String file, String name, String timing, double divisor,
                                 int color, boolean dashed) {
        if (file == null) {
            notes.add("No " + timing + " log recorded for " + Fmt.num(e.ratePercent()) + " %.");
            return;
        }
        Histogram h;
        try {
            h = HlogReader.readTotal(ctx.data().dir().resolve(file));
        } catch (ResultsFormatException missing) {
            // an interrupted run may have listed a log it never finished; say so in the page
            notes.add("Not drawn: " + missing.getMessage().replace(ctx.data().dir() + "/", "") + ".");
            return;
        }
        curves.add(new PercentileChart.Curve(name, h, divisor, color, dashed));
        for (double[] p : PercentileChart.points(h, divisor)) {
            csv.row(e.model(), e.workload(), e.ratePercent(), e.targetRate(), timing,
                    100 * (1 - Math.pow(10, -p[0])), p[1]);
        }
    }
}
