package org.offloadbench.bench.granularity;

import java.util.List;

/**
 * Where a speedup curve (speedup against task duration, ascending durations) reaches a threshold: the smallest
 * duration from which every measured point is at or above it, interpolated linearly in speedup on the log of the
 * duration between the last point below and the first point above. "From which on" rather than "first touch":
 * one noisy point above the threshold at a small size must not move the break-even below a dip that follows it.
 *
 * <p>Three outcomes: {@link Bound#INTERPOLATED} (a crossing inside the swept range), {@link Bound#AT_MOST} (every
 * point is above: the crossing lies at or below the smallest duration measured) and {@link Bound#ABOVE} (the
 * largest point is still below: no crossing up to the largest duration measured, which is the value given).
 */
public final class BreakEven {

    /** What kind of figure a crossing is; the summary records it as the param {@code bound}. */
    public enum Bound {
        INTERPOLATED("interpolated"), AT_MOST("at-most"), ABOVE("above");

        private final String id;

        Bound(String id) {
            this.id = id;
        }

        public String id() {
            return id;
        }
    }

    /** One point of the curve. */
    public record Point(double durationMicros, double speedup) {
        public Point {
            if (!(durationMicros > 0) || !Double.isFinite(durationMicros) || !Double.isFinite(speedup)) {
                throw new IllegalArgumentException("a point needs a positive duration and a finite speedup, was "
                        + durationMicros + " us, " + speedup + "x");
            }
        }
    }

    /**
     * @param durationMicros the crossing (INTERPOLATED), the smallest duration (AT_MOST) or the largest (ABOVE)
     */
    public record Crossing(double durationMicros, Bound bound) {
        public boolean found() {
            return bound != Bound.ABOVE;
        }
    }

    private BreakEven() {
    }

    /**
     * @param points    the curve, in ascending duration (at least one point)
     * @param threshold the speedup to reach (1 for "beats inline")
     */
    public static Crossing crossing(List<Point> points, double threshold) {
        if (points.isEmpty()) {
            throw new IllegalArgumentException("no points: a crossing needs a curve");
        }
        for (int i = 1; i < points.size(); i++) {
            if (!(points.get(i).durationMicros() > points.get(i - 1).durationMicros())) {
                throw new IllegalArgumentException("durations must ascend: " + points);
            }
        }
        int last = points.size() - 1;
        if (points.get(last).speedup() < threshold) {
            return new Crossing(points.get(last).durationMicros(), Bound.ABOVE);
        }
        int first = last; // the first point of the run of points at or above the threshold that reaches the end
        while (first > 0 && points.get(first - 1).speedup() >= threshold) {
            first--;
        }
        if (first == 0) {
            return new Crossing(points.get(0).durationMicros(), Bound.AT_MOST);
        }
        Point below = points.get(first - 1);
        Point above = points.get(first);
        double fraction = (threshold - below.speedup()) / (above.speedup() - below.speedup());
        double logX = Math.log(below.durationMicros())
                + fraction * (Math.log(above.durationMicros()) - Math.log(below.durationMicros()));
        return new Crossing(Math.exp(logX), Bound.INTERPOLATED);
    }
}
