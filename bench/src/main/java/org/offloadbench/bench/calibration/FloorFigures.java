package org.offloadbench.bench.calibration;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.ToDoubleFunction;
import org.offloadbench.core.measure.SampleStats;
import org.offloadbench.core.result.Metric;
import org.offloadbench.core.result.SummaryRecord;
import org.offloadbench.reports.stats.FloorCheck;

/**
 * Turns the repetitions of one round-trip probe into figures with the statistics the models have: mean,
 * p50 and p99 of the individual round trips, and CPU per round trip. Each repetition is one sample, so the
 * value is the mean over repetitions with a 99.9 % Student's t interval across them (none below three),
 * the same treatment JMH gives a model's iterations; n is the number of round trips behind the figure.
 */
public final class FloorFigures {
    private FloorFigures() {
    }

    /** The figure's statistic and the metric it is recorded under. */
    private record Statistic(Metric metric, ToDoubleFunction<NativeProbes.Repetition> value) {
    }

    private static final List<Statistic> STATISTICS = List.of(
            new Statistic(Metric.FLOOR_ROUND_TRIP_NS, NativeProbes.Repetition::meanNs),
            new Statistic(Metric.FLOOR_ROUND_TRIP_P50_NS, NativeProbes.Repetition::p50Ns),
            new Statistic(Metric.FLOOR_ROUND_TRIP_P99_NS, NativeProbes.Repetition::p99Ns),
            new Statistic(Metric.FLOOR_CPU_PER_ROUND_TRIP_NS, NativeProbes.Repetition::cpuNsPerRoundTrip));

    /**
     * @param reps        the repetitions of one probe, one wait discipline, one payload size
     * @param extraParams what else identifies the figures (the phase and block of a bracketing floor)
     */
    public static List<SummaryRecord> of(String suite, String model, List<NativeProbes.Repetition> reps,
                                         Map<String, String> extraParams) {
        if (reps.isEmpty()) {
            throw new IllegalArgumentException("no repetitions: a floor needs at least one");
        }
        NativeProbes.Repetition first = reps.get(0);
        for (NativeProbes.Repetition r : reps) {
            if (!r.probe().equals(first.probe()) || !r.discipline().equals(first.discipline())
                    || r.payloadBytes() != first.payloadBytes() || !r.placement().equals(first.placement())) {
                throw new IllegalArgumentException("repetitions of different probes mixed: " + first + " and " + r);
            }
        }
        Map<String, String> params = new LinkedHashMap<>(extraParams);
        params.put("probe", first.probe());
        params.put("wait", first.discipline());
        params.put("payloadBytes", Integer.toString(first.payloadBytes()));
        params.put("repetitions", Integer.toString(reps.size()));
        if (NativeProbes.ONE_CPU.equals(first.placement())) {
            params.put(FloorCheck.PLACEMENT, first.placement()); // free, the default placement, is not written
        }
        long roundTrips = reps.stream().mapToLong(NativeProbes.Repetition::n).sum();
        List<SummaryRecord> out = new ArrayList<>();
        for (Statistic s : STATISTICS) {
            SampleStats stats = SampleStats.of(reps.stream().mapToDouble(s.value()).toArray());
            out.add(new SummaryRecord(suite, model, "-", params, s.metric().id(), stats.mean(), s.metric().unit(),
                    stats.ciLowOrNull(), stats.ciHighOrNull(), roundTrips));
        }
        return out;
    }
}
