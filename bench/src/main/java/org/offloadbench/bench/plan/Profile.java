package org.offloadbench.bench.plan;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * The three sizes of a run. Budgets on two cores with about a dozen models: quick at most 5 minutes,
 * standard at most 30 (checked against the suites' own estimates by ProfileBudgetTest, which charge each
 * model's declared start); full takes what it takes. Every profile gives every CPU workload a saturated step at
 * workers = cores; quick sweeps the worker counts for one of them (1 and the cores only), standard for two, full
 * for all. Every figure a verdict is drawn from has enough samples for the test to reach its alpha: quick 5 JMH
 * iterations and 5 scaling iterations a figure (Mann-Whitney needs 4 a side), many short ones rather than few
 * long ones. Quick's copy suite moves 1 MiB only (64 B is the overhead suite's round trip); standard's 64 B,
 * 256 KiB and 16 MiB (each size is a JMH fork per model and workload, whose child JVMs warm up afresh).
 */
public enum Profile {
    QUICK(new ProfileSettings(1, 1, 100, 5, 100, 800, 100_000, List.of(1 << 20), 1, 1,
            5, 100, 90, 180, 800, List.of(50, 95), 3, 800, 8, 300), 3),
    STANDARD(new ProfileSettings(1, 2, 500, 5, 500, 8000, 1_000_000, List.of(64, 256 << 10, 16 << 20), 2, 2,
            5, 500, 500, 1000, 3000, List.of(10, 50, 80, 95), 5, 3000, 32, 1000), 6),
    FULL(new ProfileSettings(3, 5, 1000, 10, 1000, 15_000, 3_000_000, List.of(64, 1 << 10, 16 << 10, 256 << 10, 1 << 20, 16 << 20,
            64 << 20), 0, 0, 10, 2000, 2000, 3000, 10_000, List.of(10, 25, 50, 80, 90, 95), 10, 10_000, 64,
            2000), 0);

    private final ProfileSettings settings;
    /** Models the budget is sized for; more models shrink every duration (0: never shrink). */
    private final int budgetModels;

    Profile(ProfileSettings settings, int budgetModels) {
        this.settings = settings;
        this.budgetModels = budgetModels;
    }

    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    public ProfileSettings settings() {
        return settings;
    }

    /**
     * The settings for this many models: beyond the profile's budget size, durations shrink in proportion
     * (down to a third), so quick stays quick with twelve models.
     */
    public ProfileSettings settingsFor(int models, double timeScale) {
        double factor = budgetModels == 0 || models <= budgetModels ? 1.0
                : Math.max(1.0 / 3, (double) budgetModels / models);
        return settings.scaled(factor * timeScale);
    }

    public static Profile parse(String text) {
        for (Profile p : values()) {
            if (p.id().equalsIgnoreCase(text)) {
                return p;
            }
        }
        throw new UsageException("unknown profile '" + text + "'; valid: "
                + String.join(", ", Arrays.stream(values()).map(Profile::id).toList()));
    }
}
