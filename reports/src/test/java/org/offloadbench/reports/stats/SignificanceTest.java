package org.offloadbench.reports.stats;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.offloadbench.core.result.SummaryRecord;

class SignificanceTest {
    /** A figure with a mean's interval and no samples (as every run before samples were kept). */
    static SummaryRecord fig(String model, double value, Double low, Double high) {
        return new SummaryRecord("scaling", model, "sha256", Map.of("workers", "2"), "throughput", value, "ops/s",
                low, high, low == null ? 2 : 10);
    }

    /** A figure with its samples; value is their mean, as the suites record it. */
    static SummaryRecord sampled(String model, double... samples) {
        List<Double> list = new ArrayList<>();
        double sum = 0;
        for (double s : samples) {
            list.add(s);
            sum += s;
        }
        return new SummaryRecord("scaling", model, "sha256", Map.of("workers", "2"), "throughput",
                sum / samples.length, "ops/s", null, null, samples.length, list);
    }

    private static double[] normal(Random random, int n, double mean, double sd) {
        double[] v = new double[n];
        for (int i = 0; i < n; i++) {
            v[i] = mean + sd * random.nextGaussian();
        }
        return v;
    }

    @Test
    void aKnownShiftIsFoundWithPBelowAlpha() {
        Random random = new Random(1);
        int found = 0;
        for (int t = 0; t < 200; t++) {
            Significance.Comparison c = Significance.compare(sampled("a", normal(random, 5, 1000, 20)),
                    sampled("a", normal(random, 5, 1100, 20)), true);
            assertEquals(Significance.MANN_WHITNEY_EXACT, c.test());
            if (c.verdict() == Verdict.BETTER) {
                assertTrue(c.pValue() < Significance.ALPHA);
                found++;
            }
        }
        // a 5-sd shift with 5 samples a side: nearly every seeded trial finds it
        assertTrue(found >= 190, "found " + found + " of 200");
        Significance.Comparison worse = Significance.compare(sampled("a", 10, 11, 12, 13, 14),
                sampled("a", 1, 2, 3, 4, 5), true);
        assertEquals(Verdict.WORSE, worse.verdict());
        assertEquals(2 / 252.0, worse.pValue(), 1e-12);
        assertEquals(3 / 12.0, worse.ratio(), 1e-12);
        assertEquals(Verdict.BETTER, Significance.compare(sampled("a", 10, 11, 12, 13, 14),
                sampled("a", 1, 2, 3, 4, 5), false).verdict(), "lower is better: smaller values win");
    }

    @Test
    void identicalDistributionsAreNotCalledDifferentMoreOftenThanAlpha() {
        Random random = new Random(2);
        int called = 0;
        int trials = 400;
        for (int t = 0; t < trials; t++) {
            Significance.Comparison c = Significance.compare(sampled("a", normal(random, 6, 1000, 50)),
                    sampled("a", normal(random, 6, 1000, 50)), true);
            if (c.significant()) {
                called++;
            } else {
                assertEquals(Verdict.NO_SIGNIFICANT_DIFFERENCE, c.verdict());
                assertTrue(c.pValue() >= Significance.ALPHA);
            }
        }
        // the exact test at 0.05 is a little conservative: about 4 % of null trials are called
        assertTrue(called <= 0.07 * trials, "called " + called + " of " + trials);
        Significance.Comparison same = Significance.compare(sampled("a", 1, 2, 3, 4), sampled("a", 1.5, 2.5, 3.5, 4.5), true);
        assertEquals(Verdict.NO_SIGNIFICANT_DIFFERENCE, same.verdict());
        assertTrue(same.reason().contains("p="), same.reason());
    }

    @Test
    void tooFewSamplesSaysSoAndNamesTheMinimum() {
        Significance.Comparison c = Significance.compare(sampled("a", 1, 2, 3), sampled("a", 10, 11, 12), true);
        assertEquals(Verdict.TOO_FEW_SAMPLES, c.verdict());
        assertEquals(0.1, c.pValue(), 1e-12, "the p-value is given: the most extreme ordering of 3 and 3 is 2/20");
        assertTrue(c.reason().contains("at least 4"), c.reason());
        assertEquals(11 / 2.0, c.ratio(), 1e-12);
        // 4 a side can reach alpha: the same separation is significant
        assertEquals(Verdict.BETTER, Significance.compare(sampled("a", 1, 2, 3, 4), sampled("a", 10, 11, 12, 13), true)
                .verdict());
    }

