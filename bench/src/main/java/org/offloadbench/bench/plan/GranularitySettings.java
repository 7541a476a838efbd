package org.offloadbench.bench.plan;

import java.util.Map;

/**
 * How much measuring the granularity suite does, per profile (its own record, beside {@link ProfileSettings}, so
 * the suite's knobs do not widen every profile's constructor). Durations follow the run: the same shrink for many
 * models and the same {@code --time-scale} as the scaling suite's iterations; the pre-warm cap follows the time
 * scale only, like every warm-up cap (how long a child JVM needs does not depend on how many models run).
 *
 * @param points             task sizes swept from about 1 us to about 10 ms, evenly on a log scale
 * @param repetitions        closed-loop steps per point and model (the samples behind each interval)
 * @param stepMillis         length of each step; a step at a large task size is lengthened to hold
 *                           {@link #MIN_TASKS_PER_STEP} tasks
 * @param preWarmMaxMillis   most a fresh out-of-process instance is pre-warmed before its sweep
 * @param anatomyWarmUpMillis most the anatomy's one-at-a-time round trips warm up per workload
 * @param modelBudgetMillis  most one model's sweep may take once started; later (smaller) task sizes are skipped
 *                           with a note when a model is slower than that (a new child JVM per task)
 */
public record GranularitySettings(int points, int repetitions, int stepMillis, int preWarmMaxMillis,
                                  int anatomyWarmUpMillis, int modelBudgetMillis) {

    /** Fewer tasks than this in a step quantise its throughput too coarsely. */
    public static final int MIN_TASKS_PER_STEP = 12;
    private static final int MIN_MILLIS = 20;

    private static final Map<Profile, GranularitySettings> BASE = Map.of(
            Profile.QUICK, new GranularitySettings(5, 3, 60, 400, 100, 3000),
            Profile.STANDARD, new GranularitySettings(9, 5, 200, 3000, 1000, 20_000),
            Profile.FULL, new GranularitySettings(13, 10, 500, 8000, 3000, 60_000));

    public GranularitySettings {
        if (points < 2 || repetitions < 1) {
            throw new IllegalArgumentException("granularity needs at least 2 points and 1 repetition, was "
                    + points + " and " + repetitions);
        }
    }

    /** The profile's settings at this plan's time scale and shrink. */
    public static GranularitySettings of(RunPlan plan) {
        GranularitySettings base = BASE.get(plan.profile());
        double shrunk = factor(plan.settings(), plan.profile());
        double unshrunk = factor(plan.unshrunkSettings(), plan.profile());
        return new GranularitySettings(base.points, base.repetitions, ms(base.stepMillis, shrunk),
                ms(base.preWarmMaxMillis, unshrunk), ms(base.anatomyWarmUpMillis, unshrunk),
                ms(base.modelBudgetMillis, unshrunk));
    }

    /** The run's duration factor, read off the scaling iterations (the plan's shrink times its time scale). */
    private static double factor(ProfileSettings settings, Profile profile) {
        return settings.scalingIterationMillis() / (double) profile.settings().scalingIterationMillis();
    }

    private static int ms(int millis, double factor) {
        return Math.max(MIN_MILLIS, (int) Math.round(millis * factor));
    }

    /** For run.json's settings. */
    public Map<String, Object> describe() {
        return Map.of("points", points, "repetitions", repetitions, "stepMillis", stepMillis,
                "preWarmMaxMillis", preWarmMaxMillis, "anatomyWarmUpMillis", anatomyWarmUpMillis,
                "modelBudgetMillis", modelBudgetMillis, "minTasksPerStep", MIN_TASKS_PER_STEP);
    }
}
