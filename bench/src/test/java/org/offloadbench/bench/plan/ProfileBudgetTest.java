package org.offloadbench.bench.plan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.offloadbench.bench.rig.Progress;
import org.offloadbench.bench.rig.SuiteContext;
import org.offloadbench.bench.suite.Suite;
import org.offloadbench.bench.suite.Suites;
import org.offloadbench.core.measure.NanoClock;
import org.offloadbench.core.offload.Availability;
import org.offloadbench.core.offload.ModelTraits;
import org.offloadbench.core.offload.Offloader;
import org.offloadbench.core.offload.OffloaderConfig;
import org.offloadbench.core.offload.OffloaderProvider;
import org.offloadbench.core.offload.OffloaderRegistry;
import org.offloadbench.core.workload.Workload;
import org.offloadbench.core.workload.WorkloadCatalogue;
import org.offloadbench.core.workload.WorkloadClass;

/**
 * The profiles' budgets on two cores with the default model set (the sixteen built-in models): the runner's
 * own estimate of a default quick run stays within 5 minutes and of a standard run within 30, while every
 * built-in CPU workload gets a saturated scaling step at workers = cores for every model.
 */
class ProfileBudgetTest {
    static final List<String> DEFAULT_MODELS = List.of("threads/platform-pool", "threads/fork-join",
            "threads/virtual", "threads/mailbox", "process/pipes", "cluster/kernel", "cluster/primary",
            "cluster/nginx", "shm/copy", "shm/zero-copy", "shm/in-process", "threads/spawn-per-task",
            "process/spawn-per-task", "cluster/grpc", "cluster/hazelcast", "shm/agrona");
    static final List<String> BUILT_IN_CPU_WORKLOADS = List.of("sum-loop", "fibonacci", "password-hash", "sha256",
            "deflate", "csv-aggregate", "json-aggregate", "image-blur", "mlp-inference");

    private final WorkloadCatalogue builtIns = WorkloadCatalogue.of(WorkloadCatalogue.load().all().stream()
            .filter(w -> w.getClass().getPackageName().startsWith("org.offloadbench.core.workload.")).toList());
    private final OffloaderRegistry defaultModels = OffloaderRegistry.of(DEFAULT_MODELS.stream()
            .map(ProfileBudgetTest::stub).toList());
    private final RunPlanner planner = new RunPlanner(defaultModels, builtIns, Suites.names(Suites.all()), 2);

    @Test
    void theBuiltInCpuWorkloadsAreTheOnesThisTestCounts() {
        List<String> cpu = builtIns.all().stream().filter(w -> w.workloadClass() != WorkloadClass.TRANSPORT
                && w.workloadClass() != WorkloadClass.FAULT).map(Workload::id).sorted().toList();
        assertEquals(BUILT_IN_CPU_WORKLOADS.stream().sorted().toList(), cpu);
    }

    @Test
    void aDefaultQuickRunFitsInFiveMinutes() {
        assertWithinBudget("quick", 5 * 60);
    }

    @Test
    void aDefaultStandardRunFitsInThirtyMinutes() {
        assertWithinBudget("standard", 30 * 60);
    }

    /** The granularity suite is in quick too, so it must stay a small part of quick's five minutes. */
    @Test
    void theGranularitySuiteStaysCheapInQuick() {
        RunPlan plan = planner.plan(RunOptions.defaults(Path.of("out")).withProfile("quick"));
        Suite granularity = Suites.all().stream().filter(s -> s.name().equals("granularity")).findFirst().orElseThrow();
        SuiteContext ctx = new SuiteContext(granularity.name(), plan, defaultModels, builtIns, null, null,
                Progress.SILENT, null, NanoClock.system(), () -> false);
        assertEquals(DEFAULT_MODELS.size(), ctx.models().size(), "every default model, spawn-per-task included");
        long seconds = granularity.estimateSeconds(ctx);
        assertTrue(seconds <= 20, "granularity is planned at " + seconds + " s in quick");
    }

