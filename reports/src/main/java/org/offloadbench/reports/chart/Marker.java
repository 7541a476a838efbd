package org.offloadbench.reports.chart;

/** A horizontal reference line, e.g. the machine's native floor measured by the calibration suite. */
public record Marker(String label, double value) {
}
