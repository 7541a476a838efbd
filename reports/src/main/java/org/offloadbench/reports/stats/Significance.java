package org.offloadbench.reports.stats;

import org.apache.commons.math3.distribution.TDistribution;
import org.apache.commons.math3.stat.descriptive.StatisticalSummaryValues;
import org.apache.commons.math3.stat.inference.TTest;
import org.offloadbench.core.result.SummaryRecord;

/**
 * Tests whether two figures differ, with a stated test, its p-value and an effect size with an interval.
 * <ul>
 *   <li>Both figures carry their samples: the two-sided Mann-Whitney U test, as benchstat does (exact
 *       p-value for small samples without ties, see {@link MannWhitney}); effect = ratio of medians,
 *       candidate / baseline, with the Hodges-Lehmann interval at 1 - alpha ({@link RatioInterval}).
 *       When even the most extreme ordering cannot reach alpha (2 / C(m + n, m) > alpha; at 0.05 that
 *       means fewer than 4 samples a side, unless 3 and 5 or 2 and 8), the verdict is "too few samples" (its p-value is
 *       still given, for what it is worth).</li>
 *   <li>Otherwise, when both carry a mean's interval (n >= 3): Welch's t test (commons-math3) with each
 *       standard deviation recovered from the interval's upper half-width, sd = half sqrt(n) / t(n - 1)
 *       at the records' 99.9 % level (the upper side, because a lower bound may have been clamped at
 *       zero); effect = ratio of means with a delta-method interval on the log scale at 1 - alpha.</li>
 *   <li>Otherwise nothing is tested: "not judged" (no samples and no interval), or "too few samples"
 *       when samples were kept but an interval is missing for lack of them.</li>
 * </ul>
 */
public final class Significance {
    /** The level every verdict uses, benchstat's default. */
    public static final double ALPHA = 0.05;
    /** The confidence level of the records' intervals, see {@link SummaryRecord}. */
    static final double RECORD_CONFIDENCE = 0.999;

    public static final String MANN_WHITNEY_EXACT = "Mann-Whitney U (exact)";
    public static final String MANN_WHITNEY_NORMAL = "Mann-Whitney U (normal approx.)";
    public static final String WELCH = "Welch's t (from mean, interval, n)";
    public static final String MEDIAN_EFFECT = "ratio of medians, Hodges-Lehmann interval";
    public static final String MEAN_EFFECT = "ratio of means, delta-method interval";

    private Significance() {
    }

    /**
     * @param verdict    the outcome
     * @param ratio      effect: candidate / baseline (of medians with samples, of means otherwise), or null
     * @param ratioLow   lower end of its interval at 1 - alpha, or null when none can be given
     * @param ratioHigh  upper end, or null
     * @param pValue     the two-sided p-value, or null when no test ran
     * @param test       the test used, or null when none ran
     * @param effect     how the effect and its interval were computed, or null
     * @param alpha      the level the verdict uses
     * @param nBaseline  samples behind the baseline (kept samples when present, the record's n otherwise)
     * @param nCandidate samples behind the candidate
     * @param reason     one line for a reader: why this verdict
     */
    public record Comparison(Verdict verdict, Double ratio, Double ratioLow, Double ratioHigh, Double pValue,
                             String test, String effect, double alpha, long nBaseline, long nCandidate,
                             String reason) {

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

        public boolean significant() {
            return verdict == Verdict.BETTER || verdict == Verdict.WORSE;
        }
    }

    public static Comparison compare(SummaryRecord baseline, SummaryRecord candidate, boolean higherIsBetter) {
        if (baseline.hasSamples() && candidate.hasSamples()) {
            return mannWhitney(values(baseline), values(candidate), higherIsBetter);
        }
        if (baseline.hasInterval() && candidate.hasInterval() && baseline.n() >= 3 && candidate.n() >= 3) {
            return welch(baseline, candidate, higherIsBetter);
        }
        Double ratio = baseline.value() == 0 ? null : candidate.value() / baseline.value();
        return new Comparison(Verdict.NOT_JUDGED, ratio, null, null, null, null, null, ALPHA, baseline.n(),
                candidate.n(), "no samples on both sides and no interval on both sides (n=" + baseline.n() + "/"
                + candidate.n() + "): nothing to test");
    }

