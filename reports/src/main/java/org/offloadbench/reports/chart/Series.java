package org.offloadbench.reports.chart;

import java.util.List;

/**
 * One line on an XY chart.
 *
 * @param name       legend text
 * @param xs         x values
 * @param ys         y values, same length as xs
 * @param colorIndex palette slot; series that belong together (corrected and uncorrected) share one
 * @param dashed     drawn dashed (uncorrected latency, fitted curves)
 * @param shapes     draw a marker at each point (measured data) or not (curves)
 */
public record Series(String name, List<Double> xs, List<Double> ys, int colorIndex, boolean dashed, boolean shapes) {
    public Series {
        if (xs.size() != ys.size()) {
            throw new IllegalArgumentException("series " + name + ": " + xs.size() + " x values but "
                    + ys.size() + " y values");
        }
        xs = List.copyOf(xs);
        ys = List.copyOf(ys);
    }
}
