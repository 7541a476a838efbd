package org.offloadbench.bench.plan;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.offloadbench.bench.suite.Suites;
import org.offloadbench.core.offload.OffloaderRegistry;
import org.offloadbench.core.worker.HugePages;
import org.offloadbench.core.workload.WorkloadCatalogue;

class ForkHeapTest {

    private final RunPlanner planner = new RunPlanner(OffloaderRegistry.load(), WorkloadCatalogue.load(),
            Suites.names(Suites.all()), 2);

    @Test
    void forksGetAFixedHeapByDefault() {
        RunPlan plan = planner.plan(RunOptions.defaults(Path.of("out")).withProfile("quick"));
        assertEquals(HugePages.withDefault(List.of("-Xms1g", "-Xmx1g")), plan.forkJvmArgs());
        assertEquals(HugePages.available(), plan.forkJvmArgs().contains(HugePages.FLAG));
    }

    @Test
    void theUsersOwnHeapFlagWins() {
        RunPlan plan = planner.plan(RunOptions.defaults(Path.of("out")).withProfile("quick")
                .withForkJvmArgs(List.of("-Xmx3g", "-XX:+UseZGC")));
        assertEquals(HugePages.withDefault(List.of("-Xmx3g", "-XX:+UseZGC")), plan.forkJvmArgs());
    }

    @Test
    void theUsersOwnPageSizeWins() {
        RunPlan plan = planner.plan(RunOptions.defaults(Path.of("out")).withProfile("quick")
                .withForkJvmArgs(List.of("-XX:-UseTransparentHugePages")));
        assertEquals(List.of("-Xms1g", "-Xmx1g", "-XX:-UseTransparentHugePages"), plan.forkJvmArgs());
    }
}
