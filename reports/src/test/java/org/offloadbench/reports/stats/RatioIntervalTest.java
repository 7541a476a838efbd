package org.offloadbench.reports.stats;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.Test;

class RatioIntervalTest {

    private static double[] logNormal(Random random, int n, double scale, double sigma) {
        double[] v = new double[n];
        for (int i = 0; i < n; i++) {
            v[i] = scale * Math.exp(sigma * random.nextGaussian());
        }
        return v;
    }

    @Test
    void theIntervalCoversTheTrueRatioAtLeastAsOftenAsPromised() {
        Random random = new Random(42);
        double trueRatio = 1.3;
        int trials = 400;
        for (int[] sizes : new int[][] {{5, 5}, {4, 7}, {10, 10}, {60, 60}}) {
            int covered = 0;
            for (int t = 0; t < trials; t++) {
                RatioInterval r = RatioInterval.of(logNormal(random, sizes[0], 1000, 0.1),
                        logNormal(random, sizes[1], 1000 * trueRatio, 0.1), 0.05);
                assertTrue(r.low() <= r.ratio() * 1.2 && r.high() >= r.ratio() / 1.2);
                if (r.low() <= trueRatio && trueRatio <= r.high()) {
                    covered++;
                }
            }
            // 95 % nominal (exact for the small sizes): a seeded run far below that means a wrong interval
            assertTrue(covered >= 0.92 * trials, sizes[0] + "x" + sizes[1] + ": covered " + covered + " of " + trials);
            assertTrue(covered < trials, sizes[0] + "x" + sizes[1] + ": an interval that always covers is too wide");
        }
    }

    @Test
    void theRatioIsOfMediansAndAnExactIntervalUsesTheTablesCut() {
        double[] base = {100, 101, 102, 103, 104};
        double[] cand = {200, 202, 204, 206, 500};
        RatioInterval r = RatioInterval.of(base, cand, 0.05);
        assertEquals(204 / 102.0, r.ratio(), 1e-12);
        // 5x5 cuts c = 2 pairwise ratios from each end (critical value 2): the 3rd smallest and 3rd largest
        assertEquals(2, RatioInterval.lowerCount(5, 5, 0.05, false));
        assertEquals(202 / 104.0, r.low(), 1e-12);
        assertEquals(500 / 102.0, r.high(), 1e-12);
    }

    @Test
    void tooFewOrNonPositiveValuesGiveNoInterval() {
        RatioInterval two = RatioInterval.of(new double[] {1, 2}, new double[] {3, 4}, 0.05);
        assertEquals(3.5 / 1.5, two.ratio(), 1e-12);
        assertNull(two.low());
        RatioInterval zero = RatioInterval.of(new double[] {0, 1, 2, 3}, new double[] {3, 4, 5, 6}, 0.05);
        assertNull(zero.low());
        assertNull(RatioInterval.of(new double[] {0, 0, 0}, new double[] {1, 2, 3}, 0.05).ratio());
    }
}
