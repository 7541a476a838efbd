package org.offloadbench.bench.rig;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.offloadbench.bench.plan.RunPlan;
import org.offloadbench.bench.plan.RunPlanner;
import org.offloadbench.bench.suite.Suites;
import org.offloadbench.bench.testkit.TestPoolProvider;
import org.offloadbench.core.measure.NanoClock;
import org.offloadbench.core.offload.OffloaderRegistry;
import org.offloadbench.core.result.ModelInfo;
import org.offloadbench.core.result.ResultsFolder;
import org.offloadbench.core.result.RunRecord;
import org.offloadbench.core.result.SummaryRecord;
import org.offloadbench.core.workload.WorkloadCatalogue;

/**
 * Two variants of one model through a real suite: two rows with distinct names in the figures, each model
 * built with its own options, and every row's resolved options in run.json.
 */
@Timeout(120)
class ModelVariantsRigTest {
    private static final String SPIN = TestPoolProvider.NAME + "[wait=spin]";
    private static final String PARK = TestPoolProvider.NAME + "[wait=park,spinMicros=5]";

    @TempDir
    Path tmp;

    @Test
    void twoVariantsAreMeasuredAsTwoRowsEachWithItsOptions() throws Exception {
        TestPoolProvider.CREATED_WITH.clear();
        RunPlan plan = new RunPlanner(OffloaderRegistry.load(), WorkloadCatalogue.load(), Suites.names(Suites.all()), 2)
                .plan(RigFixtures.tinyOptions(tmp).withModels(List.of(SPIN + "," + PARK)).withSuites(List.of("startup")));
        Rig.Outcome outcome = new Rig(plan, OffloaderRegistry.load(), WorkloadCatalogue.load(), Suites.all(),
                Clock.systemUTC(), NanoClock.system(), Progress.SILENT, RigFixtures::environment).run();
        assertTrue(outcome.complete(), outcome.run().suites().toString());
        ResultsFolder folder = ResultsFolder.open(outcome.folder());

        Set<String> rows = folder.readSummary().stream().map(SummaryRecord::model).collect(Collectors.toSet());
        assertEquals(Set.of(SPIN, PARK), rows, "one row per variant, named with its options");
        List<Map<String, String>> created = new ArrayList<>(TestPoolProvider.CREATED_WITH);
        assertTrue(created.contains(Map.of("wait", "spin")) && created.contains(Map.of("wait", "park", "spinMicros", "5")),
                "each row's offloaders were built with that row's options: " + created);
        assertTrue(created.stream().allMatch(o -> o.equals(Map.of("wait", "spin"))
                || o.equals(Map.of("wait", "park", "spinMicros", "5"))), created.toString());

        RunRecord run = folder.readRun();
        assertEquals(List.of(SPIN, PARK), run.config().get("models"));
        assertEquals(List.of(
                Map.of("name", SPIN, "model", TestPoolProvider.NAME, "options", Map.of("wait", "spin", "spinMicros", "0")),
                Map.of("name", PARK, "model", TestPoolProvider.NAME, "options", Map.of("wait", "park", "spinMicros", "5"))),
                run.config().get("modelRows"), "run.json records every row's options, defaults included");
        List<String> listed = run.models().stream().map(ModelInfo::name).toList();
        assertTrue(listed.contains(SPIN) && listed.contains(PARK) && !listed.contains(TestPoolProvider.NAME),
                "the model list shows the variants in place of their model: " + listed);
        assertTrue(run.models().stream().filter(m -> m.name().equals(SPIN)).findFirst().orElseThrow().description()
                .contains("variant of " + TestPoolProvider.NAME + ": wait=spin"));
    }
}
