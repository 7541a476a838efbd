package org.offloadbench.bench.plan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.offloadbench.bench.suite.Suites;
import org.offloadbench.bench.testkit.TestPoolProvider;
import org.offloadbench.core.offload.OffloaderRegistry;
import org.offloadbench.core.workload.WorkloadCatalogue;

class RunPlannerTest {
    private final WorkloadCatalogue catalogue = WorkloadCatalogue.load();
    private final RunPlanner planner = new RunPlanner(OffloaderRegistry.load(), catalogue,
            Suites.names(Suites.all()), 2);

    @Test
    void defaultsFollowTheProfileAndTheCores() {
        RunPlan plan = planner.plan(RunOptions.defaults(Path.of("out")).withProfile("quick"));
        assertEquals(List.of(1, 2), plan.workerCounts(), "quick: one worker and workers = cores");
        assertEquals(List.of(1, 2, 4), planner.plan(RunOptions.defaults(Path.of("out")).withProfile("standard"))
                .workerCounts(), "standard sweeps 1 to twice the cores");
        assertTrue(plan.models().contains(TestPoolProvider.NAME));
        assertTrue(plan.workloads().contains("bench-test-sum"));
        assertTrue(plan.workloads().stream().noneMatch(w -> w.contains("fault")), "faults are never benchmarked");
        assertEquals(Profile.QUICK.settings().copySizes(), plan.payloadSizes());
        assertEquals(List.of("sha256"), plan.sweepWorkloads(), "the preferred built-in is swept");
        assertEquals("sha256", plan.cpuWorkloads().get(0));
        assertTrue(plan.cpuWorkloads().containsAll(RunPlanner.PREFERRED_CPU_WORKLOADS),
                "every CPU workload gets its saturated step at workers = cores: " + plan.cpuWorkloads());
        assertEquals(Suites.names(Suites.all()), plan.suites());
    }

    @Test
    void aTimeScaleOutsideItsRangeIsRefusedNamingTheRange() {
        for (double bad : new double[] {0, -1, 101, Double.NaN}) {
            UsageException e = assertThrows(UsageException.class,
                    () -> planner.plan(RunOptions.defaults(Path.of("out")).withTimeScale(bad)));
            assertTrue(e.getMessage().contains("--time-scale must be a number above 0 and at most 100"), e.getMessage());
        }
        RunPlan doubled = planner.plan(RunOptions.defaults(Path.of("out")).withProfile("standard").withTimeScale(2));
        RunPlan plain = planner.plan(RunOptions.defaults(Path.of("out")).withProfile("standard"));
        assertEquals(2.0 * plain.settings().scalingIterationMillis(), doubled.settings().scalingIterationMillis(), 1.0,
                "2 doubles the durations (to the millisecond)");
    }

    @Test
    void unshrunkSettingsIgnoreTheModelCountButKeepTheTimeScale() {
        RunPlan many = planner.plan(RunOptions.defaults(Path.of("out")).withProfile("standard").withTimeScale(0.5));
        ProfileSettings profileAtHalf = Profile.STANDARD.settingsFor(0, 0.5);
        assertEquals(profileAtHalf.scalingWarmupMillis(), many.unshrunkSettings().scalingWarmupMillis());
        assertTrue(many.models().size() > 6, "every model on the classpath: more than standard's budget of 6");
        assertTrue(many.settings().scalingWarmupMillis() < profileAtHalf.scalingWarmupMillis(),
                "with more models than the budget the plan's own settings shrink, the unshrunk ones do not");
    }

    @Test
    void trimmedCpuWorkloadsFollowThePreferenceOrderThenTheCatalogue() {
        RunPlan standard = planner.plan(RunOptions.defaults(Path.of("out")).withProfile("standard"));
        assertEquals(List.of("sha256", "sum-loop"), standard.sweepWorkloads());
        assertEquals(RunPlanner.PREFERRED_CPU_WORKLOADS,
                standard.cpuWorkloads().subList(0, RunPlanner.PREFERRED_CPU_WORKLOADS.size()));
        RunPlan full = planner.plan(RunOptions.defaults(Path.of("out")).withProfile("full"));
        assertEquals(RunPlanner.PREFERRED_CPU_WORKLOADS,
                full.cpuWorkloads().subList(0, RunPlanner.PREFERRED_CPU_WORKLOADS.size()));
        assertTrue(full.cpuWorkloads().contains("bench-test-sum"), "workloads outside the list still run, after it");
    }

