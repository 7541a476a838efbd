package org.offloadbench.reports.chart;

import java.awt.Graphics2D;
import java.awt.geom.Rectangle2D;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.HistogramIterationValue;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.AxisState;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.axis.NumberTick;
import org.jfree.chart.axis.ValueAxis;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.chart.ui.RectangleEdge;
import org.jfree.chart.ui.TextAnchor;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;

/**
 * HdrHistogram's percentile distribution plot: x is {@code log10(1 / (1 - percentile))}, so 90 %, 99 %,
 * 99.9 % ... sit one decade apart and the tail gets the room it deserves; y is the value on a log axis.
 */
public final class PercentileChart {
    /** Percentile levels that get a labelled tick, as fractions. */
    static final double[] TICKS = {0.5, 0.9, 0.99, 0.999, 0.9999, 0.99999, 0.999999};

    private PercentileChart() {
    }

    /** One distribution to draw; its values are divided by {@code divisor} (e.g. 1000 for ns -> us). */
    public record Curve(String name, Histogram histogram, double divisor, int colorIndex, boolean dashed) {
    }

    /** The points of the curve: x = log10(1/(1-p)), y = value at p; the 100 % point is dropped (x = inf). */
    public static List<double[]> points(Histogram histogram, double divisor) {
        List<double[]> out = new ArrayList<>();
        for (HistogramIterationValue v : histogram.percentiles(5)) {
            double p = v.getPercentileLevelIteratedTo() / 100.0;
            if (p >= 1.0) {
                break;
            }
            out.add(new double[] {Math.log10(1 / (1 - p)), v.getValueIteratedTo() / divisor});
        }
        return out;
    }

    /** One chart, or small multiples (one panel per model family) when the curves need more colours than there are. */
    public static ChartImage write(Path reportDir, String name, String valueLabel, List<Curve> curves)
            throws IOException {
        long colours = curves.stream().mapToInt(Curve::colorIndex).filter(i -> i >= 0).distinct().count();
        if (colours <= SmallMultiples.MAX_COLOURS) {
            return PngWriter.write(chart(valueLabel, curves, false), reportDir, name, ChartStyle.WIDTH, ChartStyle.HEIGHT);
        }
        List<SmallMultiples.Group<Curve>> groups = SmallMultiples.groupByFamily(curves, Curve::name, Curve::colorIndex,
                (c, colour) -> new Curve(c.name(), c.histogram(), c.divisor(), colour, c.dashed()));
        List<String> titles = new ArrayList<>();
        List<JFreeChart> charts = new ArrayList<>();
        double maxX = 1;
        for (SmallMultiples.Group<Curve> g : groups) {
            List<Curve> named = g.members().stream().map(c -> c.colorIndex() < 0 ? c
                    : new Curve(SmallMultiples.withoutFamily(c.name()), c.histogram(), c.divisor(), c.colorIndex(),
                    c.dashed())).toList();
            JFreeChart chart = chart(valueLabel, named, true);
            maxX = Math.max(maxX, chart.getXYPlot().getDomainAxis().getUpperBound());
            charts.add(chart);
            titles.add(g.title());
        }
        return SmallMultiples.drawGrid(reportDir, name, titles, charts, new org.jfree.data.Range(0, maxX), false, true,
                List.of());
    }

    /**
     * The chart of {@link #write}, styled, not yet drawn.
     *
     * @param narrow a panel of small multiples: no "0 %" tick, which would overlap "50 %" at half the width
     */
    static JFreeChart chart(String valueLabel, List<Curve> curves, boolean narrow) {
        XYSeriesCollection data = new XYSeriesCollection();
        XYLineAndShapeRenderer renderer = ChartStyle.lineRenderer(false);
        double maxX = 1;
        int i = 0;
        for (Curve c : curves) {
            XYSeries s = new XYSeries(c.name(), false, true);
            for (double[] p : points(c.histogram(), c.divisor())) {
                if (p[1] > 0) {
                    s.add(p[0], p[1]);
                    maxX = Math.max(maxX, p[0]);
                }
            }
            data.addSeries(s);
            renderer.setSeriesPaint(i, ChartStyle.color(c.colorIndex()));
            renderer.setSeriesStroke(i, ChartStyle.line(c.dashed()));
            i++;
        }
        PercentileAxis x = new PercentileAxis(!narrow);
        x.setRange(0, Math.ceil(maxX + 0.01));
        ValueAxis y = LineChart.axis(valueLabel, true);
        XYPlot plot = new XYPlot(data, x, y, renderer);
        return ChartStyle.apply(new JFreeChart(null, JFreeChart.DEFAULT_TITLE_FONT, plot, true));
    }

    /** Label for a percentile level given as a fraction: 0.999 -> "99.9 %". */
    static String label(double p) {
        String s = new java.math.BigDecimal(p * 100).round(new java.math.MathContext(8)).stripTrailingZeros()
                .toPlainString();
        return s + " %";
    }

    /** An x axis with ticks only at the named percentile levels. */
    static final class PercentileAxis extends NumberAxis {
        private static final long serialVersionUID = 1L;

        private final boolean zeroTick;

        PercentileAxis(boolean zeroTick) {
            super("percentile");
            this.zeroTick = zeroTick;
        }

        @Override
        public List<NumberTick> refreshTicks(Graphics2D g2, AxisState state, Rectangle2D dataArea,
                                             RectangleEdge edge) {
            List<NumberTick> ticks = new ArrayList<>();
            if (zeroTick) {
                ticks.add(new NumberTick(0.0, "0 %", TextAnchor.TOP_CENTER, TextAnchor.CENTER, 0));
            }
            for (double p : TICKS) {
                double x = Math.log10(1 / (1 - p));
                if (x <= getUpperBound() + 1e-9) {
                    ticks.add(new NumberTick(x, label(p), TextAnchor.TOP_CENTER, TextAnchor.CENTER, 0));
                }
            }
            return ticks;
        }
    }
}
