package org.offloadbench.reports.chart;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.LogAxis;
import org.jfree.chart.axis.NumberTickUnit;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;

/**
 * Projected saturated throughput against core count: a dashed line per model over powers of two, and the
 * point this machine measured drawn solid, in the model's colour. Both axes logarithmic (cores in base 2).
 */
public final class ProjectionChart {
    private ProjectionChart() {
    }

    /**
     * @param projected one dashed series per model (cores, ops/s)
     * @param measured  one series per model of what was measured (a single point each, usually)
     */
    public static ChartImage write(Path reportDir, String name, List<Series> projected, List<Series> measured)
            throws IOException {
        XYSeriesCollection data = new XYSeriesCollection();
        XYLineAndShapeRenderer renderer = ChartStyle.lineRenderer(true);
        int i = 0;
        for (List<Series> group : List.of(projected, measured)) {
            for (Series s : group) {
                XYSeries xy = new XYSeries(s.name(), false, true);
                for (int k = 0; k < s.xs().size(); k++) {
                    if (s.xs().get(k) > 0 && s.ys().get(k) > 0) {
                        xy.add(s.xs().get(k), s.ys().get(k));
                    }
                }
                data.addSeries(xy);
                renderer.setSeriesPaint(i, ChartStyle.color(s.colorIndex()));
                renderer.setSeriesStroke(i, ChartStyle.line(s.dashed()));
                renderer.setSeriesShapesVisible(i, s.shapes());
                renderer.setSeriesLinesVisible(i, s.xs().size() > 1);
                i++;
            }
        }
        LogAxis cores = new LogAxis("cores");
        cores.setBase(2);
        cores.setAutoTickUnitSelection(false);
        cores.setTickUnit(new NumberTickUnit(1.0)); // 1, 2, 4, ... 64: one tick per power of two
        cores.setNumberFormatOverride(Formats.axisNumberFormat());
        XYPlot plot = new XYPlot(data, cores, LineChart.axis("saturated throughput (ops/s)", true), renderer);
        JFreeChart chart = ChartStyle.apply(new JFreeChart(null, JFreeChart.DEFAULT_TITLE_FONT, plot, true));
        return PngWriter.write(chart, reportDir, name, ChartStyle.WIDTH, ChartStyle.HEIGHT);
    }
}
