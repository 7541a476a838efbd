package org.offloadbench.bench.jmh;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import org.offloadbench.core.measure.SteadyStateDetector;

/**
 * Round trips before JMH's own warm-up until the model's rate is steady. A child JVM (process/pipes, shm,
 * cluster workers) starts with a cold JIT when the fork does: its request path needs tens of thousands of
 * requests before C2 has compiled it, far more than a 100 ms JMH warm-up sends, and a cold worker measured
 * 5-8 times slower than a warm one. JMH cannot warm the worker for us (it only knows the fork it runs in),
 * so the trial setup drives closed-loop windows of verified round trips until the last three windows agree
 * within 10 % (as {@code Saturation.warmUp} does for scaling and latency), bounded by a round-trip count
 * AND a time cap; an unsettled outcome goes back to the runner, which notes it in the report.
 */
public final class PreWarm {
    /** A window holds enough round trips to be a rate even for a slow model, and the cap holds ~20 windows. */
    static final long MIN_WINDOW_MILLIS = 20;
    static final long MAX_WINDOW_MILLIS = 250;
    static final int WINDOWS_PER_CAP = 20;
    /** A window of a slow workload (1 MiB through a cluster: tens per second) still holds a few trips. */
    static final int MIN_TRIPS_PER_WINDOW = 8;

    private PreWarm() {
    }

    /** Why a pre-warm stopped. */
    public enum Stop {
        /** the last windows agreed */
        STEADY,
        /** the time cap ran out first */
        TIME_CAP,
        /** the round-trip cap ran out first */
        COUNT_CAP
    }

    /**
     * The bounds of one pre-warm.
     *
     * @param maxRoundTrips at most this many round trips, at least 1
     * @param maxNanos      at most this long (checked after each round trip), more than 0
     * @param windowNanos   length of one rate window, more than 0
     */
    public record Limits(long maxRoundTrips, long maxNanos, long windowNanos) {
        public Limits {
            if (maxRoundTrips < 1) {
                throw new IllegalArgumentException("pre-warm round-trip cap must be at least 1, was " + maxRoundTrips);
            }
            if (maxNanos <= 0 || windowNanos <= 0) {
                throw new IllegalArgumentException("pre-warm time cap and window must be positive, were "
                        + maxNanos + " ns and " + windowNanos + " ns");
            }
        }

        /** The caps the runner passes; windows of a twentieth of the time cap, within 20-250 ms. */
        public static Limits of(long maxMillis, long maxRoundTrips) {
            long window = Math.max(MIN_WINDOW_MILLIS, Math.min(MAX_WINDOW_MILLIS, maxMillis / WINDOWS_PER_CAP));
            return new Limits(maxRoundTrips, TimeUnit.MILLISECONDS.toNanos(maxMillis),
                    TimeUnit.MILLISECONDS.toNanos(window));
        }
    }

    /**
     * What a pre-warm did.
     *
     * @param windowRates round trips per second of every window, oldest first (about 20 at the time cap:
     *                    only a cap cuts a window short, and a cap ends the pre-warm)
     */
    public record Outcome(Stop stop, long roundTrips, long elapsedNanos, List<Double> windowRates) {
        public Outcome {
            windowRates = List.copyOf(windowRates);
        }

        public boolean steady() {
            return stop == Stop.STEADY;
        }

        public double firstWindowRate() {
            return windowRates.isEmpty() ? 0 : windowRates.get(0);
        }

        public double lastWindowRate() {
            return windowRates.isEmpty() ? 0 : windowRates.get(windowRates.size() - 1);
        }

        @Override
        public String toString() {
            return String.format(Locale.ROOT, "%s after %d round trips in %.3f s, %d windows", stop, roundTrips,
                    elapsedNanos / 1e9, windowRates.size());
        }
    }

    /**
     * Runs {@code roundTrip} (which must verify its reply and throw on a wrong one) in windows until steady
     * or a cap is reached.
     *
     * @param nanoTime a monotonic clock; injectable so the stopping rules are tested without timing
     */
    public static Outcome run(Limits limits, LongSupplier nanoTime, Runnable roundTrip) {
        SteadyStateDetector detector = SteadyStateDetector.forWarmUp(); // the scaling and latency warm-ups' rule
        List<Double> rates = new ArrayList<>();
        long start = nanoTime.getAsLong();
        long done = 0;
        while (true) {
            long windowStart = nanoTime.getAsLong();
            long inWindow = 0;
            long now;
            // a window ends at its length (and a few trips), or early at either cap: both caps are checked
            // after every trip
            do {
                roundTrip.run();
                inWindow++;
                now = nanoTime.getAsLong();
            } while ((now - windowStart < limits.windowNanos() || inWindow < MIN_TRIPS_PER_WINDOW)
                    && done + inWindow < limits.maxRoundTrips() && now - start < limits.maxNanos());
            done += inWindow;
            // a window too short to read (coarse clock) still has a finite rate
            double rate = inWindow * 1e9 / Math.max(1, now - windowStart);
            rates.add(rate);
            boolean steady = detector.add(rate);
            Stop stop = steady ? Stop.STEADY
                    : now - start >= limits.maxNanos() ? Stop.TIME_CAP
                    : done >= limits.maxRoundTrips() ? Stop.COUNT_CAP : null;
            if (stop != null) {
                return new Outcome(stop, done, now - start, rates);
            }
        }
    }
}
