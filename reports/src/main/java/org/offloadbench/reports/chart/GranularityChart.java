package org.offloadbench.reports.chart;

import java.awt.Shape;
import java.awt.geom.Ellipse2D;
import java.awt.geom.Path2D;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.axis.ValueAxis;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;

/**
 * Speedup over inline against task duration (log x), one curve per model, a reference line at 1x (inline), and
 * each model's two crossings marked on its curve: a diamond where it breaks even, a ring where it reaches 90 %
 * of its best speedup. The marks carry no legend entry of their own (the legend names the curves; the page's
 * table lists the crossings).
 */
public final class GranularityChart {
    private GranularityChart() {
    }

    /** A model's curve and its crossings (either may be null when the model has none). */
    public record Curve(Series line, Double breakEvenMicros, Double nearBestMicros, double nearBestSpeedup) {
    }

    public static ChartImage write(Path reportDir, String name, List<Curve> curves) throws IOException {
        XYSeriesCollection data = new XYSeriesCollection();
        XYLineAndShapeRenderer renderer = ChartStyle.lineRenderer(true);
        int i = 0;
        for (Curve c : curves) {
            XYSeries xy = new XYSeries(c.line().name(), false, true);
            for (int k = 0; k < c.line().xs().size(); k++) {
                if (c.line().xs().get(k) > 0) {
                    xy.add(c.line().xs().get(k), c.line().ys().get(k));
                }
            }
            data.addSeries(xy);
            renderer.setSeriesPaint(i, ChartStyle.color(c.line().colorIndex()));
            renderer.setSeriesStroke(i, ChartStyle.line(false));
            renderer.setSeriesShapesVisible(i, true);
            i++;
        }
        for (Curve c : curves) {
            i = mark(data, renderer, i, c.line().name() + " break-even", c.breakEvenMicros(), 1.0, diamond(),
                    c.line().colorIndex());
            i = mark(data, renderer, i, c.line().name() + " 90 % of best", c.nearBestMicros(), c.nearBestSpeedup(),
                    new Ellipse2D.Double(-6, -6, 12, 12), c.line().colorIndex());
        }
        ValueAxis x = LineChart.axis("task duration inline (us)", true);
        NumberAxis y = (NumberAxis) LineChart.axis("speedup over inline (×)", false);
        y.setAutoRangeIncludesZero(true);
        XYPlot plot = new XYPlot(data, x, y, renderer);
        LineChart.addMarkers(plot, List.of(new Marker("inline (1×)", 1.0)));
        JFreeChart chart = ChartStyle.apply(new JFreeChart(null, JFreeChart.DEFAULT_TITLE_FONT, plot, true));
        return PngWriter.write(chart, reportDir, name, ChartStyle.WIDTH, ChartStyle.HEIGHT + 60);
    }

    private static int mark(XYSeriesCollection data, XYLineAndShapeRenderer renderer, int index, String name,
                            Double xMicros, double y, Shape shape, int color) {
        if (xMicros == null || !(xMicros > 0)) {
            return index;
        }
        XYSeries point = new XYSeries(name, false, true);
        point.add(xMicros.doubleValue(), y);
        data.addSeries(point);
        renderer.setSeriesPaint(index, ChartStyle.color(color));
        renderer.setSeriesLinesVisible(index, false);
        renderer.setSeriesShapesVisible(index, true);
        renderer.setSeriesShapesFilled(index, false);
        renderer.setSeriesShape(index, shape);
        renderer.setSeriesStroke(index, ChartStyle.line(false));
        renderer.setSeriesVisibleInLegend(index, false);
        return index + 1;
    }

    private static Shape diamond() {
        Path2D.Double d = new Path2D.Double();
        d.moveTo(0, -7);
        d.lineTo(7, 0);
        d.lineTo(0, 7);
        d.lineTo(-7, 0);
        d.closePath();
        return d;
    }
}
