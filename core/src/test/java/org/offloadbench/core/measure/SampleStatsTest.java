package org.offloadbench.core.measure;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class SampleStatsTest {

    @Test
    void studentsTIntervalOnKnownData() {
        // 1..5: mean 3, s = sqrt(2.5); t(0.975, 4) = 2.776445 -> half width 2.776445 * 0.707107 = 1.963243
        SampleStats stats = SampleStats.of(new double[] {1, 2, 3, 4, 5}, 0.95);
        assertEquals(5, stats.n());
        assertEquals(3.0, stats.mean(), 1e-12);
        assertEquals(Math.sqrt(2.5), stats.stdDev(), 1e-12);
        assertEquals(3.0 - 1.963243, stats.ciLow(), 1e-5);
        assertEquals(3.0 + 1.963243, stats.ciHigh(), 1e-5);
    }

    @Test
    void theSamplesAreKeptInOrderForATestOfDifferenceButNotWithoutBound() {
        double[] raw = {5, 1, 4};
        SampleStats stats = SampleStats.of(raw);
        raw[0] = 99;
        assertEquals(java.util.List.of(5.0, 1.0, 4.0), stats.samples());
        assertEquals(java.util.List.of(7.0), SampleStats.of(new double[] {7}).samples());
        assertNull(SampleStats.of(new double[SampleStats.MAX_KEPT_SAMPLES + 1]).samples(),
                "raw events do not belong in a summary record");
        assertNull(new SampleStats(3, 1, 0, 1, 1, 0.999).samples());
    }

    @Test
    void defaultIsNinetyNinePointNinePercentLikeJmh() {
        // t(0.9995, 4) = 8.610302
        SampleStats stats = SampleStats.of(new double[] {1, 2, 3, 4, 5});
        assertEquals(0.999, stats.confidence());
        assertEquals(3.0 + 8.610302 * Math.sqrt(2.5) / Math.sqrt(5), stats.ciHigh(), 1e-4);
    }

    @Test
    void lowerBoundOfNonNegativeSamplesIsClampedAtZeroButNotOtherwise() {
        // 1, 1, 100: mean 34, half width at 99.9 % far larger than the mean
        SampleStats times = SampleStats.of(new double[] {1, 1, 100});
        assertEquals(0.0, times.ciLow(), 0.0);
        assertTrue(times.ciHigh() > 1000, "upper side keeps its full width");
        SampleStats signed = SampleStats.of(new double[] {-1, 1, 100});
        assertTrue(signed.ciLow() < 0, "signed data keep a negative bound");
    }

    @Test
    void noIntervalBelowThreeSamples() {
        SampleStats two = SampleStats.of(new double[] {10, 12});
        assertEquals(11.0, two.mean(), 1e-12);
        assertFalse(two.hasInterval());
        assertNull(two.ciLowOrNull());
        assertNull(two.ciHighOrNull());
        assertTrue(Double.isNaN(SampleStats.of(new double[] {7}).stdDev()));
    }

    @Test
    void identicalSamplesGiveAZeroWidthInterval() {
        SampleStats stats = SampleStats.of(new double[] {4, 4, 4, 4});
        assertEquals(4.0, stats.ciLow(), 0);
        assertEquals(4.0, stats.ciHigh(), 0);
    }

    @Test
    void rejectsEmptyAndNonFiniteSamples() {
        assertThrows(IllegalArgumentException.class, () -> SampleStats.of(new double[0]));
        assertThrows(IllegalArgumentException.class, () -> SampleStats.of(new double[] {1, Double.NaN, 3}));
        assertThrows(IllegalArgumentException.class, () -> SampleStats.of(new double[] {1, 2, 3}, 1.0));
    }
}
