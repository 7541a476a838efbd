package org.offloadbench.reports.chart;

import java.awt.Font;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.LogAxis;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.axis.NumberTickUnit;
import org.jfree.chart.axis.ValueAxis;
import org.jfree.chart.plot.ValueMarker;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.chart.ui.RectangleAnchor;
import org.jfree.chart.ui.TextAnchor;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;

/**
 * Lines of measured points against a numeric x (payload size, worker count), either axis optionally
 * logarithmic. Used by copy (log-log), scaling and startup.
 */
public final class LineChart {
    private LineChart() {
    }

    public static ChartImage write(Path reportDir, String name, String xLabel, boolean logX, String yLabel,
                                   boolean logY, List<Series> series, List<Marker> markers) throws IOException {
        return write(reportDir, name, xLabel, logX, false, yLabel, logY, series, markers);
    }

    /**
     * @param integerX whole-number ticks on x (worker counts)
     * @param series   more models than the palette has colours are drawn as small multiples, one panel per
     *                 model family ({@link SmallMultiples})
     */
    public static ChartImage write(Path reportDir, String name, String xLabel, boolean logX, boolean integerX,
                                   String yLabel, boolean logY, List<Series> series, List<Marker> markers)
            throws IOException {
        if (SmallMultiples.needed(series)) {
            return SmallMultiples.write(reportDir, name, xLabel, logX, integerX, yLabel, logY,
                    SmallMultiples.byFamily(series), markers);
        }
        JFreeChart chart = chart(xLabel, logX, integerX, yLabel, logY, series, markers);
        return PngWriter.write(chart, reportDir, name, ChartStyle.WIDTH, ChartStyle.HEIGHT);
    }

    /** The chart itself, styled, not yet drawn: one panel of a small multiple, or a whole figure. */
    static JFreeChart chart(String xLabel, boolean logX, boolean integerX, String yLabel, boolean logY,
                            List<Series> series, List<Marker> markers) {
        XYSeriesCollection data = new XYSeriesCollection();
        XYLineAndShapeRenderer renderer = ChartStyle.lineRenderer(true);
        int i = 0;
        for (Series s : series) {
            XYSeries xy = new XYSeries(s.name(), false, true);
            for (int k = 0; k < s.xs().size(); k++) {
                double y = s.ys().get(k);
                if (!logY || y > 0) {
                    xy.add(s.xs().get(k), s.ys().get(k));
                }
            }
            data.addSeries(xy);
            renderer.setSeriesPaint(i, ChartStyle.color(s.colorIndex()));
            renderer.setSeriesStroke(i, ChartStyle.line(s.dashed()));
            renderer.setSeriesShapesVisible(i, s.shapes());
            i++;
        }
        ValueAxis x = axis(xLabel, logX);
        ValueAxis y = axis(yLabel, logY);
        if (!logX) {
            ((NumberAxis) x).setAutoRangeIncludesZero(false);
            if (integerX) {
                x.setStandardTickUnits(NumberAxis.createIntegerTickUnits());
            }
        }
        XYPlot plot = new XYPlot(data, x, y, renderer);
        addMarkers(plot, markers);
        return ChartStyle.apply(new JFreeChart(null, JFreeChart.DEFAULT_TITLE_FONT, plot, true));
    }

    static ValueAxis axis(String label, boolean log) {
        if (log) {
            LogAxis axis = new LogAxis(label);
            axis.setSmallestValue(1e-9);
            // ticks at whole decades only: 1, 10, 100 read at a glance, 316 and 3,162 do not
            axis.setAutoTickUnitSelection(false);
            axis.setTickUnit(new NumberTickUnit(1.0));
            axis.setNumberFormatOverride(Formats.axisNumberFormat());
            axis.setMinorTickMarksVisible(true);
            return axis;
        }
        NumberAxis axis = new NumberAxis(label);
        axis.setNumberFormatOverride(Formats.axisNumberFormat());
        return axis;
    }

    static void addMarkers(XYPlot plot, List<Marker> markers) {
        for (Marker m : markers) {
            ValueMarker line = new ValueMarker(m.value(), ChartStyle.FLOOR, ChartStyle.floorLine());
            line.setLabel(m.label());
            line.setLabelFont(new Font(Font.SANS_SERIF, Font.PLAIN, 10));
            line.setLabelPaint(ChartStyle.FLOOR);
            line.setLabelAnchor(RectangleAnchor.TOP_LEFT);
            line.setLabelTextAnchor(TextAnchor.BOTTOM_LEFT);
            plot.addRangeMarker(line);
        }
    }
}
