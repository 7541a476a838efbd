package org.offloadbench.reports.html;

import java.util.List;

/** Everything compare.mustache shows. */
public record CompareView(String title, String subtitle, String machineWarning, List<KeyValue> runs, String tally,
                          Table changes, String csv, Table unmatched) {
}