    /**
     * A model with a documented payload limit (shm/agrona: an eighth of its ring) says so before the run, so the
     * copy suite leaves out the standard sizes it cannot carry instead of failing the suite on its BAD_REQUEST.
     */
    @Test
    void theCopySizesAModelCannotCarryAreKnownBeforeTheRun() {
        RunPlan plan = planner.plan(RunOptions.defaults(Path.of("out")).withProfile("standard"));
        SuiteContext ctx = new SuiteContext("copy", plan, REAL, builtIns, null, null, Progress.SILENT, null,
                NanoClock.system(), () -> false);
        int largest = plan.payloadSizes().stream().max(Integer::compare).orElseThrow();
        assertTrue(ctx.maxInputBytes("shm/agrona") < largest, "16 MiB rings carry 2 MiB messages");
        assertTrue(ctx.maxInputBytes("shm/agrona") >= 256 << 10, "standard's 256 KiB still fits");
        assertEquals(Long.MAX_VALUE, ctx.maxInputBytes("threads/platform-pool"));
    }

    /**
     * The figures verdicts are drawn from (overhead round trips: one sample per JMH iteration; scaling throughput
     * at workers = cores: one per iteration) keep enough samples in every profile for the exact Mann-Whitney test
     * to reach alpha 0.05 two-sided (4 a side at least; 5 in every profile).
     */
    @Test
    void everyProfileKeepsEnoughSamplesForTheVerdictsTest() {
        for (Profile profile : Profile.values()) {
            RunPlan plan = planner.plan(RunOptions.defaults(Path.of("out")).withProfile(profile.id()));
            ProfileSettings s = plan.settings();
            assertTrue(s.jmhForks() * s.jmhIterations() >= 5, profile + ": " + s);
            assertTrue(s.scalingIterations() >= 5, profile + ": " + s);
            assertTrue(plan.workerCounts().contains(2), profile + " measures workers = cores: " + plan.workerCounts());
        }
    }

    private void assertWithinBudget(String profile, long budgetSeconds) {
        RunPlan plan = planner.plan(RunOptions.defaults(Path.of("out")).withProfile(profile));
        assertEquals(DEFAULT_MODELS.size(), plan.models().size());
        assertTrue(plan.cpuWorkloads().containsAll(BUILT_IN_CPU_WORKLOADS), plan.cpuWorkloads().toString());
        Map<String, Long> perSuite = new LinkedHashMap<>();
        long total = 0;
        for (Suite suite : Suites.all()) {
            SuiteContext ctx = new SuiteContext(suite.name(), plan, defaultModels, builtIns, null, null,
                    Progress.SILENT, null, NanoClock.system(), () -> false);
            long seconds = suite.estimateSeconds(ctx);
            perSuite.put(suite.name(), seconds);
            total += seconds;
        }
        System.out.println(profile + ": " + total + " s " + perSuite);
        assertTrue(total <= budgetSeconds, profile + " is planned at " + total + " s, over its " + budgetSeconds
                + " s budget: " + perSuite);
    }

    private static final OffloaderRegistry REAL = OffloaderRegistry.load();

    private static OffloaderProvider stub(String name) {
        return new OffloaderProvider() {
            @Override
            public String name() {
                return name;
            }

            @Override
            public String description() {
                return "stands in for " + name;
            }

            @Override
            public Availability availability() {
                return Availability.yes();
            }

            @Override
            public ModelTraits traits() {
                boolean threads = name.startsWith("threads/") || name.equals("shm/in-process");
                return new ModelTraits(name.substring(0, name.indexOf('/')), threads ? "none: threads of the caller"
                        : "own process", "-", false, "-", "-");
            }

            @Override
            public boolean measuredByDefaultIn(String suite) {
                return REAL.get(name).measuredByDefaultIn(suite); // where the real model is measured by default
            }

            @Override
            public boolean supportsWorkload(String workloadId) {
                return REAL.get(name).supportsWorkload(workloadId);
            }

            @Override
            public long startEstimateMillis(int workers) {
                return REAL.get(name).startEstimateMillis(workers); // the real model's declared start
            }

            @Override
            public Offloader create(OffloaderConfig config) {
                throw new UnsupportedOperationException("the budget is planned, not run");
            }
        };
    }
}
