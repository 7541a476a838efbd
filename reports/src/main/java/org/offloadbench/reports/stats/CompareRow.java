package org.offloadbench.reports.stats;

import java.util.Optional;
import java.util.Set;
import org.offloadbench.core.result.Metric;
import org.offloadbench.core.result.SummaryRecord;

/**
 * One figure present in both runs, with the change and a verdict worded for a reader: faster / slower
 * for times and rates, better / worse for the rest (memory, counts), and "no significant change" that
 * says why (intervals overlap, or no interval to judge by).
 */
public record CompareRow(SummaryRecord baseline, SummaryRecord candidate, Significance.Comparison comparison,
                         String verdict, String reason) {
    private static final Set<String> SPEED_UNITS = Set.of("ns", "us", "ms", "ops/s", "GB/s", "x", "%");

    public static CompareRow of(SummaryRecord baseline, SummaryRecord candidate) {
        Optional<Metric> metric = Metric.byId(baseline.metric());
        if (metric.isEmpty()) {
            Significance.Comparison c = Significance.compare(baseline, candidate, true);
            return new CompareRow(baseline, candidate, c, "no verdict",
                    "unknown metric '" + baseline.metric() + "': which direction is better is not known");
        }
        Significance.Comparison c = Significance.compare(baseline, candidate, metric.get().higherIsBetter());
        boolean speed = SPEED_UNITS.contains(metric.get().unit());
        return switch (c.verdict()) {
            case BETTER -> new CompareRow(baseline, candidate, c, speed ? "faster" : "better", "intervals do not overlap");
            case WORSE -> new CompareRow(baseline, candidate, c, speed ? "slower" : "worse", "intervals do not overlap");
            case NO_SIGNIFICANT_DIFFERENCE -> new CompareRow(baseline, candidate, c, "no significant change",
                    "the intervals overlap");
            case NO_INTERVAL -> new CompareRow(baseline, candidate, c, "no significant change",
                    "no interval to judge by" + (Math.min(baseline.n(), candidate.n()) < 3 ? " (n < 3)" : ""));
        };
    }

    /** The key two runs' figures are matched on: suite, model, workload, params, metric. */
    public static String key(SummaryRecord r) {
        return r.suite() + "\u0000" + r.model() + "\u0000" + r.workload() + "\u0000" + r.params() + "\u0000" + r.metric();
    }
}
