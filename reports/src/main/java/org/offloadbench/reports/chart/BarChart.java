package org.offloadbench.reports.chart;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.CategoryAxis;
import org.jfree.chart.axis.ValueAxis;
import org.jfree.chart.plot.CategoryPlot;
import org.jfree.chart.plot.PlotOrientation;
import org.jfree.chart.plot.ValueMarker;
import org.jfree.chart.renderer.category.BarRenderer;
import org.jfree.chart.renderer.category.StandardBarPainter;
import org.jfree.data.category.DefaultCategoryDataset;

/**
 * Horizontal bars, one per category (model names are long, so they read better down the side), grouped
 * by series; optionally on a log axis with reference lines (native floors) drawn across.
 */
public final class BarChart {
    private BarChart() {
    }

    /**
     * @param values series name -> (category -> value); categories keep their insertion order
     */
    public static ChartImage write(Path reportDir, String name, String valueLabel, boolean log,
                                   Map<String, Map<String, Double>> values, List<Marker> markers)
            throws IOException {
        DefaultCategoryDataset data = new DefaultCategoryDataset();
        double min = Double.MAX_VALUE;
        int categories = 0;
        for (Map.Entry<String, Map<String, Double>> series : values.entrySet()) {
            for (Map.Entry<String, Double> bar : series.getValue().entrySet()) {
                data.addValue(bar.getValue(), series.getKey(), bar.getKey());
                if (bar.getValue() > 0) {
                    min = Math.min(min, bar.getValue());
                }
            }
            categories = Math.max(categories, series.getValue().size());
        }
        for (Marker m : markers) {
            if (m.value() > 0) {
                min = Math.min(min, m.value());
            }
        }
        ValueAxis axis = LineChart.axis(valueLabel, log);
        BarRenderer renderer = new BarRenderer();
        renderer.setAutoPopulateSeriesPaint(false);
        renderer.setBarPainter(new StandardBarPainter());
        renderer.setShadowVisible(false);
        renderer.setItemMargin(0.05);
        renderer.setMaximumBarWidth(0.12);
        for (int i = 0; i < values.size(); i++) {
            renderer.setSeriesPaint(i, ChartStyle.color(i));
        }
        if (log && min != Double.MAX_VALUE) {
            // bars on a log axis need a positive base; start one decade below the smallest figure
            double base = Math.pow(10, Math.floor(Math.log10(min)) - 1);
            renderer.setBase(base);
            axis.setLowerBound(base);
            axis.setAutoRange(true);
        }
        CategoryAxis categoryAxis = new CategoryAxis(null);
        categoryAxis.setMaximumCategoryLabelWidthRatio(0.35f);
        CategoryPlot plot = new CategoryPlot(data, categoryAxis, axis, renderer);
        plot.setOrientation(PlotOrientation.HORIZONTAL);
        for (Marker m : markers) {
            // unlabelled: floors often sit close together and their labels would collide; the page lists them
            plot.addRangeMarker(new ValueMarker(m.value(), ChartStyle.FLOOR, ChartStyle.floorLine()));
        }
        JFreeChart chart = ChartStyle.apply(new JFreeChart(null, JFreeChart.DEFAULT_TITLE_FONT, plot,
                values.size() > 1));
        int height = Math.max(220, 90 + categories * Math.max(1, values.size()) * 26);
        return PngWriter.write(chart, reportDir, name, ChartStyle.WIDTH, height);
    }
}
