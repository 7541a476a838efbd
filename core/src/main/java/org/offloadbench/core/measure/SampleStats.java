package org.offloadbench.core.measure;

import java.util.ArrayList;
import java.util.List;
import org.apache.commons.math3.distribution.TDistribution;

/**
 * Mean and a Student's t confidence interval of a small sample (measurement iterations, repeated
 * start-ups). Like JMH, there is no interval with fewer than three samples: the bounds are NaN then, and
 * {@link #ciLowOrNull()} gives null so a summary record says "no interval" instead of a fake one.
 *
 * <p>With few, noisy samples a t interval can reach below zero; when every sample is non-negative (times,
 * rates, sizes) the lower bound is clamped at zero, since no such mean can be negative. The interval stays
 * as wide as the data say it is on the upper side.
 *
 * @param n          number of samples
 * @param mean       arithmetic mean
 * @param stdDev     sample standard deviation (n - 1 in the denominator); NaN for n < 2
 * @param ciLow      lower bound of the interval, NaN when n < 3
 * @param ciHigh     upper bound, NaN when n < 3
 * @param confidence the interval's confidence level, e.g. 0.999
 * @param samples    the samples themselves, in the order given (a summary record keeps them, so two figures
 *                   can be tested for a difference), or null where they were not kept
 */
public record SampleStats(long n, double mean, double stdDev, double ciLow, double ciHigh, double confidence,
                          List<Double> samples) {

    public SampleStats {
        samples = samples == null ? null : List.copyOf(samples);
    }

    /** Statistics without their samples. */
    public SampleStats(long n, double mean, double stdDev, double ciLow, double ciHigh, double confidence) {
        this(n, mean, stdDev, ciLow, ciHigh, confidence, null);
    }

    /** More samples than this are not kept: a summary record carries iterations or repetitions, not raw events. */
    public static final int MAX_KEPT_SAMPLES = 10_000;

    /** JMH's level: the summary records promise a 99.9 % interval. */
    public static final double DEFAULT_CONFIDENCE = 0.999;

    public static SampleStats of(double[] samples) {
        return of(samples, DEFAULT_CONFIDENCE);
    }

    public static SampleStats of(double[] samples, double confidence) {
        if (samples.length == 0) {
            throw new IllegalArgumentException("no samples: a mean needs at least one");
        }
        if (!(confidence > 0 && confidence < 1)) {
            throw new IllegalArgumentException("confidence must be in (0, 1), was " + confidence);
        }
        int n = samples.length;
        double sum = 0;
        boolean nonNegative = true;
        for (double x : samples) {
            if (!Double.isFinite(x)) {
                throw new IllegalArgumentException("samples must be finite, found " + x);
            }
            sum += x;
            nonNegative &= x >= 0;
        }
        double mean = sum / n;
        List<Double> kept = null;
        if (n <= MAX_KEPT_SAMPLES) {
            kept = new ArrayList<>(n);
            for (double x : samples) {
                kept.add(x);
            }
        }
        if (n < 2) {
            return new SampleStats(n, mean, Double.NaN, Double.NaN, Double.NaN, confidence, kept);
        }
        double squares = 0;
        for (double x : samples) {
            squares += (x - mean) * (x - mean);
        }
        double stdDev = Math.sqrt(squares / (n - 1));
        if (n < 3) {
            return new SampleStats(n, mean, stdDev, Double.NaN, Double.NaN, confidence, kept);
        }
        double t = new TDistribution(n - 1).inverseCumulativeProbability(1 - (1 - confidence) / 2);
        double half = t * stdDev / Math.sqrt(n);
        double low = nonNegative ? Math.max(0, mean - half) : mean - half;
        return new SampleStats(n, mean, stdDev, low, mean + half, confidence, kept);
    }

    public boolean hasInterval() {
        return !Double.isNaN(ciLow);
    }

    public Double ciLowOrNull() {
        return hasInterval() ? ciLow : null;
    }

    public Double ciHighOrNull() {
        return hasInterval() ? ciHigh : null;
    }
}
