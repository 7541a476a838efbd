package org.offloadbench.reports.stats;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class CoreProjectionTest {
    private static final double US = 1e-6;

    @Test
    void coresBoundUntilTheCoordinatorsOneCoreIsFull() {
        // 10 us of coordinator and 90 us of worker CPU per task: 100 us a task on N cores, at most 100k/s by the
        // one coordinator thread
        CoreProjection p = new CoreProjection(10 * US, 90 * US, Optional.empty());
        List<CoreProjection.Point> points = p.atEachOf(CoreProjection.CORES);
        assertEquals(new CoreProjection.Point(4, 40_000, CoreProjection.Limit.CORES).cores(), points.get(0).cores());
        assertEquals(40_000, points.get(0).throughput(), 1e-6);
        assertEquals(CoreProjection.Limit.CORES, points.get(0).limit());
        assertEquals(80_000, points.get(1).throughput(), 1e-6);
        assertEquals(100_000, points.get(2).throughput(), 1e-6);
        assertEquals(CoreProjection.Limit.COORDINATOR, points.get(2).limit());
        assertEquals(100_000, points.get(4).throughput(), 1e-6);
    }

    @Test
    void aMeasuredScalingCurveBelowTheCpuBoundWins() {
        // USL with lambda 10k/s, sigma 0.1, kappa 0: X(16) = 10k * 16 / (1 + 1.5) = 64k, below 16 / 100 us = 160k
        UslFit usl = new UslFit(10_000, 0.1, 0, 4, 1);
        CoreProjection.Point at16 = new CoreProjection(1 * US, 99 * US, Optional.of(usl)).at(16);
        assertEquals(64_000, at16.throughput(), 1e-6);
        assertEquals(CoreProjection.Limit.SCALING, at16.limit());
    }

    @Test
    void aCoordinatorThatCostsNothingNeverBinds() {
        CoreProjection.Point at64 = new CoreProjection(0, 50 * US, Optional.empty()).at(64);
        assertEquals(64 / (50 * US), at64.throughput(), 1e-6);
        assertEquals(CoreProjection.Limit.CORES, at64.limit());
    }

    @Test
    void theCheckAgainstABiggerMachineIsMeasuredOverProjected() {
        CoreProjection p = new CoreProjection(10 * US, 90 * US, Optional.empty());
        assertEquals(0.5, p.ratioOf(40_000, 8), 1e-9);  // projected 80k at 8 cores
    }

    @Test
    void impossibleInputsAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> new CoreProjection(0, 0, Optional.empty()));
        assertThrows(IllegalArgumentException.class, () -> new CoreProjection(-1 * US, 5 * US, Optional.empty()));
        assertThrows(IllegalArgumentException.class, () -> new CoreProjection(Double.NaN, 5 * US, Optional.empty()));
        assertThrows(IllegalArgumentException.class, () -> new CoreProjection(1 * US, 5 * US, Optional.empty()).at(0));
    }
}
