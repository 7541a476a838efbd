package org.offloadbench.reports;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import org.offloadbench.core.result.Metric;
import org.offloadbench.core.result.SuiteNames;
import org.offloadbench.core.result.SummaryRecord;
import org.offloadbench.reports.stats.CompareRow;

/**
 * Whether two runs of the same commit on one machine agree, the check bench/README.md asks a user to make
 * before trusting a run: the headline figures (overhead p50, saturated throughput at workers = cores, latency
 * p99 at 50 % load, startup to first result) should lie within each other's intervals, and no verdict that was
 * significant in both runs may name a different winner.
 *
 * <p>A figure without an interval in either run cannot be judged this way; it is counted apart (with the share
 * within 10 %, for a reader), never as agreeing.
 */
public final class RunAgreement {
    private static final double NEAR = 0.10;

    /**
     * @param headlines     headline figures present in both runs
     * @param judged        of those, the ones with an interval in both runs
     * @param within        judged figures whose values each lie inside the other run's interval
     * @param overlapping   judged figures whose two intervals overlap (the looser reading)
     * @param unjudgedNear  figures without intervals whose values differ by at most 10 %
     * @param verdicts      verdict rows significant ("BETTER") in both runs
     * @param flipped       of those, the ones whose winner differs: "workload class: A -> B"
     * @param oneRunOnly    verdict rows significant in one run and not in the other: "class (workload): winner"
     * @param bySuite       per suite: judged headline figures and those within each other's intervals
     * @param disagreements judged headline figures outside each other's intervals, one line each
     */
    public record Result(int headlines, int judged, int within, int overlapping, int unjudgedNear, int verdicts,
                         List<String> flipped, List<String> oneRunOnly, Map<String, int[]> bySuite,
                         List<String> disagreements) {

        /** The share of judged headline figures within each other's intervals, 0 when none could be judged. */
        public double withinShare() {
            return judged == 0 ? 0 : (double) within / judged;
        }

        /** One line for the console and the page. */
        public String line() {
            List<String> suites = new ArrayList<>();
            bySuite.forEach((suite, c) -> suites.add(suite + " " + c[1] + "/" + c[0]));
            return String.format(Locale.ROOT, "headline figures: %d of %d with intervals lie within each other's "
                    + "intervals (%.0f %%; by suite %s; intervals overlap for %d); %d without an interval in a run, "
                    + "%d of them within 10 %%. Verdicts significant in both runs: %d, flipped: %d%s; significant in "
                    + "one run only: %d%s", within, judged, 100 * withinShare(), String.join(", ", suites),
                    overlapping, headlines - judged, unjudgedNear, verdicts, flipped.size(),
                    flipped.isEmpty() ? "" : " (" + String.join("; ", flipped) + ")", oneRunOnly.size(),
                    oneRunOnly.isEmpty() ? "." : " (" + String.join("; ", oneRunOnly) + ").");
        }
    }

    private RunAgreement() {
    }

