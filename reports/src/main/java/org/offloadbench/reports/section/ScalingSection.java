package org.offloadbench.reports.section;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.offloadbench.core.result.Metric;
import org.offloadbench.core.result.SummaryRecord;
import org.offloadbench.reports.chart.ChartImage;
import org.offloadbench.reports.chart.LineChart;
import org.offloadbench.reports.chart.Series;
import org.offloadbench.reports.html.Block;
import org.offloadbench.reports.html.Cell;
import org.offloadbench.reports.html.Csv;
import org.offloadbench.reports.html.Figure;
import org.offloadbench.reports.html.Fmt;
import org.offloadbench.reports.html.SectionView;
import org.offloadbench.reports.html.Table;
import org.offloadbench.reports.stats.UslFit;

/**
 * How far it scales: throughput against worker count per model, speedup and efficiency, and a Universal
 * Scalability Law fit that names the contention (sigma) and coherency (kappa) costs and the peak.
 */
public final class ScalingSection implements SuiteSection {
    @Override
    public String suite() {
        return "scaling";
    }

    @Override
    public SectionView build(Context ctx) throws IOException {
        List<Block> blocks = new ArrayList<>();
        List<SummaryRecord> all = ctx.data().select(suite(), r -> r.param("workers") != null);
        for (String workload : Context.workloads(all)) {
            List<SummaryRecord> records = all.stream().filter(r -> r.workload().equals(workload)).toList();
            List<Series> lines = new ArrayList<>();
            Table table = new Table(workload + ": throughput, speedup and efficiency",
                    List.of("model", "workers", "throughput (ops/s)", "speedup (×)", "efficiency (%)"));
            Table fits = new Table(workload + ": Universal Scalability Law fit", List.of("model", "σ contention",
                    "κ coherency", "λ (ops/s per worker)", "predicted peak", "R²", "points"));
            Csv fitCsv = new Csv("model", "workload", "sigma", "kappa", "lambda", "peakWorkers", "rSquared", "points");
            for (String model : ctx.modelsIn(records)) {
                TreeMap<Long, SummaryRecord> throughput = new TreeMap<>();
                records.stream().filter(r -> r.model().equals(model) && r.metric().equals(Metric.THROUGHPUT.id()))
                        .forEach(r -> throughput.put(Context.paramLong(r, "workers"), r));
                List<Double> xs = new ArrayList<>();
                List<Double> ys = new ArrayList<>();
                for (Map.Entry<Long, SummaryRecord> e : throughput.entrySet()) {
                    xs.add((double) e.getKey());
                    ys.add(e.getValue().value());
                    Map<String, String> p = Map.of("workers", Long.toString(e.getKey()));
                    Optional<SummaryRecord> speedup = Context.find(records, model, workload, Metric.SPEEDUP.id(), p);
                    Optional<SummaryRecord> eff = Context.find(records, model, workload, Metric.EFFICIENCY.id(), p);
                    // a speedup or efficiency is as noisy as the throughputs it divides, even where the runner
                    // could give it no interval (one worker's interval reached zero)
                    boolean wideInputs = Fmt.isWide(e.getValue())
                            || (throughput.firstEntry() != null && Fmt.isWide(throughput.firstEntry().getValue()));
                    table.add(List.of(Cell.text(ctx.label(model)), Cell.num(Long.toString(e.getKey())), Fmt.figure(e.getValue()),
                            speedup.map(r -> ratio(r, wideInputs)).orElse(Cell.num("–")),
                            eff.map(r -> ratio(r, wideInputs)).orElse(Cell.num("–"))));
                }
                lines.add(new Series(model, xs, ys, ctx.colorOf(model), false, true));
                Optional<UslFit> fit = UslFit.fit(xs.stream().mapToDouble(Double::doubleValue).toArray(),
                        ys.stream().mapToDouble(Double::doubleValue).toArray());
                if (fit.isPresent()) {
                    UslFit f = fit.get();
                    String peak = f.peakWorkers().isPresent()
                            ? Fmt.num(f.peakWorkers().getAsDouble()) + " workers"
                            : "none (κ = 0: levels off, never falls)";
                    fits.add(List.of(Cell.text(model), Cell.num(Fmt.num(f.sigma())), Cell.num(Fmt.num(f.kappa())),
                            Cell.num(Fmt.num(f.lambda())), Cell.num(peak), Cell.num(Fmt.num(f.rSquared())),
                            Cell.num(Integer.toString(f.points()))));
                    fitCsv.row(model, workload, f.sigma(), f.kappa(), f.lambda(),
                            f.peakWorkers().isPresent() ? f.peakWorkers().getAsDouble() : null, f.rSquared(), f.points());
                    lines.add(fittedCurve(model + " (USL fit)", f, xs, ctx.colorOf(model)));
                } else {
                    fits.add(List.of(Cell.text(model), new Cell("not enough points for a fit", null, "muted"),
                            Cell.num("–"), Cell.num("–"), Cell.num("–"), Cell.num("–"), Cell.num(Integer.toString(xs.size()))));
                    fitCsv.row(model, workload, null, null, null, null, null, xs.size());
                }
            }
            String name = "scaling-" + Fmt.fileName(workload);
            String csv = Context.recordsCsv(records).write(ctx.reportDir(), name);
            String fitCsvPath = fitCsv.write(ctx.reportDir(), name + "-usl");
            ChartImage chart = LineChart.write(ctx.reportDir(), name, "workers", false, true, "throughput (ops/s)", false,
                    lines, List.of());
            blocks.add(new Block(workload + ": throughput against workers",
                    Figure.of(chart, "Throughput against worker count for " + workload, csv), table,
                    "Points: measured (closed-loop throughput, mean over the measurement iterations; the interval is the mean's). "
                    + "Dashed: the USL fit. A figure in amber italics has an interval wider than ±25 % of its value: "
                    + "a speedup or efficiency read from it can be off by tens of points (rerun with a larger "
                    + "--time-scale, or on a quieter machine with more cores)."));
            blocks.add(new Block(null, null, fits, "X(N) = λN / (1 + σ(N−1) + κN(N−1)), least squares "
                    + "(Levenberg–Marquardt); peak N = √((1−σ)/κ). A fit through few points describes them, "
                    + "it does not prove where the peak lies.", fitCsvPath));
        }
        return new SectionView(suite(), "Scaling", "How far does it scale? Saturated throughput against the "
                + "number of workers; speedup and efficiency relative to one worker of the same model.",
                ctx.statusLine(suite()), blocks);
    }

    /** A speedup or efficiency cell, marked wide when it is, or when a throughput it comes from is. */
    static Cell ratio(SummaryRecord r, boolean wideInputs) {
        Cell c = Fmt.figure(r);
        if (!wideInputs || c.cls().contains("wide")) {
            return c;
        }
        return new Cell(c.text(), c.sub() + " · from a wide throughput", "num wide");
    }

    private static Series fittedCurve(String name, UslFit fit, List<Double> xs, int color) {
        double lo = xs.get(0);
        double hi = xs.get(xs.size() - 1);
        List<Double> cx = new ArrayList<>();
        List<Double> cy = new ArrayList<>();
        for (int i = 0; i <= 40; i++) {
            double n = lo + (hi - lo) * i / 40.0;
            cx.add(n);
            cy.add(fit.predict(n));
        }
        return new Series(name, cx, cy, color, true, false);
    }
}