    @Test
    void theProfileTrimsOnlyItsOwnDefaults() {
        RunPlan quick = planner.plan(RunOptions.defaults(Path.of("out")).withProfile("quick"));
        assertEquals(List.of("echo"), quick.copyWorkloads());
        RunPlan named = planner.plan(RunOptions.defaults(Path.of("out")).withProfile("quick")
                .withWorkloads(List.of("bench-test-sum", "bench-test-noop"))
                .withRoles("bench-test-noop", List.of("bench-test-echo", "bench-test-noop"), List.of()));
        assertEquals(List.of("bench-test-echo", "bench-test-noop"), named.copyWorkloads());
        assertEquals(List.of("bench-test-sum"), named.cpuWorkloads(), "CPU-heavy ones first, all of those named");
        RunPlan namedCpu = planner.plan(RunOptions.defaults(Path.of("out")).withProfile("quick")
                .withWorkloads(List.of("deflate", "sha256", "image-blur")));
        assertEquals(List.of("sha256", "deflate", "image-blur"), namedCpu.sweepWorkloads(),
                "what the user named is swept in full, whatever the profile");
        RunPlan transportOnly = planner.plan(RunOptions.defaults(Path.of("out"))
                .withWorkloads(List.of("bench-test-noop", "bench-test-echo")));
        assertEquals(List.of("bench-test-noop", "bench-test-echo"), transportOnly.cpuWorkloads());
    }

    @Test
    void defaultWorkersAreOneToTwiceTheCores() {
        assertEquals(List.of(1, 2), RunPlanner.defaultWorkers(1));
        assertEquals(List.of(1, 2, 3, 4, 6), RunPlanner.defaultWorkers(3));
        assertEquals(List.of(1, 2, 4, 8, 16), RunPlanner.defaultWorkers(8));
    }

    @Test
    void quickShrinksDurationsWithManyModelsButNotBelowAThird() {
        // quick is sized for three models (it measures every CPU workload for each)
        ProfileSettings three = Profile.QUICK.settingsFor(3, 1.0);
        ProfileSettings six = Profile.QUICK.settingsFor(6, 1.0);
        ProfileSettings twelve = Profile.QUICK.settingsFor(12, 1.0);
        ProfileSettings fifty = Profile.QUICK.settingsFor(50, 1.0);
        assertEquals(Profile.QUICK.settings(), three);
        assertEquals(three.latencyStepMillis() / 2, six.latencyStepMillis());
        assertEquals(Math.round(three.latencyStepMillis() / 3.0), twelve.latencyStepMillis());
        assertEquals(Math.round(three.latencyStepMillis() / 3.0), fifty.latencyStepMillis());
        assertEquals(three.jmhIterations(), twelve.jmhIterations(), "counts stay; only durations shrink");
    }

    @Test
    void theConfigHashChangesWithTheConfiguration() {
        RunPlan a = planner.plan(RunOptions.defaults(Path.of("out")).withProfile("quick"));
        RunPlan b = planner.plan(RunOptions.defaults(Path.of("out")).withProfile("quick").withSizes(List.of("1KiB")));
        assertEquals(8, a.configHash(catalogue).length());
        assertEquals(a.configHash(catalogue), planner.plan(RunOptions.defaults(Path.of("out")).withProfile("quick"))
                .configHash(catalogue));
        assertNotEquals(a.configHash(catalogue), b.configHash(catalogue));
    }

    @Test
    void configCarriesWhatTheReportNeeds() {
        var config = planner.plan(RunOptions.defaults(Path.of("out"))).config(catalogue);
        for (String key : List.of("workloadClasses", "workloadDescriptions", "models", "workloads", "suites",
                "payloadSizes", "workerCounts", "profile", "cores")) {
            assertTrue(config.containsKey(key), key);
        }
        assertEquals("COMPUTE", ((java.util.Map<?, ?>) config.get("workloadClasses")).get("bench-test-sum"));
    }
}
