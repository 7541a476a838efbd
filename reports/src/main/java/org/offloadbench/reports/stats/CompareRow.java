package org.offloadbench.reports.stats;

import java.util.Optional;
import java.util.Set;
import org.offloadbench.core.result.Metric;
import org.offloadbench.core.result.SummaryRecord;

/**
 * One figure present in both runs, with the change and a verdict worded for a reader: faster / slower
 * for times and rates, better / worse for the rest (memory, counts), "no significant change" only when
 * a test ran and found none, "too few samples" when the test cannot reach alpha, and "not judged" when
 * there was nothing to test. The reason names the test and its p-value.
 */
public record CompareRow(SummaryRecord baseline, SummaryRecord candidate, Significance.Comparison comparison,
                         String verdict, String reason) {
    private static final Set<String> SPEED_UNITS = Set.of("ns", "us", "ms", "ops/s", "GB/s", "x", "%");

    /** How the summary line counts a row. */
    public enum Tally { BETTER, WORSE, NO_SIGNIFICANT_CHANGE, NOT_JUDGED }

    public static CompareRow of(SummaryRecord baseline, SummaryRecord candidate) {
        Optional<Metric> metric = Metric.byId(baseline.metric());
        if (metric.isEmpty()) {
            Significance.Comparison c = Significance.compare(baseline, candidate, true);
            return new CompareRow(baseline, candidate, c, "not judged",
                    "unknown metric '" + baseline.metric() + "': which direction is better is not known");
        }
        Significance.Comparison c = Significance.compare(baseline, candidate, metric.get().higherIsBetter());
        boolean speed = SPEED_UNITS.contains(metric.get().unit());
        String verdict = switch (c.verdict()) {
            case BETTER -> speed ? "faster" : "better";
            case WORSE -> speed ? "slower" : "worse";
            case NO_SIGNIFICANT_DIFFERENCE -> "no significant change";
            case TOO_FEW_SAMPLES -> "too few samples";
            case NOT_JUDGED -> "not judged";
        };
        return new CompareRow(baseline, candidate, c, verdict, c.reason());
    }

    /** Better and worse are tested changes; too few samples and nothing to test both count as not judged. */
    public Tally tally() {
        if (verdict.equals("not judged")) {
            return Tally.NOT_JUDGED;
        }
        return switch (comparison.verdict()) {
            case BETTER -> Tally.BETTER;
            case WORSE -> Tally.WORSE;
            case NO_SIGNIFICANT_DIFFERENCE -> Tally.NO_SIGNIFICANT_CHANGE;
            case TOO_FEW_SAMPLES, NOT_JUDGED -> Tally.NOT_JUDGED;
        };
    }

    /** The key two runs' figures are matched on: suite, model, workload, params, metric. */
    public static String key(SummaryRecord r) {
        return r.suite() + "\u0000" + r.model() + "\u0000" + r.workload() + "\u0000" + r.params() + "\u0000" + r.metric();
    }
}