    @Test
    void withoutSamplesOrIntervalsNothingIsJudged() {
        Significance.Comparison c = Significance.compare(fig("a", 100, null, null), fig("a", 300, 290.0, 310.0), true);
        assertEquals(Verdict.NOT_JUDGED, c.verdict());
        assertEquals(3.0, c.ratio(), 1e-12);
        assertNull(c.ratioLow());
        assertNull(c.test());
        // samples on one side only are no test either
        assertEquals(Verdict.NOT_JUDGED, Significance.compare(sampled("a", 1, 2, 3, 4, 5),
                fig("a", 30, null, null), true).verdict());
    }

    @Test
    void welchFromMeanIntervalAndNWhenNoSamplesWereKept() {
        // 99.9 % intervals that overlap can still differ at 0.05: the old overlap rule called this no difference
        SummaryRecord base = fig("a", 100, 90.0, 110.0);
        SummaryRecord cand = fig("a", 108, 105.0, 111.0);
        Significance.Comparison c = Significance.compare(base, cand, true);
        assertEquals(Significance.WELCH, c.test());
        assertEquals(Verdict.BETTER, c.verdict());
        assertTrue(c.pValue() < 0.05 && c.pValue() > 0.0001, "p=" + c.pValue());
        assertEquals(1.08, c.ratio(), 1e-12);
        assertTrue(c.ratioLow() < 1.08 && c.ratioHigh() > 1.08);
        // sd recovered from the interval: half-width 10, n 10, t(9) at 99.9 % = 4.781
        assertEquals(10 * Math.sqrt(10) / 4.780912585, Significance.sdFromInterval(base), 1e-6);
        assertEquals(Verdict.NO_SIGNIFICANT_DIFFERENCE,
                Significance.compare(fig("a", 100, 80.0, 120.0), fig("a", 104, 84.0, 124.0), true).verdict());
        assertEquals(Verdict.WORSE, Significance.compare(fig("a", 150, 140.0, 160.0), fig("a", 100, 95.0, 105.0), true)
                .verdict());
    }

    @Test
    void winnerIsTheBestAndItsFactorReadsAsTimesBetter() {
        Winner w = Winner.pick(List.of(sampled("slow", 100, 101, 99, 100, 102), sampled("fast", 250, 251, 249, 252, 248),
                sampled("mid", 200, 201, 199, 202, 198)), true);
        assertEquals("fast", w.winner().model());
        assertEquals("mid", w.runnerUp().model());
        assertEquals(1.25, w.factor(), 1e-12);
        assertTrue(w.factorLow() <= 1.25 && w.factorHigh() >= 1.25);
        assertTrue(w.significant());
        assertEquals(Significance.MANN_WHITNEY_EXACT, w.comparison().test());
    }

    @Test
    void lowerIsBetterWinnerHasTheSmallestValueAndAFactorAboveOne() {
        SummaryRecord threads = sampled("threads", 2_000, 1_990, 2_010, 2_005, 1_995);
        SummaryRecord process = sampled("process", 50_000, 49_000, 51_000, 50_500, 49_500);
        Winner w = Winner.pick(List.of(process, threads), false);
        assertEquals("threads", w.winner().model());
        assertEquals(25.0, w.factor(), 1e-9);
        assertTrue(w.factorLow() > 1 && w.factorLow() <= 25 && w.factorHigh() >= 25, w.factorLow() + " " + w.factorHigh());
        assertEquals(Verdict.BETTER, w.verdict());
    }

    @Test
    void theTestedOrderWinsOverAMeanPulledByOneIteration() {
        // "spiky" has the higher mean (one outlier iteration) but the test ranks "steady" above it
        SummaryRecord spiky = sampled("spiky", 100, 101, 102, 103, 104, 105, 3000);
        SummaryRecord steady = sampled("steady", 200, 201, 202, 203, 204, 205, 206);
        assertTrue(spiky.value() > steady.value());
        Winner w = Winner.pick(List.of(spiky, steady), true);
        assertEquals("steady", w.winner().model());
        assertEquals(Verdict.BETTER, w.verdict());
    }

    @Test
    void aSingleModelHasNoRunnerUp() {
        Winner w = Winner.pick(List.of(fig("a", 100, 90.0, 110.0)), true);
        assertNull(w.runnerUp());
        assertNull(w.factor());
        assertThrows(IllegalArgumentException.class, () -> Winner.pick(List.of(), true));
    }
}
