package org.offloadbench.bench.jmh;

import java.util.Collection;
import java.util.List;
import org.openjdk.jmh.infra.BenchmarkParams;
import org.openjdk.jmh.infra.IterationParams;
import org.openjdk.jmh.profile.InternalProfiler;
import org.openjdk.jmh.results.AggregationPolicy;
import org.openjdk.jmh.results.IterationResult;
import org.openjdk.jmh.results.Result;
import org.openjdk.jmh.results.ScalarResult;

/**
 * Carries the trial's {@link PreWarm.Outcome} from the fork back to the runner as JMH secondary results.
 * The pre-warm runs in the forked JVM; JMH's own link already brings each iteration's results home, so
 * the outcome rides along with them (and lands in the raw JMH JSON, where JMH Visualizer shows it) rather
 * than through a side file or the fork's stdout. The same value is reported after every iteration and
 * aggregated with MAX, which keeps it unchanged.
 */
public final class PreWarmProfiler implements InternalProfiler {
    static final String SETTLED = "preWarm.settled";
    static final String ROUND_TRIPS = "preWarm.roundTrips";
    static final String MILLIS = "preWarm.time";
    static final String FIRST_RATE = "preWarm.firstWindowRate";
    static final String LAST_RATE = "preWarm.lastWindowRate";

    /** Set by the trial setup in this fork; read after each iteration of that trial. */
    private static volatile PreWarm.Outcome last;

    static void publish(PreWarm.Outcome outcome) {
        last = outcome;
    }

    /** What the last trial setup in this JVM published (null: none, or the pre-warm was off). */
    static PreWarm.Outcome lastPublished() {
        return last;
    }

    @Override
    public String getDescription() {
        return "offload-bench: reports the outcome of OffloadBenchmark's pre-warm";
    }

    @Override
    public void beforeIteration(BenchmarkParams benchmarkParams, IterationParams iterationParams) {
        // nothing to start: the pre-warm is over before the first iteration
    }

    @Override
    public Collection<? extends Result> afterIteration(BenchmarkParams benchmarkParams,
                                                       IterationParams iterationParams, IterationResult result) {
        PreWarm.Outcome outcome = last;
        if (outcome == null) {
            return List.of(); // pre-warm disabled (caps of 0)
        }
        return List.of(
                new ScalarResult(SETTLED, outcome.steady() ? 1 : 0, "boolean", AggregationPolicy.MAX),
                new ScalarResult(ROUND_TRIPS, outcome.roundTrips(), "round trips", AggregationPolicy.MAX),
                new ScalarResult(MILLIS, outcome.elapsedNanos() / 1e6, "ms", AggregationPolicy.MAX),
                new ScalarResult(FIRST_RATE, outcome.firstWindowRate(), "round trips/s", AggregationPolicy.MAX),
                new ScalarResult(LAST_RATE, outcome.lastWindowRate(), "round trips/s", AggregationPolicy.MAX));
    }
}
