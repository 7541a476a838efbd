package org.offloadbench.reports.stats;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.MathContext;
import java.util.Arrays;
import org.apache.commons.math3.distribution.NormalDistribution;
import org.apache.commons.math3.stat.ranking.NaNStrategy;
import org.apache.commons.math3.stat.ranking.NaturalRanking;
import org.apache.commons.math3.stat.ranking.TiesStrategy;

/**
 * The two-sided Mann-Whitney U (Wilcoxon rank-sum) test, as benchstat uses it: does one sample tend to
 * lie above the other? The p-value is exact when there are no ties and both samples have at most
 * {@value #EXACT_MAX} values (the null distribution of U counted exactly, as benchstat does); otherwise it
 * is the normal approximation with the tie correction and a continuity correction. commons-math3's
 * {@code MannWhitneyUTest} always uses the normal approximation, which is poor for the 3-10 samples per
 * figure a benchmark has, hence this class.
 */
public final class MannWhitney {
    /** Largest sample size per side for which the exact distribution is used. */
    public static final int EXACT_MAX = 50;

    private MannWhitney() {
    }

    /**
     * @param u     U of the second sample: pairs (x, y) with y above x, a tie counting one half
     * @param p     two-sided p-value
     * @param exact whether p comes from the exact distribution (no ties, small samples)
     */
    public record Result(double u, double p, boolean exact) {
    }

    public static Result test(double[] x, double[] y) {
        int m = x.length;
        int n = y.length;
        if (m == 0 || n == 0) {
            throw new IllegalArgumentException("Mann-Whitney U needs values on both sides, had " + m + " and " + n);
        }
        double[] all = new double[m + n];
        System.arraycopy(x, 0, all, 0, m);
        System.arraycopy(y, 0, all, m, n);
        double[] ranks = new NaturalRanking(NaNStrategy.FAILED, TiesStrategy.AVERAGE).rank(all);
        double rankSumY = 0;
        for (int i = m; i < m + n; i++) {
            rankSumY += ranks[i];
        }
        double u = rankSumY - n * (n + 1) / 2.0;
        double tieTerm = tieTerm(all);
        if (tieTerm == 0 && m <= EXACT_MAX && n <= EXACT_MAX) {
            long uLow = Math.round(Math.min(u, (double) m * n - u));
            return new Result(u, Math.min(1, 2 * exactCdf(m, n, uLow)), true);
        }
        int total = m + n;
        double variance = m * (double) n / 12 * ((total + 1) - tieTerm / ((double) total * (total - 1)));
        if (variance <= 0) {
            return new Result(u, 1, false); // every value equal: nothing tells the samples apart
        }
        double z = Math.max(0, Math.abs(u - m * (double) n / 2) - 0.5) / Math.sqrt(variance);
        double p = 2 * (1 - new NormalDistribution().cumulativeProbability(z));
        return new Result(u, Math.min(1, p), false);
    }

    /**
     * The smallest two-sided p-value the exact test can reach with these sample sizes, 2 / C(m + n, m):
     * when it is above alpha, no data could show a difference.
     */
    public static double smallestP(int m, int n) {
        return Math.min(1, 2 / binomial(m + n, m).doubleValue());
    }

    /** P(U <= u) under the null hypothesis for samples of m and n values without ties. */
    public static double exactCdf(int m, int n, long u) {
        if (u < 0) {
            return 0;
        }
        double[] cdf = exactCdf(m, n);
        return cdf[(int) Math.min(u, cdf.length - 1)];
    }

    /** P(U <= u) for every u from 0 to m n, for samples of m and n values without ties. */
    public static double[] exactCdf(int m, int n) {
        BigInteger[] counts = frequencies(m, n);
        BigDecimal total = new BigDecimal(binomial(m + n, m));
        double[] cdf = new double[counts.length];
        BigInteger below = BigInteger.ZERO;
        for (int i = 0; i < counts.length; i++) {
            below = below.add(counts[i]);
            cdf[i] = new BigDecimal(below).divide(total, MathContext.DECIMAL64).doubleValue();
        }
        return cdf;
    }

    /**
     * How many of the C(m + n, m) orderings give U = 0, 1, ..., m n: the coefficients of the Gaussian
     * binomial [m + n choose m], built as the product over i of (1 - q^(n + i)) / (1 - q^i).
     */
    static BigInteger[] frequencies(int m, int n) {
        int size = m * n + 1;
        BigInteger[] c = new BigInteger[size];
        Arrays.fill(c, BigInteger.ZERO);
        c[0] = BigInteger.ONE;
        for (int i = 1; i <= m; i++) {
            for (int k = size - 1; k >= n + i; k--) {
                c[k] = c[k].subtract(c[k - n - i]);
            }
            for (int k = i; k < size; k++) {
                c[k] = c[k].add(c[k - i]);
            }
        }
        return c;
    }

    private static BigInteger binomial(int total, int k) {
        BigInteger r = BigInteger.ONE;
        for (int i = 1; i <= k; i++) {
            r = r.multiply(BigInteger.valueOf(total - k + i)).divide(BigInteger.valueOf(i));
        }
        return r;
    }

    /** Sum of t^3 - t over groups of t tied values; zero without ties. */
    private static double tieTerm(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        double term = 0;
        int i = 0;
        while (i < sorted.length) {
            int j = i;
            while (j + 1 < sorted.length && sorted[j + 1] == sorted[i]) {
                j++;
            }
            double t = j - i + 1;
            term += t * t * t - t;
            i = j + 1;
        }
        return term;
    }
}
