package org.offloadbench.reports.stats;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class UslFitTest {
    private static double usl(double lambda, double sigma, double kappa, double n) {
        return lambda * n / (1 + sigma * (n - 1) + kappa * n * (n - 1));
    }

    @Test
    void recoversKnownCoefficientsFromExactData() {
        double[] n = {1, 2, 4, 8, 16, 32};
        double[] x = new double[n.length];
        for (int i = 0; i < n.length; i++) {
            x[i] = usl(1000, 0.05, 0.002, n[i]);
        }
        UslFit fit = UslFit.fit(n, x).orElseThrow();
        assertEquals(1000, fit.lambda(), 1e-3);
        assertEquals(0.05, fit.sigma(), 1e-6);
        assertEquals(0.002, fit.kappa(), 1e-7);
        assertEquals(Math.sqrt(0.95 / 0.002), fit.peakWorkers().getAsDouble(), 1e-3);
        assertEquals(1.0, fit.rSquared(), 1e-9);
    }

    @Test
    void recoversCoefficientsFromNoisyDataWithinTheNoise() {
        SplittableRandom random = new SplittableRandom(42);
        double[] n = {1, 2, 3, 4, 6, 8, 12, 16, 24, 32};
        double[] x = new double[n.length];
        for (int i = 0; i < n.length; i++) {
            x[i] = usl(500, 0.1, 0.001, n[i]) * (1 + (random.nextDouble() - 0.5) * 0.01);
        }
        UslFit fit = UslFit.fit(n, x).orElseThrow();
        assertEquals(0.1, fit.sigma(), 0.01);
        assertEquals(0.001, fit.kappa(), 0.0003);
        assertTrue(fit.rSquared() > 0.99, "R² " + fit.rSquared());
    }

    @Test
    void linearScalingHasNoPeak() {
        double[] n = {1, 2, 3, 4};
        double[] x = {100, 200, 300, 400};
        UslFit fit = UslFit.fit(n, x).orElseThrow();
        assertEquals(0, fit.sigma(), 1e-6);
        assertEquals(0, fit.kappa(), 1e-6);
        assertTrue(fit.peakWorkers().isEmpty());
    }

    @Test
    void fewerThanThreeDistinctPointsGiveNoFit() {
        assertEquals(Optional.empty(), UslFit.fit(new double[] {1, 2}, new double[] {10, 19}));
        assertEquals(Optional.empty(), UslFit.fit(new double[] {1, 2, 2}, new double[] {10, 19, 19}));
    }

    @Test
    void rejectsMismatchedOrNonPositiveInput() {
        assertThrows(IllegalArgumentException.class, () -> UslFit.fit(new double[] {1, 2, 3}, new double[] {1, 2}));
        assertThrows(IllegalArgumentException.class, () -> UslFit.fit(new double[] {0, 1, 2}, new double[] {1, 2, 3}));
    }
}
