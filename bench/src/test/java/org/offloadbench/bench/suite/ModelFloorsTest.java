package org.offloadbench.bench.suite;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.offloadbench.bench.rig.Progress;
import org.offloadbench.bench.rig.SuiteContext;
import org.offloadbench.core.measure.NanoClock;
import org.offloadbench.core.offload.FloorTransport;
import org.offloadbench.core.offload.OffloaderConfig;
import org.offloadbench.core.offload.OffloaderProvider;
import org.offloadbench.core.offload.OffloaderRegistry;
import org.offloadbench.core.offload.WaitDiscipline;
import org.offloadbench.core.workload.WorkloadCatalogue;
import org.offloadbench.reports.stats.FloorCheck;

/** Every built-in model names the floor it is held against, and its options move its wait discipline. */
class ModelFloorsTest {
    private static final List<String> FAMILIES = List.of("threads/", "process/", "cluster/", "shm/");
    private final OffloaderRegistry registry = OffloaderRegistry.load();

    private WaitDiscipline wait(String model, Map<String, String> options) {
        return registry.get(model).waitDiscipline(new OffloaderConfig(1, 1024, options));
    }

    @Test
    void everyBuiltInModelSaysItsTransportAndDiscipline() {
        List<OffloaderProvider> builtIn = registry.names().stream().filter(n -> FAMILIES.stream().anyMatch(n::startsWith))
                .map(registry::get).toList();
        // threads x4, process/pipes, cluster x3, shm x3, and any model added later: each is checked below
        assertTrue(builtIn.size() >= 11, "built-in models missing from " + registry.names());
        for (OffloaderProvider p : builtIn) {
            assertNotEquals(FloorTransport.UNKNOWN, p.floorTransport(), p.name());
            assertNotEquals(WaitDiscipline.UNKNOWN, p.waitDiscipline(OffloaderConfig.of(1, 1024)), p.name());
        }
    }

    @Test
    void aZeroCopyModelsFiguresSayItSoTheCopyingEchoFloorIsNotHeldAgainstThem() {
        var plan = new org.offloadbench.bench.plan.RunPlanner(registry, WorkloadCatalogue.load(),
                Suites.names(Suites.all()), 2).plan(org.offloadbench.bench.plan.RunOptions.defaults(Path.of("out"))
                .withProfile("quick"));
        SuiteContext ctx = new SuiteContext("copy", plan, registry, WorkloadCatalogue.load(), null, null,
                Progress.SILENT, null, NanoClock.system(), () -> false);
        assertEquals("true", JmhSuites.floorParams(ctx, "shm/zero-copy").get(FloorCheck.ZERO_COPY));
        assertFalse(JmhSuites.floorParams(ctx, "shm/copy").containsKey(FloorCheck.ZERO_COPY));
        assertEquals("shared-memory", JmhSuites.floorParams(ctx, "shm/zero-copy").get(FloorCheck.TRANSPORT));
    }

    @Test
    void theModelsOptionsDecideTheirDiscipline() {
        assertEquals(WaitDiscipline.ADAPTIVE, wait("process/pipes", Map.of()));
        assertEquals(WaitDiscipline.ADAPTIVE, wait("process/pipes", Map.of("awaitSpinMicros", "20")));
        assertEquals(WaitDiscipline.PARK, wait("process/pipes", Map.of("awaitSpinMicros", "0")));
        for (String shm : List.of("shm/copy", "shm/zero-copy", "shm/in-process")) {
            assertEquals(WaitDiscipline.SPIN, wait(shm, Map.of("wait", "spin")), shm);
            assertEquals(WaitDiscipline.ADAPTIVE, wait(shm, Map.of("wait", "backoff")), shm);
            assertEquals(WaitDiscipline.PARK, wait(shm, Map.of("wait", "park")), shm);
        }
        assertEquals(FloorTransport.PIPE, registry.get("process/pipes").floorTransport());
        assertEquals(FloorTransport.SHARED_MEMORY, registry.get("shm/copy").floorTransport());
        assertEquals(FloorTransport.THREAD_HANDOFF, registry.get("shm/in-process").floorTransport());
        assertEquals(FloorTransport.TCP, registry.get("cluster/kernel").floorTransport());
        assertEquals(WaitDiscipline.PARK, wait("threads/platform-pool", Map.of()));
    }
}
