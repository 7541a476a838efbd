package org.offloadbench.reports.stats;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.offloadbench.core.result.SummaryRecord;

/**
 * Picks the best of several models' figures for the same measurement and says by how much it beats the
 * runner-up. The factor is always >= 1 ("2.0x faster"), whichever direction the metric prefers; its
 * interval is formed from the two intervals' extremes, and a winner whose interval overlaps the
 * runner-up's is reported as no significant difference.
 *
 * @param winner      the best figure
 * @param runnerUp    the second best, or null when only one model was measured
 * @param factor      how many times better the winner is than the runner-up (>= 1), or null
 * @param factorLow   lower end of the factor's interval, or null
 * @param factorHigh  upper end, or null
 * @param verdict     BETTER (significant win), NO_SIGNIFICANT_DIFFERENCE, NO_INTERVAL, or null with one model
 */
public record Winner(SummaryRecord winner, SummaryRecord runnerUp, Double factor, Double factorLow,
                     Double factorHigh, Verdict verdict) {

    public static Winner pick(List<SummaryRecord> figures, boolean higherIsBetter) {
        if (figures.isEmpty()) {
            throw new IllegalArgumentException("no figures to pick a winner from");
        }
        List<SummaryRecord> sorted = new ArrayList<>(figures);
        Comparator<SummaryRecord> byValue = Comparator.comparingDouble(SummaryRecord::value);
        sorted.sort(higherIsBetter ? byValue.reversed() : byValue);
        SummaryRecord best = sorted.get(0);
        if (sorted.size() == 1) {
            return new Winner(best, null, null, null, null, null);
        }
        SummaryRecord second = sorted.get(1);
        // Comparing the runner-up (baseline) with the winner (candidate) gives winner/runner-up; for a
        // lower-is-better metric the factor is the inverse, so it still reads "x times better".
        Significance.Comparison c = Significance.compare(second, best, higherIsBetter);
        Double factor = c.ratio();
        Double low = c.ratioLow();
        Double high = c.ratioHigh();
        if (!higherIsBetter) {
            factor = invert(factor);
            Double invLow = invert(high);
            high = invert(low);
            low = invLow;
        }
        Verdict verdict = c.verdict() == Verdict.WORSE ? Verdict.BETTER : c.verdict();
        return new Winner(best, second, factor, low, high, verdict);
    }

    private static Double invert(Double v) {
        return v == null || v == 0 ? null : 1 / v;
    }

    public boolean significant() {
        return verdict == Verdict.BETTER;
    }
}
