package org.offloadbench.reports.stats;

import org.offloadbench.core.result.SummaryRecord;

/**
 * Compares two figures by their confidence intervals, the way benchstat does: a difference counts only
 * when the intervals do not overlap. The ratio's interval is the conservative one formed from the
 * intervals' extremes (candidate low / baseline high ... candidate high / baseline low).
 */
public final class Significance {
    private Significance() {
    }

    /**
     * @param ratio      candidate / baseline, or null when the baseline is zero
     * @param ratioLow   lower end of the ratio's interval, or null when either figure has none
     * @param ratioHigh  upper end, or null
     */
    public record Comparison(Verdict verdict, Double ratio, Double ratioLow, Double ratioHigh) {

        /** Change in percent, (ratio - 1) * 100, or null. */
        public Double changePercent() {
            return ratio == null ? null : (ratio - 1) * 100;
        }

        public Double changeLowPercent() {
            return ratioLow == null ? null : (ratioLow - 1) * 100;
        }

        public Double changeHighPercent() {
            return ratioHigh == null ? null : (ratioHigh - 1) * 100;
        }
    }

    public static boolean overlap(SummaryRecord a, SummaryRecord b) {
        requireInterval(a);
        requireInterval(b);
        return a.ciLow() <= b.ciHigh() && b.ciLow() <= a.ciHigh();
    }

    public static Comparison compare(SummaryRecord baseline, SummaryRecord candidate, boolean higherIsBetter) {
        Double ratio = baseline.value() == 0 ? null : candidate.value() / baseline.value();
        boolean intervals = baseline.hasInterval() && candidate.hasInterval();
        Double low = null;
        Double high = null;
        if (intervals && ratio != null && baseline.ciLow() > 0 && baseline.ciHigh() > 0) {
            low = candidate.ciLow() / baseline.ciHigh();
            high = candidate.ciHigh() / baseline.ciLow();
        }
        Verdict verdict;
        if (!intervals) {
            verdict = Verdict.NO_INTERVAL;
        } else if (overlap(baseline, candidate)) {
            verdict = Verdict.NO_SIGNIFICANT_DIFFERENCE;
        } else {
            boolean candidateHigher = candidate.value() > baseline.value();
            verdict = candidateHigher == higherIsBetter ? Verdict.BETTER : Verdict.WORSE;
        }
        return new Comparison(verdict, ratio, low, high);
    }

    private static void requireInterval(SummaryRecord r) {
        if (!r.hasInterval()) {
            throw new IllegalArgumentException(r.metric() + " of " + r.model() + " has no interval (n=" + r.n() + ")");
        }
    }
}
