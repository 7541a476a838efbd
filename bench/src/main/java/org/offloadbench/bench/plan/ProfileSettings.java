package org.offloadbench.bench.plan;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * How much measuring each suite does. Times are per measurement, per model; {@link #scaled} shrinks them
 * (never below a floor that still gives a meaningful sample) so a profile keeps its time budget as models
 * are added.
 *
 * @param jmhForks                 JMH forks per benchmark
 * @param jmhWarmupIterations      JMH warm-up iterations (excluded from results)
 * @param jmhWarmupMillis          length of each
 * @param jmhIterations            JMH measurement iterations
 * @param jmhIterationMillis       length of each
 * @param jmhPreWarmMaxMillis      most time a JMH trial's pre-warm (round trips until steady) may take
 * @param jmhPreWarmMaxRoundTrips  most round trips it may send
 * @param copySizes                default payload sizes of the copy suite
 * @param copyWorkloadsMax         at most this many copy workloads (0: all given)
 * @param cpuWorkloadsMax          at most this many CPU workloads get scaling's full worker sweep and the latency
 *                                 steps (0: all selected); every other CPU workload gets one saturated scaling
 *                                 step at workers = cores, so every workload class has a verdict
 * @param scalingIterations        closed-loop measurement iterations per worker count
 * @param scalingWarmupMillis      warm-up before them (excluded)
 * @param scalingIterationMillis   length of each
 * @param latencyMaxRateMillis     closed-loop run that finds the max rate
 * @param latencyStepMillis        length of each open-loop step
 * @param latencyPercents          open-loop rates as percent of the max rate
 * @param startupRepeats           cold starts per model and worker count
 * @param hiccupMillis             how long the hiccup meter runs per model (and idle)
 * @param resilienceTasks          normal tasks in flight around each fault
 * @param resilienceTimeoutMillis  per-task timeout given to fault tasks (fault-hang needs it)
 */
public record ProfileSettings(int jmhForks, int jmhWarmupIterations, int jmhWarmupMillis, int jmhIterations,
                              int jmhIterationMillis, int jmhPreWarmMaxMillis, int jmhPreWarmMaxRoundTrips,
                              List<Integer> copySizes, int copyWorkloadsMax,
                              int cpuWorkloadsMax, int scalingIterations, int scalingWarmupMillis,
                              int scalingIterationMillis, int latencyMaxRateMillis, int latencyStepMillis,
                              List<Integer> latencyPercents, int startupRepeats, int hiccupMillis,
                              int resilienceTasks, int resilienceTimeoutMillis) {

    private static final int MIN_MILLIS = 20;

    public ProfileSettings {
        copySizes = List.copyOf(copySizes);
        latencyPercents = List.copyOf(latencyPercents);
    }

    /** Every duration times {@code factor}, none below 20 ms; counts unchanged. */
    public ProfileSettings scaled(double factor) {
        if (!(factor > 0) || Double.isInfinite(factor)) {
            throw new IllegalArgumentException("time scale must be a positive number, was " + factor);
        }
        return new ProfileSettings(jmhForks, jmhWarmupIterations, ms(jmhWarmupMillis, factor), jmhIterations,
                ms(jmhIterationMillis, factor), ms(jmhPreWarmMaxMillis, factor), jmhPreWarmMaxRoundTrips, copySizes, copyWorkloadsMax, cpuWorkloadsMax, scalingIterations,
                ms(scalingWarmupMillis, factor), ms(scalingIterationMillis, factor),
                ms(latencyMaxRateMillis, factor), ms(latencyStepMillis, factor), latencyPercents, startupRepeats,
                ms(hiccupMillis, factor), resilienceTasks, resilienceTimeoutMillis);
    }

    private static int ms(int millis, double factor) {
        return Math.max(MIN_MILLIS, (int) Math.round(millis * factor));
    }

    /** The same settings with other pre-warm caps (tests force an unsettled pre-warm with a cap of 1). */
    public ProfileSettings withJmhPreWarm(int maxMillis, int maxRoundTrips) {
        return new ProfileSettings(jmhForks, jmhWarmupIterations, jmhWarmupMillis, jmhIterations, jmhIterationMillis,
                maxMillis, maxRoundTrips, copySizes, copyWorkloadsMax, cpuWorkloadsMax, scalingIterations,
                scalingWarmupMillis, scalingIterationMillis, latencyMaxRateMillis, latencyStepMillis, latencyPercents,
                startupRepeats, hiccupMillis, resilienceTasks, resilienceTimeoutMillis);
    }

    /** The same settings sweeping this many CPU workloads (0: all; what the user named is measured in full). */
    public ProfileSettings withCpuWorkloadsMax(int max) {
        return new ProfileSettings(jmhForks, jmhWarmupIterations, jmhWarmupMillis, jmhIterations, jmhIterationMillis,
                jmhPreWarmMaxMillis, jmhPreWarmMaxRoundTrips, copySizes, copyWorkloadsMax, max, scalingIterations,
                scalingWarmupMillis, scalingIterationMillis, latencyMaxRateMillis, latencyStepMillis, latencyPercents,
                startupRepeats, hiccupMillis, resilienceTasks, resilienceTimeoutMillis);
    }

    /** For run.json: the resolved settings, so a reader knows the warm-up and iterations behind each figure. */
    public Map<String, Object> describe() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("jmh", Map.of("forks", jmhForks, "warmupIterations", jmhWarmupIterations,
                "warmupMillis", jmhWarmupMillis, "iterations", jmhIterations, "iterationMillis", jmhIterationMillis,
                "preWarmMaxMillis", jmhPreWarmMaxMillis, "preWarmMaxRoundTrips", jmhPreWarmMaxRoundTrips));
        m.put("scaling", Map.of("iterations", scalingIterations, "warmupMillis", scalingWarmupMillis,
                "iterationMillis", scalingIterationMillis));
        m.put("latency", Map.of("maxRateMillis", latencyMaxRateMillis, "stepMillis", latencyStepMillis,
                "ratePercents", latencyPercents));
        m.put("startup", Map.of("repeats", startupRepeats));
        m.put("responsiveness", Map.of("meterMillis", hiccupMillis, "resolutionMillis", 1));
        m.put("resilience", Map.of("tasks", resilienceTasks, "faultTimeoutMillis", resilienceTimeoutMillis));
        return m;
    }
}
