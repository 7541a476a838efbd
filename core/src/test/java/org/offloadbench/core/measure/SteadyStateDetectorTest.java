package org.offloadbench.core.measure;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class SteadyStateDetectorTest {

    @Test
    void aClimbingThroughputIsNotSteadyUntilItLevelsOff() {
        SteadyStateDetector d = new SteadyStateDetector(3, 0.05);
        assertFalse(d.add(100));
        assertFalse(d.add(400));
        assertFalse(d.add(900), "still climbing (JIT compiling)");
        assertFalse(d.add(1000));
        assertFalse(d.add(1020), "900 is still among the last three");
        assertTrue(d.add(1010), "1000, 1020, 1010 agree within 5 %");
        assertEquals(List.of(1000.0, 1020.0, 1010.0), d.lastSamples());
    }

    @Test
    void aSlowClimbOfFourPercentPerWindowIsNotSteadyAtFivePercentOverThreeWindows() {
        SteadyStateDetector d = new SteadyStateDetector(3, 0.05);
        double v = 1000;
        for (int i = 0; i < 10; i++) {
            assertFalse(d.add(v), "window " + i);
            v *= 1.04;
        }
    }

    @Test
    void zeroThroughputIsNeverSteady() {
        SteadyStateDetector d = new SteadyStateDetector(2, 0.5);
        d.add(0);
        assertFalse(d.add(0));
        assertFalse(d.add(1), "0 and 1 are not within any tolerance");
        assertTrue(d.add(1));
    }

    @Test
    void badArgumentsAreRefusedWithTheValue() {
        assertTrue(assertThrows(IllegalArgumentException.class, () -> new SteadyStateDetector(1, 0.1))
                .getMessage().contains("was 1"));
        assertThrows(IllegalArgumentException.class, () -> new SteadyStateDetector(3, 0));
        assertThrows(IllegalArgumentException.class, () -> new SteadyStateDetector(3, 0.05).add(Double.NaN));
        assertThrows(IllegalArgumentException.class, () -> new SteadyStateDetector(3, 0.05).add(-1));
    }

    @Test
    void theWarmUpRuleIsThreeWindowsWithinTenPercent() {
        SteadyStateDetector d = SteadyStateDetector.forWarmUp();
        assertFalse(d.add(100));
        assertFalse(d.add(109));
        assertTrue(d.add(105), "100, 109, 105: within 10 %");
        assertFalse(d.add(120), "109, 105, 120: 14 % apart");
    }
}
