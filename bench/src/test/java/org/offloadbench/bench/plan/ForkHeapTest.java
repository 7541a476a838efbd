package org.offloadbench.bench.plan;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.offloadbench.bench.suite.Suites;
import org.offloadbench.core.offload.OffloaderRegistry;
import org.offloadbench.core.workload.WorkloadCatalogue;

class ForkHeapTest {

    private final RunPlanner planner = new RunPlanner(OffloaderRegistry.load(), WorkloadCatalogue.load(),
            Suites.names(Suites.all()), 2);

    @Test
    void forksGetAFixedHeapByDefault() {
        RunPlan plan = planner.plan(RunOptions.defaults(Path.of("out")).withProfile("quick"));
        assertEquals(List.of("-Xms1g", "-Xmx1g"), plan.forkJvmArgs());
    }

    @Test
    void theUsersOwnHeapFlagWins() {
        RunPlan plan = planner.plan(RunOptions.defaults(Path.of("out")).withProfile("quick")
                .withForkJvmArgs(List.of("-Xmx3g", "-XX:+UseZGC")));
        assertEquals(List.of("-Xmx3g", "-XX:+UseZGC"), plan.forkJvmArgs());
    }
}
