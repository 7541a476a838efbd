package org.offloadbench.bench.suite;

import org.offloadbench.bench.plan.ProfileSettings;
import org.offloadbench.bench.rig.SuiteContext;

/**
 * What the suites' time estimates share, calibrated on a two-core VM against the suites' measured durations:
 * each instance a suite starts costs its model's declared start ({@code OffloaderProvider.startEstimateMillis}),
 * each JMH fork a JVM's own start on top, and a warm-up on a noisy machine often runs to its cap.
 */
final class Estimates {
    /** A forked JVM's own start with the whole jar and JMH's handshake, before the model starts in it. */
    static final double FORK_JVM_SECONDS = 1.0;
    /** Per measured window: the closed loop's drain and the CPU accounts read around it. */
    static final double WINDOW_OVERHEAD_SECONDS = 0.015;
    /** A warm-up is bounded by its cap and on a busy two-core VM often reaches it: charge this share. */
    static final double WARM_UP_SHARE_OF_CAP = 0.75;
    /** Threads of the caller's (or the fork's) JVM settle earlier: a warm-up or pre-warm of theirs, this share. */
    static final double IN_JVM_WARM_UP_SHARE_OF_CAP = 0.5;

    private Estimates() {
    }

    /** The declared start of the plan row's model with {@code workers} workers, in seconds. */
    static double startSeconds(SuiteContext ctx, String row, int workers) {
        return ctx.registry().get(ctx.plan().row(row).model()).startEstimateMillis(workers) / 1000.0;
    }

    /** Whether the row's workers are threads of the caller's JVM (its traits say it shares the caller's process). */
    static boolean inCallersJvm(SuiteContext ctx, String row) {
        return ctx.registry().get(ctx.plan().row(row).model()).traits().isolation().startsWith("none");
    }

    /** One JMH fork of one trial of the row: the fork's JVM, the model's start, its pre-warm, JMH's iterations. */
    static double secondsPerFork(SuiteContext ctx, String row) {
        ProfileSettings s = ctx.plan().settings();
        return FORK_JVM_SECONDS + startSeconds(ctx, row, 1) + (warmUpShare(ctx, row) * s.jmhPreWarmMaxMillis()
                + s.jmhWarmupIterations() * (double) s.jmhWarmupMillis()
                + s.jmhIterations() * (double) s.jmhIterationMillis()) / 1000.0;
    }

    /** The share of a warm-up's cap charged for the row ({@link #IN_JVM_WARM_UP_SHARE_OF_CAP} for threads). */
    static double warmUpShare(SuiteContext ctx, String row) {
        return inCallersJvm(ctx, row) ? IN_JVM_WARM_UP_SHARE_OF_CAP : WARM_UP_SHARE_OF_CAP;
    }

    /** {@code windows} measured closed-loop windows of {@code millis} each. */
    static double measuredSeconds(int windows, long millis) {
        return windows * (millis / 1000.0 + WINDOW_OVERHEAD_SECONDS);
    }
}
