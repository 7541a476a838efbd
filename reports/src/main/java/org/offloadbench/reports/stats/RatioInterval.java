package org.offloadbench.reports.stats;

import java.util.Arrays;
import org.apache.commons.math3.distribution.NormalDistribution;

/**
 * The effect size of a sample comparison: the ratio of medians, candidate / baseline, and a
 * distribution-free confidence interval for that ratio, the Hodges-Lehmann (Moses) interval of the shift
 * in log(value): with c the largest count for which P(U <= c) <= alpha / 2 under the Mann-Whitney null,
 * the interval runs from the (c+1)-th smallest to the (c+1)-th largest of the m n pairwise ratios
 * candidate_j / baseline_i. Its coverage is at least 1 - alpha when the two differ by a factor (a scale
 * shift); it uses the same distribution as the test, exact where the test is. Needs positive values
 * (times, rates, sizes); otherwise there is no ratio interval.
 *
 * @param ratio median(candidate) / median(baseline), or null when the baseline median is zero
 * @param low   lower end of the interval, or null when the sample sizes cannot give one at this level
 * @param high  upper end, or null
 */
public record RatioInterval(Double ratio, Double low, Double high) {
    /** More pairs than this and the interval is not computed (a figure has tens of samples, not thousands). */
    static final long MAX_PAIRS = 4_000_000;

    public static RatioInterval of(double[] baseline, double[] candidate, double alpha) {
        double mb = median(baseline);
        Double ratio = mb == 0 ? null : median(candidate) / mb;
        int m = baseline.length;
        int n = candidate.length;
        if ((long) m * n > MAX_PAIRS || !positive(baseline) || !positive(candidate)) {
            return new RatioInterval(ratio, null, null);
        }
        long c = lowerCount(m, n, alpha, hasTies(baseline, candidate));
        if (c < 0) {
            return new RatioInterval(ratio, null, null);
        }
        double[] logRatios = new double[m * n];
        int k = 0;
        for (double b : baseline) {
            for (double y : candidate) {
                logRatios[k++] = Math.log(y) - Math.log(b);
            }
        }
        Arrays.sort(logRatios);
        return new RatioInterval(ratio, Math.exp(logRatios[(int) c]), Math.exp(logRatios[logRatios.length - 1 - (int) c]));
    }

    /** c, the number of pairwise ratios cut from each end; -1 when even the full range is not enough. */
    static long lowerCount(int m, int n, double alpha, boolean ties) {
        long pairs = (long) m * n;
        if (!ties && m <= MannWhitney.EXACT_MAX && n <= MannWhitney.EXACT_MAX) {
            double[] cdf = MannWhitney.exactCdf(m, n);
            long c = -1;
            while (c + 1 < pairs && cdf[(int) c + 1] <= alpha / 2) {
                c++;
            }
            return c;
        }
        double z = new NormalDistribution().inverseCumulativeProbability(1 - alpha / 2);
        long c = (long) Math.floor(pairs / 2.0 - z * Math.sqrt(pairs * (m + n + 1) / 12.0) - 0.5);
        return Math.min(c, (pairs - 1) / 2);
    }

    static double median(double[] values) {
        double[] s = values.clone();
        Arrays.sort(s);
        int mid = s.length / 2;
        return s.length % 2 == 1 ? s[mid] : (s[mid - 1] + s[mid]) / 2;
    }

    private static boolean positive(double[] values) {
        return Arrays.stream(values).allMatch(v -> v > 0);
    }

    private static boolean hasTies(double[] a, double[] b) {
        double[] all = new double[a.length + b.length];
        System.arraycopy(a, 0, all, 0, a.length);
        System.arraycopy(b, 0, all, a.length, b.length);
        Arrays.sort(all);
        for (int i = 1; i < all.length; i++) {
            if (all[i] == all[i - 1]) {
                return true;
            }
        }
        return false;
    }
}
