package org.offloadbench.reports.html;

import java.util.List;

/**
 * Everything compare.mustache shows. {@code agreement} is the headline-figure and verdict check of two runs;
 * {@code disagreementSummary} is null when every judged headline figure agrees, and {@code disagreements}
 * then lists nothing.
 */
public record CompareView(String title, String subtitle, String machineWarning, List<KeyValue> runs, String tally,
                          String agreement, String disagreementSummary, List<String> disagreements, Table changes,
                          String csv, Table unmatched) {
}
