package org.offloadbench.reports.stats;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.apache.commons.math3.stat.inference.MannWhitneyUTest;
import org.junit.jupiter.api.Test;

class MannWhitneyTest {

    /** Critical values of U, two-sided alpha 0.05, from the published tables: the largest u with P(U <= u) <= 0.025. */
    @Test
    void exactDistributionReproducesTheTablesCriticalValues() {
        int[][] table = {{4, 4, 0}, {3, 5, 0}, {4, 6, 2}, {5, 5, 2}, {6, 6, 5}, {7, 7, 8}, {8, 8, 13}, {10, 10, 23},
            {20, 20, 127}};
        for (int[] row : table) {
            int m = row[0];
            int n = row[1];
            int critical = row[2];
            assertTrue(MannWhitney.exactCdf(m, n, critical) <= 0.025, m + "x" + n + " at " + critical);
            assertTrue(MannWhitney.exactCdf(m, n, critical + 1) > 0.025, m + "x" + n + " at " + (critical + 1));
        }
    }

    @Test
    void exactProbabilitiesMatchCountedOrderings() {
        // counted by enumerating all C(m+n, m) orderings
        assertEquals(1 / 70.0, MannWhitney.exactCdf(4, 4, 0), 1e-15);
        assertEquals(4 / 252.0, MannWhitney.exactCdf(5, 5, 2), 1e-15);
        assertEquals(43 / 924.0, MannWhitney.exactCdf(6, 6, 7), 1e-15);
        assertEquals(1.0, MannWhitney.exactCdf(6, 6, 36), 1e-15);
        assertEquals(0.0, MannWhitney.exactCdf(6, 6, -1));
        // symmetry: P(U <= u) = P(U >= mn - u)
        double[] cdf = MannWhitney.exactCdf(7, 4);
        for (int u = 0; u < 28; u++) {
            assertEquals(cdf[u], 1 - cdf[27 - u], 1e-12);
        }
    }

    @Test
    void completelySeparatedSamplesGiveTheSmallestExactP() {
        MannWhitney.Result r = MannWhitney.test(new double[] {1, 2, 3, 4, 5}, new double[] {6, 7, 8, 9, 10});
        assertTrue(r.exact());
        assertEquals(25.0, r.u());
        assertEquals(2 / 252.0, r.p(), 1e-12); // R: wilcox.test(1:5, 6:10) p-value = 0.007937
        assertEquals(2 / 252.0, MannWhitney.smallestP(5, 5), 1e-12);
        assertEquals(0.1, MannWhitney.smallestP(3, 3), 1e-12);
        // interleaved samples: U at the centre, p = 1
        MannWhitney.Result mid = MannWhitney.test(new double[] {1, 4, 5, 8}, new double[] {2, 3, 6, 7});
        assertEquals(8.0, mid.u());
        assertEquals(1.0, mid.p(), 1e-12);
    }

    @Test
    void largeSamplesUseTheNormalApproximationLikeCommonsMath() {
        Random random = new Random(7);
        double[] x = new double[60];
        double[] y = new double[60];
        for (int i = 0; i < 60; i++) {
            x[i] = random.nextGaussian();
            y[i] = random.nextGaussian() + 0.4;
        }
        MannWhitney.Result r = MannWhitney.test(x, y);
        assertFalse(r.exact());
        // commons-math3 has no continuity correction; the two agree to well within the correction's size
        assertEquals(new MannWhitneyUTest().mannWhitneyUTest(x, y), r.p(), 0.005);
    }

    @Test
    void tiesUseTheTieCorrectedApproximationAndAllEqualIsNoDifference() {
        MannWhitney.Result tied = MannWhitney.test(new double[] {1, 1, 2, 2, 3}, new double[] {3, 4, 4, 5, 5});
        assertFalse(tied.exact());
        assertTrue(tied.p() < 0.05, "p=" + tied.p());
        assertEquals(1.0, MannWhitney.test(new double[] {5, 5, 5}, new double[] {5, 5, 5, 5}).p());
        assertThrows(IllegalArgumentException.class, () -> MannWhitney.test(new double[0], new double[] {1}));
    }
}