    /**
     * @param cores the machine's core count: the saturated throughput headline is the step at workers = cores
     * @param baselineVerdicts the first run's verdict rows, empty when it has no verdicts.json
     */
    public static Result of(List<SummaryRecord> baseline, List<SummaryRecord> candidate, int cores,
                            List<VerdictsFile.Entry> baselineVerdicts, List<VerdictsFile.Entry> candidateVerdicts) {
        Map<String, SummaryRecord> other = new LinkedHashMap<>();
        candidate.stream().filter(r -> isHeadline(r, cores)).forEach(r -> other.putIfAbsent(CompareRow.key(r), r));
        int headlines = 0;
        int judged = 0;
        int within = 0;
        int overlapping = 0;
        int near = 0;
        List<String> disagreements = new ArrayList<>();
        Map<String, int[]> bySuite = new java.util.TreeMap<>();
        java.util.Set<String> seen = new java.util.HashSet<>();
        for (SummaryRecord a : baseline) {
            String key = CompareRow.key(a);
            SummaryRecord b = other.get(key);
            if (b == null || !isHeadline(a, cores) || !seen.add(key)) {
                continue;
            }
            headlines++;
            if (!hasInterval(a) || !hasInterval(b)) {
                if (Math.abs(b.value() - a.value()) <= NEAR * Math.max(Math.abs(a.value()), Math.abs(b.value()))) {
                    near++;
                }
                continue;
            }
            judged++;
            int[] suiteCounts = bySuite.computeIfAbsent(a.suite(), k -> new int[2]);
            suiteCounts[0]++;
            if (a.ciLow() <= b.ciHigh() && b.ciLow() <= a.ciHigh()) {
                overlapping++;
            }
            if (inside(a.value(), b) && inside(b.value(), a)) {
                within++;
                suiteCounts[1]++;
            } else {
                disagreements.add(String.format(Locale.ROOT, "%s %s %s %s: %.4g [%.4g, %.4g] vs %.4g [%.4g, %.4g] %s",
                        a.suite(), a.model(), a.workload(), a.metric(), a.value(), a.ciLow(), a.ciHigh(), b.value(),
                        b.ciLow(), b.ciHigh(), a.unit()));
            }
        }
        Map<String, VerdictsFile.Entry> later = new LinkedHashMap<>();
        candidateVerdicts.forEach(v -> later.putIfAbsent(verdictKey(v), v));
        int bothSignificant = 0;
        List<String> flipped = new ArrayList<>();
        List<String> oneRunOnly = new ArrayList<>();
        for (VerdictsFile.Entry v : baselineVerdicts) {
            VerdictsFile.Entry w = later.get(verdictKey(v));
            if (w == null || (!isSignificant(v) && !isSignificant(w))) {
                continue;
            }
            if (isSignificant(v) != isSignificant(w)) {
                VerdictsFile.Entry decided = isSignificant(v) ? v : w;
                oneRunOnly.add(decided.workloadClass() + " (" + decided.workload() + "): " + decided.winner()
                        + (decided == v ? " in the first run" : " in the second run"));
                continue;
            }
            bothSignificant++;
            if (!Objects.equals(v.winner(), w.winner())) {
                flipped.add(v.workloadClass() + ": " + v.winner() + " -> " + w.winner());
            }
        }
        return new Result(headlines, judged, within, overlapping, near, bothSignificant, List.copyOf(flipped),
                List.copyOf(oneRunOnly), java.util.Collections.unmodifiableMap(bySuite), List.copyOf(disagreements));
    }

    /** Whether {@code r} is one of the four headline figures. */
    static boolean isHeadline(SummaryRecord r, int cores) {
        return switch (r.suite()) {
            case SuiteNames.OVERHEAD -> r.metric().equals(Metric.ROUND_TRIP_P50_NS.id());
            case SuiteNames.SCALING -> r.metric().equals(Metric.THROUGHPUT.id())
                    && String.valueOf(cores).equals(r.param("workers"));
            case SuiteNames.LATENCY -> r.metric().equals(Metric.LATENCY_P99.id()) && "50".equals(r.param("ratePercent"));
            case SuiteNames.STARTUP -> r.metric().equals(Metric.STARTUP_TO_FIRST_RESULT.id());
            default -> false;
        };
    }

    private static boolean isSignificant(VerdictsFile.Entry v) {
        return "BETTER".equals(v.verdict()) && v.winner() != null;
    }

    private static String verdictKey(VerdictsFile.Entry v) {
        return v.workloadClass() + "\u0000" + v.workload() + "\u0000" + v.metric();
    }

    private static boolean hasInterval(SummaryRecord r) {
        return r.ciLow() != null && r.ciHigh() != null;
    }

    private static boolean inside(double value, SummaryRecord r) {
        return value >= r.ciLow() && value <= r.ciHigh();
    }
}
