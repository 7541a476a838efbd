package org.offloadbench.bench.suite;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.offloadbench.bench.plan.GranularitySettings;
import org.offloadbench.core.workload.builtin.SumLoopWorkload;

/** The sweep follows the calibrated cost: targets from 1 us to 10 ms, iteration counts that scale with it. */
class GranularitySweepTest {

    @Test
    void targetsSpanOneMicrosecondToTenMillisecondsEvenlyOnALogScale() {
        List<Double> t = GranularitySuite.targetMicros(5);
        assertEquals(5, t.size());
        for (int k = 0; k < 5; k++) {
            assertEquals(Math.pow(10, k), t.get(k), 1e-9);
        }
    }

    @Test
    void iterationsFollowTheMeasuredCostPerIterationAndStayWithinTheWorkloadsBound() {
        List<Double> t = GranularitySuite.targetMicros(3); // 1, 100, 10000 us
        assertEquals(List.of(200_000L, 20_000_000L, 2_000_000_000L), GranularitySuite.iterationsFor(t, 0.005));
        assertEquals(List.of(4L, 400L, 40_000L), GranularitySuite.iterationsFor(t, 250));
        // a machine so fast that 10 ms needs more than the bound: clamped; a slow one: never 0 and never repeated
        assertEquals(SumLoopWorkload.MAX_ITERATIONS, GranularitySuite.iterationsFor(t, 2e-5).get(2));
        List<Long> slow = GranularitySuite.iterationsFor(GranularitySuite.targetMicros(9), 1e6);
        assertTrue(slow.get(0) >= 1);
        for (int i = 1; i < slow.size(); i++) {
            assertTrue(slow.get(i) > slow.get(i - 1), slow.toString());
        }
    }

    @Test
    void aStepHoldsEnoughLargeTasks() {
        GranularitySettings g = new GranularitySettings(5, 3, 20, 100, 100, 1000);
        assertEquals(20, GranularitySuite.stepMillis(g, 1, 2));
        assertEquals(60, GranularitySuite.stepMillis(g, 10_000, 2), "12 tasks of 10 ms on 2 workers");
        assertEquals(120, GranularitySuite.stepMillis(g, 10_000, 1));
    }
}
