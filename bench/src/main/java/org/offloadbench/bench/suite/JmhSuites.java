package org.offloadbench.bench.suite;

import java.util.Map;
import org.offloadbench.bench.plan.ProfileSettings;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.util.Statistics;

/** What the two JMH suites share: timing estimates and reading a JMH result. */
final class JmhSuites {
    /** Starting a forked JVM with the whole jar and building the model, on a two-core machine. */
    static final double FORK_STARTUP_SECONDS = 1.5;

    private JmhSuites() {
    }

    static double secondsPerBenchmark(ProfileSettings s) {
        double perFork = FORK_STARTUP_SECONDS + (s.jmhWarmupIterations() * (double) s.jmhWarmupMillis()
                + s.jmhIterations() * (double) s.jmhIterationMillis()) / 1000.0;
        return s.jmhForks() * perFork;
    }

    static int payloadBytes(RunResult result) {
        return Integer.parseInt(result.getParams().getParam("payloadBytes"));
    }

    static Statistics stats(RunResult result) {
        return result.getPrimaryResult().getStatistics();
    }

    /**
     * JMH's 99.9 % interval, or nulls when JMH has none (fewer than three samples: NaN). JMH's interval is
     * symmetric, so a few noisy iterations can push its lower bound below zero; a time per operation cannot
     * be negative, so the lower bound is clamped at zero (as SampleStats does for the other suites).
     */
    static Double[] interval(RunResult result) {
        double[] ci = result.getPrimaryResult().getScoreConfidence();
        if (ci == null || ci.length < 2 || Double.isNaN(ci[0]) || Double.isNaN(ci[1])) {
            return new Double[] {null, null};
        }
        return new Double[] {Math.max(0, ci[0]), ci[1]};
    }

    static Map<String, String> sizeParams(int payloadBytes) {
        return Map.of("payloadBytes", Integer.toString(payloadBytes));
    }
}
