package org.offloadbench.node;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.ServiceLoader;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.offloadbench.core.offload.Availability;
import org.offloadbench.core.offload.OffloaderConfig;
import org.offloadbench.core.offload.OffloaderProvider;
import org.offloadbench.core.result.SuiteNames;

/** Registration, availability without node, the workloads the runner may schedule, and option checks. */
class NodeProvidersTest {

    private static List<OffloaderProvider> nodeProviders() {
        return ServiceLoader.load(OffloaderProvider.class).stream().map(ServiceLoader.Provider::get)
                .filter(p -> p.name().startsWith("node/")).toList();
    }

    @Test
    void theFourModelsAreRegisteredAsTheNodeFamily() {
        Set<String> names = new TreeSet<>();
        for (OffloaderProvider p : nodeProviders()) {
            names.add(p.name());
            assertEquals(NodeModels.FAMILY, p.traits().family(), p.name());
        }
        assertEquals(Set.of(NodeModels.WORKER_THREADS, NodeModels.CHILD_PROCESS, NodeModels.CLUSTER,
                NodeModels.SHARED_ARRAY_BUFFER), names);
    }

    @Test
    void withoutNodeOnThePathEveryModelIsUnavailableWithTheReason(@TempDir Path empty) throws Exception {
        Availability none = NodeModels.availability(empty.toString());
        assertFalse(none.available());
        assertTrue(none.reason().contains("node not found on PATH") && none.reason().contains("nodejs"), none.reason());
        Path fake = Files.createFile(empty.resolve("node"));
        assertFalse(NodeModels.availability(empty.toString()).available(), "a node that is not executable");
        assertTrue(fake.toFile().setExecutable(true));
        assertTrue(NodeModels.availability(empty.toString()).available());
    }

    @Test
    void theRunnerIsToldWhichWorkloadsNodeRunsAndWhereItIsMeasured() {
        for (OffloaderProvider p : nodeProviders()) {
            for (String id : List.of("noop", "echo", "sha256")) {
                assertTrue(p.supportsWorkload(id), p.name() + " " + id);
            }
            for (String id : List.of("sum-loop", "deflate", "fault-halt", "no-such")) {
                assertFalse(p.supportsWorkload(id), p.name() + " must not be scheduled for " + id);
            }
            for (String suite : List.of(SuiteNames.OVERHEAD, SuiteNames.COPY, SuiteNames.SCALING, SuiteNames.STARTUP)) {
                assertTrue(p.measuredByDefaultIn(suite), p.name() + " " + suite);
            }
            assertFalse(p.measuredByDefaultIn(SuiteNames.LATENCY), p.name());
        }
    }

    @Test
    void aBadOptionIsRefusedNamingTheValidOnes() {
        for (OffloaderProvider p : nodeProviders()) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> p.resolveOptions(OffloaderConfig.of(1, 4).withOption("heapMb", "1")));
            assertTrue(e.getMessage().contains("heapMb") && e.getMessage().contains("16"), e.getMessage());
            assertEquals("256", p.resolveOptions(OffloaderConfig.of(1, 4)).get("heapMb"));
        }
    }
}
