package org.offloadbench.reports.stats;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.offloadbench.core.result.SummaryRecord;

/**
 * Picks the best of several models' figures for the same measurement and says by how much it beats the
 * runner-up, with the test behind that claim ({@link Significance}). The factor is always >= 1 ("2.0x
 * faster"), whichever direction the metric prefers: winner / runner-up for a higher-is-better metric,
 * runner-up / winner otherwise, with the effect's interval turned the same way.
 *
 * @param winner      the best figure
 * @param runnerUp    the second best, or null when only one model was measured
 * @param factor      how many times better the winner is than the runner-up (>= 1 by value), or null
 * @param factorLow   lower end of the factor's interval, or null
 * @param factorHigh  upper end, or null
 * @param verdict     BETTER (significant win), NO_SIGNIFICANT_DIFFERENCE, TOO_FEW_SAMPLES, NOT_JUDGED, or null
 *                    with one model
 * @param comparison  the test of runner-up (baseline) against winner (candidate), or null with one model
 */
public record Winner(SummaryRecord winner, SummaryRecord runnerUp, Double factor, Double factorLow,
                     Double factorHigh, Verdict verdict, Significance.Comparison comparison) {

    public static Winner pick(List<SummaryRecord> figures, boolean higherIsBetter) {
        if (figures.isEmpty()) {
            throw new IllegalArgumentException("no figures to pick a winner from");
        }
        List<SummaryRecord> sorted = new ArrayList<>(figures);
        Comparator<SummaryRecord> byValue = Comparator.comparingDouble(SummaryRecord::value);
        sorted.sort(higherIsBetter ? byValue.reversed() : byValue);
        SummaryRecord best = sorted.get(0);
        if (sorted.size() == 1) {
            return new Winner(best, null, null, null, null, null, null);
        }
        SummaryRecord second = sorted.get(1);
        Significance.Comparison c = Significance.compare(second, best, higherIsBetter);
        if (c.verdict() == Verdict.WORSE) {
            // the test of the samples ranks the runner-up above the best value (a mean pulled by one outlier
            // iteration): the tested order wins, so the table never calls a significantly worse model the winner
            SummaryRecord t = best;
            best = second;
            second = t;
            c = Significance.compare(second, best, higherIsBetter);
        }
        Double factor = c.ratio();
        Double low = c.ratioLow();
        Double high = c.ratioHigh();
        if (!higherIsBetter) {
            factor = invert(factor);
            Double invLow = invert(high);
            high = invert(low);
            low = invLow;
        }
        return new Winner(best, second, factor, low, high, c.verdict(), c);
    }

    private static Double invert(Double v) {
        return v == null || v == 0 ? null : 1 / v;
    }

    public boolean significant() {
        return verdict == Verdict.BETTER;
    }
}
