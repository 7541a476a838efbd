package org.offloadbench.reports.html;

import org.offloadbench.reports.chart.ChartImage;

/** A chart in the page: the image at 1x size, its alt text and the CSV behind it. */
public record Figure(String src, int width, int height, String alt, String csv) {
    public static Figure of(ChartImage image, String alt, String csv) {
        return new Figure(image.relativePath(), image.width(), image.height(), alt, csv);
    }
}
