package org.offloadbench.reports.chart;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.CategoryAxis;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.plot.CategoryPlot;
import org.jfree.chart.plot.PlotOrientation;
import org.jfree.chart.renderer.category.StackedBarRenderer;
import org.jfree.chart.renderer.category.StandardBarPainter;
import org.jfree.data.category.DefaultCategoryDataset;

/**
 * Horizontal stacked bars, one per category (a model), each split into the same parts (the anatomy of a
 * hand-off: send, queue, run, reply). Shown as shares of each bar's total, so a model whose round trip is a
 * thousand times another's still shows where its time goes; the page's table gives the absolute figures.
 */
public final class StackedBarChart {
    private StackedBarChart() {
    }

    /**
     * @param parts category -> (part -> value); every category lists the same parts in the same order
     */
    public static ChartImage write(Path reportDir, String name, String valueLabel,
                                   Map<String, Map<String, Double>> parts) throws IOException {
        DefaultCategoryDataset data = new DefaultCategoryDataset();
        for (Map.Entry<String, Map<String, Double>> bar : parts.entrySet()) {
            double total = bar.getValue().values().stream().mapToDouble(Double::doubleValue).sum();
            for (Map.Entry<String, Double> part : bar.getValue().entrySet()) {
                data.addValue(total > 0 ? 100 * part.getValue() / total : 0, part.getKey(), bar.getKey());
            }
        }
        StackedBarRenderer renderer = new StackedBarRenderer();
        renderer.setAutoPopulateSeriesPaint(false);
        renderer.setBarPainter(new StandardBarPainter());
        renderer.setShadowVisible(false);
        renderer.setMaximumBarWidth(0.6);
        for (int i = 0; i < data.getRowCount(); i++) {
            renderer.setSeriesPaint(i, ChartStyle.color(i));
        }
        NumberAxis axis = new NumberAxis(valueLabel);
        axis.setRange(0, 100);
        CategoryAxis categories = new CategoryAxis(null);
        categories.setMaximumCategoryLabelWidthRatio(0.4f);
        CategoryPlot plot = new CategoryPlot(data, categories, axis, renderer);
        plot.setOrientation(PlotOrientation.HORIZONTAL);
        JFreeChart chart = ChartStyle.apply(new JFreeChart(null, JFreeChart.DEFAULT_TITLE_FONT, plot, true));
        int height = Math.max(200, 100 + parts.size() * 28);
        return PngWriter.write(chart, reportDir, name, ChartStyle.WIDTH, height);
    }
}
