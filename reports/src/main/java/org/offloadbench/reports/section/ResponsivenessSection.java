package org.offloadbench.reports.section;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.HdrHistogram.Histogram;
import org.offloadbench.core.result.Metric;
import org.offloadbench.core.result.ResultsFormatException;
import org.offloadbench.core.result.SummaryRecord;
import org.offloadbench.reports.chart.ChartImage;
import org.offloadbench.reports.chart.LineChart;
import org.offloadbench.reports.chart.PercentileChart;
import org.offloadbench.reports.chart.Series;
import org.offloadbench.reports.html.Block;
import org.offloadbench.reports.html.Cell;
import org.offloadbench.reports.html.Csv;
import org.offloadbench.reports.html.Figure;
import org.offloadbench.reports.html.Fmt;
import org.offloadbench.reports.html.SectionView;
import org.offloadbench.reports.html.Table;
import org.offloadbench.reports.read.HiccupLogEntry;
import org.offloadbench.reports.read.HlogReader;
import org.offloadbench.reports.read.ValueUnit;

/** Does the caller stay responsive? Hiccups of the coordinator's own thread while a model is saturated. */
public final class ResponsivenessSection implements SuiteSection {
    public static final String BASELINE = "baseline-idle";

    @Override
    public String suite() {
        return "responsiveness";
    }

    @Override
    public SectionView build(Context ctx) throws IOException {
        List<Block> blocks = new ArrayList<>();
        List<SummaryRecord> records = ctx.data().select(suite(), r -> true);
        List<String> notes = new ArrayList<>();
        Figure figure = null;
        Figure overTime = null;
        if (!ctx.data().hiccupLogs().isEmpty()) {
            List<PercentileChart.Curve> curves = new ArrayList<>();
            List<Series> worst = new ArrayList<>();
            Csv csv = new Csv("model", "workload", "percentile", "hiccup_ms");
            Csv seriesCsv = new Csv("model", "workload", "interval_start_s", "interval_end_s", "samples", "p99_ms",
                    "max_ms");
            for (HiccupLogEntry e : ctx.data().hiccupLogs()) {
                double divisor = 1_000_000.0 / ValueUnit.nanosPer(e.valueUnit(), "hiccup/index.json entry " + e.model());
                List<HlogReader.Interval> intervals;
                try {
                    intervals = HlogReader.readSeries(ctx.data().dir().resolve(e.file()));
                } catch (ResultsFormatException missing) {
                    notes.add("Not drawn: " + missing.getMessage().replace(ctx.data().dir() + "/", "") + ".");
                    continue;
                }
                Histogram h = new Histogram(intervals.get(0).histogram().getNumberOfSignificantValueDigits());
                List<Double> xs = new ArrayList<>();
                List<Double> ys = new ArrayList<>();
                for (HlogReader.Interval i : intervals) {
                    h.add(i.histogram());
                    xs.add(i.endSeconds());
                    ys.add(i.histogram().getMaxValue() / divisor);
                    seriesCsv.row(e.model(), e.workload(), i.startSeconds(), i.endSeconds(),
                            i.histogram().getTotalCount(), i.histogram().getValueAtPercentile(99) / divisor,
                            i.histogram().getMaxValue() / divisor);
                }
                boolean baseline = BASELINE.equals(e.model());
                worst.add(new Series(baseline ? BASELINE : e.model(), xs, ys, baseline ? -1 : ctx.colorOf(e.model()),
                        baseline, true));
                curves.add(new PercentileChart.Curve(baseline ? BASELINE : e.model() + " · " + e.workload(), h,
                        divisor, baseline ? -1 : ctx.colorOf(e.model()), baseline));
                for (double[] p : PercentileChart.points(h, divisor)) {
                    csv.row(e.model(), e.workload(), 100 * (1 - Math.pow(10, -p[0])), p[1]);
                }
            }
            if (!curves.isEmpty()) {
                String csvPath = csv.write(ctx.reportDir(), "hiccups");
                ChartImage chart = PercentileChart.write(ctx.reportDir(), "hiccups", "hiccup (ms, log scale)", curves);
                figure = Figure.of(chart, "Hiccup percentile curves of the coordinator per model", csvPath);
            }
            // a time series is worth a chart only where some log has more than one interval
            if (worst.stream().anyMatch(w -> w.xs().size() > 1)) {
                String seriesPath = seriesCsv.write(ctx.reportDir(), "hiccups-over-time");
                ChartImage chart = LineChart.write(ctx.reportDir(), "hiccups-over-time", "time since the meter started (s)",
                        false, false, "worst hiccup (ms, log scale)", true, worst, List.of());
                overTime = Figure.of(chart, "Worst hiccup of the coordinator per interval, over time, per model",
                        seriesPath);
            }
        }
        Table table = new Table("Hiccups of the caller's thread (ms)", List.of("model", "workload", "p99", "max"));
        List<String> models = new ArrayList<>();
        if (records.stream().anyMatch(r -> r.model().equals(BASELINE))) {
            models.add(BASELINE);
        }
        models.addAll(ctx.modelsIn(records).stream().filter(m -> !m.equals(BASELINE)).toList());
        for (String model : models) {
            for (String workload : Context.workloads(records.stream().filter(r -> r.model().equals(model)).toList())) {
                Optional<SummaryRecord> p99 = pick(records, model, workload, Metric.HICCUP_P99);
                Optional<SummaryRecord> max = pick(records, model, workload, Metric.HICCUP_MAX);
                table.add(List.of(Cell.text(model), Cell.text(workload), p99.map(Fmt::figureN).orElse(Cell.num("–")),
                        max.map(Fmt::figureN).orElse(Cell.num("–"))), BASELINE.equals(model) ? "baseline" : null);
            }
        }
        if (figure != null || !table.isEmpty()) {
            notes.add("A jHiccup-style meter: a thread on the coordinator sleeps for a fixed short interval and records "
                    + "how late it wakes. " + BASELINE + " is the same meter with no load, the machine's own noise.");
            String csv = table.isEmpty() ? null : Context.recordsCsv(records).write(ctx.reportDir(), "hiccups-summary");
            blocks.add(new Block("Caller's hiccups while the model is saturated", figure, table.isEmpty() ? null : table,
                    String.join(" ", notes), csv));
        }
        if (overTime != null) {
            blocks.add(new Block("Hiccups over time", overTime, null, "The worst hiccup of each interval of the "
                    + "meter's .hlog (about one per second): a stall shows when it happened, a steady level that "
                    + "the model's load keeps the caller busy throughout. " + BASELINE + " is dashed grey."));
        }
        return new SectionView(suite(), "Responsiveness", "Does the caller stay responsive while the model is "
                + "saturated?", ctx.statusLine(suite()), blocks);
    }

    private static Optional<SummaryRecord> pick(List<SummaryRecord> records, String model, String workload, Metric m) {
        return records.stream().filter(r -> r.model().equals(model) && r.workload().equals(workload)
                && r.metric().equals(m.id())).findFirst();
    }
}
