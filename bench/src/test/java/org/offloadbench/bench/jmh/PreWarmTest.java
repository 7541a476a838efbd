package org.offloadbench.bench.jmh;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.offloadbench.core.measure.ChecksumMismatchException;

/**
 * The pre-warm's stopping rules on a virtual clock: each fake round trip advances the clock by its cost,
 * so rates are exact and the test, not the machine, decides whether the model settles.
 */
@Timeout(30)
class PreWarmTest {
    private static final long US = TimeUnit.MICROSECONDS.toNanos(1);
    private static final long MS = TimeUnit.MILLISECONDS.toNanos(1);

    /**
     * A model whose round trip costs {@code costNanos}, multiplied by {@code factor} after every trip but
     * never below {@code floorNanos}.
     */
    static final class FakeModel implements Runnable {
        long now;
        double costNanos;
        double factor = 1.0;
        double floorNanos;
        long trips;

        FakeModel(long costNanos) {
            this.costNanos = costNanos;
        }

        @Override
        public void run() {
            now += Math.round(costNanos);
            costNanos = Math.max(floorNanos, costNanos * factor);
            trips++;
        }
    }

    @Test
    void aSteadyModelStopsAfterThreeAgreeingWindows() {
        FakeModel model = new FakeModel(100 * US);
        PreWarm.Outcome outcome = PreWarm.run(new PreWarm.Limits(1_000_000, 5_000 * MS, 50 * MS), () -> model.now, model);
        assertEquals(PreWarm.Stop.STEADY, outcome.stop());
        assertTrue(outcome.steady());
        assertEquals(3, outcome.windowRates().size(), outcome.toString());
        assertEquals(1500, outcome.roundTrips(), "three 50 ms windows of 100 us trips");
        assertEquals(model.trips, outcome.roundTrips(), "every round trip is counted");
        assertEquals(150 * MS, outcome.elapsedNanos());
        assertEquals(10_000, outcome.lastWindowRate(), 1e-6);
    }

    @Test
    void aWarmingModelKeepsGoingUntilItsRateSettles() {
        FakeModel model = new FakeModel(400 * US);
        model.factor = 0.999; // faster with every trip, down to a floor: the JIT catching up
        model.floorNanos = 60 * US;
        PreWarm.Outcome outcome = PreWarm.run(new PreWarm.Limits(1_000_000, 60_000 * MS, 50 * MS), () -> model.now, model);
        assertEquals(PreWarm.Stop.STEADY, outcome.stop());
        assertTrue(outcome.windowRates().size() > 3, "it did not settle while still speeding up: " + outcome);
        assertTrue(outcome.lastWindowRate() > 3 * outcome.firstWindowRate(), outcome.windowRates().toString());
    }

    @Test
    void aModelThatNeverSettlesStopsAtTheTimeCap() {
        FakeModel model = new FakeModel(100 * US);
        model.factor = 1.001; // ~40 % slower per window: never steady
        PreWarm.Outcome outcome = PreWarm.run(new PreWarm.Limits(1_000_000, 1_000 * MS, 50 * MS), () -> model.now, model);
        assertEquals(PreWarm.Stop.TIME_CAP, outcome.stop());
        assertFalse(outcome.steady());
        assertTrue(outcome.elapsedNanos() >= 1_000 * MS, outcome.toString());
        assertTrue(outcome.elapsedNanos() < 1_000 * MS + 2 * model.costNanos, "stops within one trip of the cap: " + outcome);
        assertEquals(model.trips, outcome.roundTrips());
    }

    @Test
    void theRoundTripCapStopsItExactlyEvenInsideAWindow() {
        FakeModel model = new FakeModel(100 * US);
        model.factor = 1.001; // never steady, so only a cap can stop it
        PreWarm.Outcome outcome = PreWarm.run(new PreWarm.Limits(1_234, 60_000 * MS, 50 * MS), () -> model.now, model);
        assertEquals(PreWarm.Stop.COUNT_CAP, outcome.stop(), outcome.toString());
        assertEquals(1_234, outcome.roundTrips());
        assertEquals(1_234, model.trips, "not one trip more than the cap");
    }

    @Test
    void aWrongReplyDuringThePreWarmFailsTheTrial() {
        FakeModel model = new FakeModel(100 * US);
        Runnable verified = () -> {
            model.run();
            if (model.trips == 700) {
                throw new ChecksumMismatchException("test/model returned wrong bytes for noop");
            }
        };
        ChecksumMismatchException e = assertThrows(ChecksumMismatchException.class,
                () -> PreWarm.run(new PreWarm.Limits(1_000_000, 5_000 * MS, 50 * MS), () -> model.now, verified));
        assertTrue(e.getMessage().contains("wrong bytes"));
    }

    @Test
    void aSlowWorkloadsWindowHoldsAFewTripsButTheTimeCapStillHolds() {
        FakeModel model = new FakeModel(30 * MS); // a 20 ms window would hold a single trip
        PreWarm.Outcome outcome = PreWarm.run(new PreWarm.Limits(1_000_000, 5_000 * MS, 20 * MS), () -> model.now, model);
        assertEquals(PreWarm.Stop.STEADY, outcome.stop());
        assertEquals(3 * PreWarm.MIN_TRIPS_PER_WINDOW, outcome.roundTrips(), outcome.toString());

        FakeModel slower = new FakeModel(400 * MS);
        PreWarm.Outcome capped = PreWarm.run(new PreWarm.Limits(1_000_000, 1_000 * MS, 20 * MS), () -> slower.now, slower);
        assertEquals(PreWarm.Stop.TIME_CAP, capped.stop(), "the cap is checked inside a window too");
        assertEquals(3, capped.roundTrips());
    }

    @Test
    void limitsFromTheRunnersCapsHaveBoundedWindows() {
        assertEquals(50 * MS, PreWarm.Limits.of(1000, 10).windowNanos(), "a twentieth of the cap");
        assertEquals(20 * MS, PreWarm.Limits.of(100, 10).windowNanos(), "never below 20 ms");
        assertEquals(250 * MS, PreWarm.Limits.of(60_000, 10).windowNanos(), "never above 250 ms");
        assertEquals(1000 * MS, PreWarm.Limits.of(1000, 10).maxNanos());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> PreWarm.Limits.of(1000, 0));
        assertTrue(e.getMessage().contains("at least 1"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> PreWarm.Limits.of(0, 10));
    }
}