    static Comparison mannWhitney(double[] base, double[] cand, boolean higherIsBetter) {
        int m = base.length;
        int n = cand.length;
        RatioInterval effect = RatioInterval.of(base, cand, ALPHA);
        MannWhitney.Result r = MannWhitney.test(base, cand);
        String test = r.exact() ? MANN_WHITNEY_EXACT : MANN_WHITNEY_NORMAL;
        double smallest = MannWhitney.smallestP(m, n);
        if (smallest > ALPHA) {
            // the p-value is reported, but no verdict is drawn from a test that could never reject
            return new Comparison(Verdict.TOO_FEW_SAMPLES, effect.ratio(), effect.low(), effect.high(), r.p(),
                    test, MEDIAN_EFFECT, ALPHA, m, n, "n=" + m + "/" + n + ": " + test + " p=" + format(r.p())
                    + ", but the smallest p-value it can reach with these sizes is " + format(smallest) + " > alpha "
                    + ALPHA + " (it needs at least 4 samples a side, or 3 and 5, or 2 and 8)");
        }
        Verdict verdict = verdict(r.p(), r.u() > m * (double) n / 2, higherIsBetter);
        return new Comparison(verdict, effect.ratio(), effect.low(), effect.high(), r.p(), test, MEDIAN_EFFECT, ALPHA,
                m, n, test + ", p=" + format(r.p()) + (verdict == Verdict.NO_SIGNIFICANT_DIFFERENCE ? " >= " : " < ")
                + "alpha " + ALPHA);
    }

    static Comparison welch(SummaryRecord baseline, SummaryRecord candidate, boolean higherIsBetter) {
        double sdB = sdFromInterval(baseline);
        double sdC = sdFromInterval(candidate);
        long nB = baseline.n();
        long nC = candidate.n();
        double mB = baseline.value();
        double mC = candidate.value();
        Double ratio = mB == 0 ? null : mC / mB;
        if (sdB == 0 && sdC == 0) {
            return new Comparison(Verdict.NOT_JUDGED, ratio, null, null, null, null, null, ALPHA, nB, nC,
                    "both intervals have zero width: Welch's t is undefined");
        }
        double p = new TTest().tTest(summary(mB, sdB, nB), summary(mC, sdC, nC));
        Double low = null;
        Double high = null;
        if (mB > 0 && mC > 0) {
            // var(log mean) ~ sd^2 / (n mean^2); Welch-Satterthwaite degrees of freedom on those terms
            double vB = sdB * sdB / (nB * mB * mB);
            double vC = sdC * sdC / (nC * mC * mC);
            double df = (vB + vC) * (vB + vC) / (vB * vB / (nB - 1) + vC * vC / (nC - 1));
            double t = new TDistribution(Math.max(1, df)).inverseCumulativeProbability(1 - ALPHA / 2);
            double half = t * Math.sqrt(vB + vC);
            low = ratio * Math.exp(-half);
            high = ratio * Math.exp(half);
        }
        Verdict verdict = verdict(p, mC > mB, higherIsBetter);
        return new Comparison(verdict, ratio, low, high, p, WELCH, MEAN_EFFECT, ALPHA, nB, nC, WELCH + ", p="
                + format(p) + (verdict == Verdict.NO_SIGNIFICANT_DIFFERENCE ? " >= " : " < ") + "alpha " + ALPHA
                + " (no samples kept)");
    }

    private static Verdict verdict(double p, boolean candidateHigher, boolean higherIsBetter) {
        if (!(p < ALPHA)) {
            return Verdict.NO_SIGNIFICANT_DIFFERENCE;
        }
        return candidateHigher == higherIsBetter ? Verdict.BETTER : Verdict.WORSE;
    }

    /** The sample standard deviation that a t interval at the records' level with this n implies. */
    static double sdFromInterval(SummaryRecord r) {
        double half = r.ciHigh() - r.value();
        double t = new TDistribution(r.n() - 1).inverseCumulativeProbability(1 - (1 - RECORD_CONFIDENCE) / 2);
        return Math.max(0, half) * Math.sqrt(r.n()) / t;
    }

    private static StatisticalSummaryValues summary(double mean, double sd, long n) {
        return new StatisticalSummaryValues(mean, sd * sd, n, Double.NaN, Double.NaN, mean * n);
    }

    static double[] values(SummaryRecord r) {
        return r.samples().stream().mapToDouble(Double::doubleValue).toArray();
    }

    static String format(double p) {
        return p < 0.0001 ? String.format(java.util.Locale.ROOT, "%.1e", p) : String.format(java.util.Locale.ROOT, "%.4f", p);
    }
}
