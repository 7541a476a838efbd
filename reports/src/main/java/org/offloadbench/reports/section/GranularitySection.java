package org.offloadbench.reports.section;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.offloadbench.core.result.SummaryRecord;
import org.offloadbench.reports.chart.ChartImage;
import org.offloadbench.reports.chart.ChartStyle;
import org.offloadbench.reports.chart.GranularityChart;
import org.offloadbench.reports.chart.Series;
import org.offloadbench.reports.html.Block;
import org.offloadbench.reports.html.Cell;
import org.offloadbench.reports.html.Figure;
import org.offloadbench.reports.html.Fmt;
import org.offloadbench.reports.html.SectionView;
import org.offloadbench.reports.html.Table;

/**
 * From which task size does offloading pay? Speedup over inline against the task's inline duration, one curve per
 * model with its break-even and 90 %-of-best crossings marked, and the table of those crossings.
 */
public final class GranularitySection implements SuiteSection {
    @Override
    public String suite() {
        return Granularity.SUITE;
    }

    @Override
    public SectionView build(Context ctx) throws IOException {
        List<Block> blocks = new ArrayList<>();
        List<Granularity.Curve> curves = Granularity.curves(ctx.data()).stream()
                .filter(c -> !c.points().isEmpty()).toList();
        if (!curves.isEmpty()) {
            List<GranularityChart.Curve> lines = new ArrayList<>();
            Table table = new Table("Break-even task size per model (workers = cores)", List.of("model",
                    "beats inline from", "90 % of its best from", "best speedup", "at the smallest size",
                    "sizes measured"));
            // the report's colour per model, unless two of these curves would share one (many models in the run)
            List<Integer> colours = curves.stream().map(c -> ctx.colorOf(c.model()) % ChartStyle.PALETTE_SIZE).toList();
            boolean distinct = colours.stream().distinct().count() == colours.size();
            for (Granularity.Curve c : curves) {
                int colour = distinct ? ctx.colorOf(c.model()) : curves.indexOf(c);
                List<Double> xs = c.points().stream().map(Granularity.Point::durationMicros).toList();
                List<Double> ys = c.points().stream().map(p -> p.speedup().value()).toList();
                Granularity.Point best = c.best().orElseThrow();
                Granularity.Point smallest = c.smallest().orElseThrow();
                lines.add(new GranularityChart.Curve(new Series(c.model(), xs, ys, colour, false, true),
                        Granularity.Curve.found(c.breakEven()) ? c.breakEven().value() : null,
                        Granularity.Curve.found(c.nearBest()) ? c.nearBest().value() : null,
                        0.9 * best.speedup().value()));
                table.add(List.of(Cell.text(c.model()), crossingCell(c.breakEven()), crossingCell(c.nearBest()),
                        Cell.num(Fmt.factor(best.speedup().value()), "at " + Fmt.num(best.durationMicros()) + " us · "
                                + Fmt.interval(best.speedup())),
                        Cell.num(Fmt.factor(smallest.speedup().value()), "at " + Fmt.num(smallest.durationMicros())
                                + " us · " + Fmt.interval(smallest.speedup())),
                        Cell.num(Integer.toString(c.points().size()))));
            }
            List<SummaryRecord> records = ctx.data().select(suite(), r -> r.workload().equals("sum-loop"));
            String csv = Context.recordsCsv(records).write(ctx.reportDir(), "granularity-sum-loop");
            ChartImage chart = GranularityChart.write(ctx.reportDir(), "granularity-sum-loop", lines);
            blocks.add(new Block("Speedup over inline against task size",
                    Figure.of(chart, "Speedup over running the task inline, against the task's duration, per model",
                            csv), table,
                    "Each point: saturated throughput at workers = cores (closed loop) over the throughput of the "
                    + "same sum-loop task run inline on the caller's thread, at the task's measured inline duration. "
                    + "Diamond: break-even (from there on every measured size beats inline); ring: from where the "
                    + "speedup stays at 90 % of the model's best. Both are interpolated on log duration between "
                    + "sweep points; their interval comes from the curves through the speedups' interval ends. "
                    + "\"none up to X\": no crossing in the sweep. The sizes follow the per-iteration cost measured "
                    + "on this machine at the start of the suite."));
        }
        Granularity.soWhat(ctx.data()).ifPresent(s -> blocks.add(new Block(null, null, null, s)));
        return new SectionView(suite(), "Granularity", "From which task size does offloading pay? The seed's "
                + "sum-loop, swept from about 1 us to about 10 ms per task, offloaded against inline.",
                ctx.statusLine(suite()), blocks);
    }

    private static Cell crossingCell(SummaryRecord crossing) {
        if (crossing == null) {
            return new Cell("not computed", null, "muted");
        }
        return new Cell(Granularity.Curve.describe(crossing), "n=" + crossing.n(),
                Granularity.Curve.found(crossing) ? "num" : "num muted");
    }
}
