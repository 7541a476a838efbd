package org.offloadbench.bench.suite;

import java.util.Map;
import org.offloadbench.bench.jmh.WarmUpCheck;
import org.offloadbench.bench.plan.ProfileSettings;
import org.offloadbench.bench.rig.SuiteContext;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.util.Statistics;

/** What the two JMH suites share: timing estimates and reading a JMH result. */
final class JmhSuites {
    /** Starting a forked JVM with the whole jar and building the model, on a two-core machine. */
    static final double FORK_STARTUP_SECONDS = 1.5;

    private JmhSuites() {
    }

    /** Threads settle in a few pre-warm windows, child JVMs often run to the cap: guess half of it. */
    static final double PRE_WARM_SHARE_OF_CAP = 0.5;

    static double secondsPerBenchmark(ProfileSettings s) {
        double perFork = FORK_STARTUP_SECONDS + (PRE_WARM_SHARE_OF_CAP * s.jmhPreWarmMaxMillis()
                + s.jmhWarmupIterations() * (double) s.jmhWarmupMillis()
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

    /**
     * Notes a trial whose model was still warming up (pre-warm capped unsettled, or improving iterations),
     * the way the scaling and latency suites note an unsettled warm-up.
     */
    static void noteIfWarming(SuiteContext ctx, String suite, String model, String workload, RunResult r) {
        String what = suite + " " + model + " " + workload + " " + payloadBytes(r) + " B "
                + r.getParams().getMode().shortLabel();
        WarmUpCheck.warning(what, WarmUpCheck.of(r), ctx.plan().profile()).ifPresent(ctx::note);
    }

    static Map<String, String> sizeParams(int payloadBytes) {
        return Map.of("payloadBytes", Integer.toString(payloadBytes));
    }
}
