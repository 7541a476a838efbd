package org.offloadbench.reports.chart;

/**
 * A chart written to disk: its path relative to the report folder and its size in CSS pixels (the PNG
 * itself has twice as many pixels each way, for sharp high-density screens).
 */
public record ChartImage(String relativePath, int width, int height) {
}
