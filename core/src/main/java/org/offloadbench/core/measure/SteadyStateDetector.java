package org.offloadbench.core.measure;

import java.util.ArrayList;
import java.util.List;

/**
 * Says when a warm-up is over: once the last {@code windows} throughput samples agree within
 * {@code tolerance} (largest / smallest - 1). Why not a fixed warm-up: a fresh child JVM needs thousands of
 * calls before C2 has compiled the request path and the workload, so a short fixed warm-up measures the
 * compiler rather than the model, and one worker (fewer calls per second) warms up slower than two - which
 * bends the scaling curve. Why several windows: two windows within 5 % of each other can still be on a
 * slow climb.
 */
public final class SteadyStateDetector {
    /** The harness's one warm-up rule: the last three windows agree within 10 %. */
    public static final int WARM_UP_WINDOWS = 3;
    public static final double WARM_UP_TOLERANCE = 0.10;

    private final int windows;
    private final double tolerance;
    private final double[] recent;
    private int count;

    /**
     * @param windows   samples that must agree, at least 2
     * @param tolerance largest / smallest - 1 allowed among them, in (0, 1]
     */
    public SteadyStateDetector(int windows, double tolerance) {
        if (windows < 2) {
            throw new IllegalArgumentException("windows must be at least 2, was " + windows);
        }
        if (!(tolerance > 0 && tolerance <= 1)) {
            throw new IllegalArgumentException("tolerance must be in (0, 1], was " + tolerance);
        }
        this.windows = windows;
        this.tolerance = tolerance;
        this.recent = new double[windows];
    }

    /** A detector with the harness's warm-up rule, shared by every suite that warms a model up. */
    public static SteadyStateDetector forWarmUp() {
        return new SteadyStateDetector(WARM_UP_WINDOWS, WARM_UP_TOLERANCE);
    }

    /**
     * Adds one window's throughput.
     *
     * @return true when the last {@code windows} samples (this one included) agree
     */
    public boolean add(double throughput) {
        if (!(throughput >= 0) || Double.isInfinite(throughput)) {
            throw new IllegalArgumentException("throughput must be a finite number >= 0, was " + throughput);
        }
        recent[count % windows] = throughput;
        count++;
        return steady();
    }

    /** True when enough samples arrived and the last ones agree; a zero throughput never counts as steady. */
    public boolean steady() {
        if (count < windows) {
            return false;
        }
        double min = Double.MAX_VALUE;
        double max = 0;
        for (double v : recent) {
            min = Math.min(min, v);
            max = Math.max(max, v);
        }
        return min > 0 && max / min - 1 <= tolerance;
    }

    /** The last samples, oldest first (at most {@code windows}), for a note when warm-up ran out of time. */
    public List<Double> lastSamples() {
        List<Double> out = new ArrayList<>();
        for (int i = Math.max(0, count - windows); i < count; i++) {
            out.add(recent[i % windows]);
        }
        return out;
    }
}
