package org.offloadbench.core.result;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * One measured figure: the flat unit that {@code summary.json} is an array of and that the report reads.
 * Metric names and their units are listed in {@link Metric}.
 *
 * @param suite    suite that measured it (overhead, copy, scaling, ...)
 * @param model    offload model, e.g. {@code threads/platform-pool}; {@code native} for calibration floors
 * @param workload workload id, or {@code -} where none applies
 * @param params   what else identifies the figure (payloadBytes, workers, rate, ...), sorted by key
 * @param metric   metric name, see {@link Metric}
 * @param value    the figure itself (a mean, a percentile, a count; the metric says which)
 * @param unit     its unit, e.g. {@code ns}, {@code ops/s}, {@code MiB}
 * @param ciLow    lower bound of its 99.9 % confidence interval, or null when none exists (n < 3)
 * @param ciHigh   upper bound, or null
 * @param n        number of samples behind the value
 * @param samples  the samples behind the value, each of the same statistic as the value (per-iteration
 *                 means, per-iteration medians, per-repetition times, ...), in the order measured; null
 *                 when the suite keeps none. A test of difference needs them; summary.json carries the
 *                 field only when present, and files written before it existed still read.
 */
public record SummaryRecord(String suite, String model, String workload, Map<String, String> params,
                            String metric, double value, String unit, Double ciLow, Double ciHigh, long n,
                            @JsonInclude(JsonInclude.Include.NON_NULL) List<Double> samples) {

    @JsonCreator
    public SummaryRecord {
        Objects.requireNonNull(suite, "suite");
        Objects.requireNonNull(model, "model");
        Objects.requireNonNull(workload, "workload");
        Objects.requireNonNull(metric, "metric");
        Objects.requireNonNull(unit, "unit");
        params = params == null ? Map.of() : java.util.Collections.unmodifiableMap(new TreeMap<>(params));
        if (Double.isNaN(value) || Double.isInfinite(value)) {
            throw new IllegalArgumentException("value of " + metric + " must be finite, was " + value);
        }
        if (ciLow != null && (ciLow.isNaN() || ciLow.isInfinite())) {
            ciLow = null;
        }
        if (ciHigh != null && (ciHigh.isNaN() || ciHigh.isInfinite())) {
            ciHigh = null;
        }
        if (n < 0) {
            throw new IllegalArgumentException("n must be >= 0, was " + n);
        }
        if (samples != null) {
            for (Double x : samples) {
                if (x == null || !Double.isFinite(x)) {
                    throw new IllegalArgumentException("samples of " + metric + " must be finite, found " + x);
                }
            }
            samples = List.copyOf(samples);
        }
    }

    /** A figure without samples, as every suite wrote before samples were kept. */
    public SummaryRecord(String suite, String model, String workload, Map<String, String> params,
                         String metric, double value, String unit, Double ciLow, Double ciHigh, long n) {
        this(suite, model, workload, params, metric, value, unit, ciLow, ciHigh, n, null);
    }

    /** Samples as a list, or null for none (an empty array counts as none). */
    public static List<Double> samplesOf(double[] values) {
        if (values == null || values.length == 0) {
            return null;
        }
        List<Double> list = new java.util.ArrayList<>(values.length);
        for (double v : values) {
            list.add(v);
        }
        return list;
    }

    /** This figure with its samples attached. */
    public SummaryRecord withSamples(List<Double> values) {
        return new SummaryRecord(suite, model, workload, params, metric, value, unit, ciLow, ciHigh, n, values);
    }

    public boolean hasSamples() {
        return samples != null && !samples.isEmpty();
    }

    public boolean hasInterval() {
        return ciLow != null && ciHigh != null;
    }

    public String param(String key) {
        return params.get(key);
    }
}
