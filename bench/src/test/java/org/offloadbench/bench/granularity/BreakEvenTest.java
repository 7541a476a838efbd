package org.offloadbench.bench.granularity;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The break-even interpolation on synthetic speedup curves. */
class BreakEvenTest {

    /** speedup = a + b * log10(us): a straight line on log duration, so the interpolation is exact. */
    private static List<BreakEven.Point> line(double a, double b, double... micros) {
        List<BreakEven.Point> out = new ArrayList<>();
        for (double x : micros) {
            out.add(new BreakEven.Point(x, a + b * Math.log10(x)));
        }
        return out;
    }

    @Test
    void aKnownCrossingIsFoundOnLogDuration() {
        // 0.5x at 1 us, +0.5 per decade: 1x at 10^1 = 10 us, 2x at 10^3 us
        List<BreakEven.Point> curve = line(0.5, 0.5, 1, 3.16, 31.6, 316, 3162, 10_000);
        BreakEven.Crossing c = BreakEven.crossing(curve, 1.0);
        assertEquals(BreakEven.Bound.INTERPOLATED, c.bound());
        assertEquals(10.0, c.durationMicros(), 1e-6);
        BreakEven.Crossing near = BreakEven.crossing(curve, 1.8); // 0.5 + 0.5 log x = 1.8 -> x = 10^2.6
        assertEquals(Math.pow(10, 2.6), near.durationMicros(), 1e-6);
        assertTrue(c.found());
    }

    @Test
    void aCurveThatNeverReachesTheThresholdIsReportedAsNone() {
        BreakEven.Crossing c = BreakEven.crossing(line(0.01, 0.01, 1, 10, 100, 1000, 10_000), 1.0);
        assertEquals(BreakEven.Bound.ABOVE, c.bound());
        assertFalse(c.found());
        assertEquals(10_000, c.durationMicros(), "the bound is the largest duration measured");
    }

    @Test
    void aCurveAboveEverywhereCrossesAtMostAtTheSmallestSize() {
        BreakEven.Crossing c = BreakEven.crossing(line(1.2, 0.1, 2, 20, 200), 1.0);
        assertEquals(BreakEven.Bound.AT_MOST, c.bound());
        assertEquals(2, c.durationMicros());
    }

    @Test
    void aNoisyPointAboveBeforeADipDoesNotMoveTheBreakEvenDown() {
        List<BreakEven.Point> curve = List.of(new BreakEven.Point(1, 0.2), new BreakEven.Point(10, 1.1),
                new BreakEven.Point(100, 0.8), new BreakEven.Point(1000, 1.2), new BreakEven.Point(10_000, 1.9));
        BreakEven.Crossing c = BreakEven.crossing(curve, 1.0);
        assertEquals(BreakEven.Bound.INTERPOLATED, c.bound());
        // between 100 us (0.8) and 1000 us (1.2): halfway on log x
        assertEquals(Math.sqrt(100 * 1000.0), c.durationMicros(), 1e-6);
    }

    @Test
    void badCurvesAreRefusedWithTheReason() {
        assertThrows(IllegalArgumentException.class, () -> BreakEven.crossing(List.of(), 1));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> BreakEven.crossing(
                List.of(new BreakEven.Point(10, 1), new BreakEven.Point(5, 2)), 1));
        assertTrue(e.getMessage().contains("ascend"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new BreakEven.Point(0, 1));
    }
}
