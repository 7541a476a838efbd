package org.offloadbench.bench.suite;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** The hiccup log's interval length: about a second, at least four intervals in a short run, never under 100 ms. */
class ResponsivenessIntervalsTest {

    @Test
    void oneSecondIntervalsWithEnoughOfThemInAShortRun() {
        assertEquals(1000, ResponsivenessSuite.intervalMillis(10_000), "full profile: ten 1 s intervals");
        assertEquals(750, ResponsivenessSuite.intervalMillis(3000), "standard: four intervals");
        assertEquals(200, ResponsivenessSuite.intervalMillis(800), "quick: four intervals");
        assertEquals(100, ResponsivenessSuite.intervalMillis(80), "a tiny test run: one 100 ms interval at least");
    }
}
