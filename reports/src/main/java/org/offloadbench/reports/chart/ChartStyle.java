package org.offloadbench.reports.chart;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Paint;
import java.awt.Stroke;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.StandardChartTheme;
import org.jfree.chart.plot.Plot;
import org.jfree.chart.renderer.category.StandardBarPainter;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.chart.ui.RectangleInsets;

/** One look for every chart: quiet grid, readable fonts, a colour-blind-safe palette (Okabe-Ito). */
public final class ChartStyle {
    private static final Color[] PALETTE = {
        new Color(0x0072B2), new Color(0xD55E00), new Color(0x009E73), new Color(0xCC79A7),
        new Color(0xE69F00), new Color(0x56B4E9), new Color(0x000000), new Color(0xF0E442)
    };
    /** Colours a chart can tell apart; a chart that needs more becomes small multiples. */
    public static final int PALETTE_SIZE = PALETTE.length;
    public static final Color FLOOR = new Color(0x777777);
    private static final Color GRID = new Color(0xE3E3E3);
    private static final String FONT = Font.SANS_SERIF;
    /** CSS size of a chart; the PNG has twice the pixels. */
    public static final int WIDTH = 960;
    public static final int HEIGHT = 420;

    private ChartStyle() {
    }

    /** A palette colour; a negative index means the grey of reference lines (native floors). */
    public static Paint color(int index) {
        if (index < 0) {
            return FLOOR;
        }
        return PALETTE[Math.floorMod(index, PALETTE.length)];
    }

    public static Stroke line(boolean dashed) {
        return dashed
                ? new BasicStroke(2f, BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND, 1f, new float[] {6f, 5f}, 0f)
                : new BasicStroke(2f, BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND);
    }

    public static Stroke floorLine() {
        return new BasicStroke(1.2f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 1f, new float[] {3f, 3f}, 0f);
    }

    /**
     * A line renderer whose series keep the paints and strokes set on them: without this the theme
     * replaces them with its own sequence, and a model's colour would differ from chart to chart.
     */
    public static XYLineAndShapeRenderer lineRenderer(boolean shapes) {
        XYLineAndShapeRenderer renderer = new XYLineAndShapeRenderer(true, shapes);
        renderer.setAutoPopulateSeriesPaint(false);
        renderer.setAutoPopulateSeriesStroke(false);
        return renderer;
    }

    /** Applies the common look; the chart title is left to the HTML, so charts carry none. */
    public static JFreeChart apply(JFreeChart chart) {
        StandardChartTheme theme = new StandardChartTheme("offload-bench");
        theme.setExtraLargeFont(new Font(FONT, Font.BOLD, 15));
        theme.setLargeFont(new Font(FONT, Font.PLAIN, 12));
        theme.setRegularFont(new Font(FONT, Font.PLAIN, 11));
        theme.setSmallFont(new Font(FONT, Font.PLAIN, 10));
        theme.setChartBackgroundPaint(Color.WHITE);
        theme.setPlotBackgroundPaint(Color.WHITE);
        theme.setDomainGridlinePaint(GRID);
        theme.setRangeGridlinePaint(GRID);
        theme.setAxisLabelPaint(new Color(0x333333));
        theme.setTickLabelPaint(new Color(0x444444));
        theme.setLegendBackgroundPaint(Color.WHITE);
        theme.setShadowVisible(false);
        theme.setBarPainter(new StandardBarPainter());
        theme.apply(chart);
        chart.setTitle((String) null);
        chart.setAntiAlias(true);
        chart.setTextAntiAlias(true);
        chart.setPadding(new RectangleInsets(8, 8, 8, 12));
        Plot plot = chart.getPlot();
        plot.setOutlineVisible(false);
        return chart;
    }
}
