package org.offloadbench.bench.suite;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.offloadbench.bench.plan.RunOptions;
import org.offloadbench.bench.plan.RunPlan;
import org.offloadbench.bench.plan.RunPlanner;
import org.offloadbench.bench.rig.Progress;
import org.offloadbench.bench.rig.Rig;
import org.offloadbench.bench.rig.RigFixtures;
import org.offloadbench.bench.testkit.TestPoolProvider;
import org.offloadbench.core.measure.NanoClock;
import org.offloadbench.core.offload.OffloaderRegistry;
import org.offloadbench.core.result.Metric;
import org.offloadbench.core.result.ResultsFolder;
import org.offloadbench.core.result.RunRecord;
import org.offloadbench.core.result.SummaryRecord;
import org.offloadbench.core.workload.WorkloadCatalogue;

/** The granularity suite on the in-process test pool: the records it promises, whatever the timings. */
class GranularitySuiteTest {
    @TempDir
    Path tmp;

    @Test
    void theSweepTheCrossingsAndTheAnatomyAreRecorded() throws Exception {
        int openBefore = TestPoolProvider.OPEN.get();
        RunOptions options = RigFixtures.tinyOptions(tmp).withModels(List.of(TestPoolProvider.NAME))
                .withSuites(List.of("granularity"));
        RunPlan plan = new RunPlanner(OffloaderRegistry.load(), WorkloadCatalogue.load(), Suites.names(Suites.all()), 2)
                .plan(options);
        Rig.Outcome outcome = new Rig(plan, OffloaderRegistry.load(), WorkloadCatalogue.load(), Suites.all(),
                Clock.systemUTC(), NanoClock.system(), Progress.SILENT, RigFixtures::environment).run();
        RunRecord run = ResultsFolder.open(outcome.folder()).readRun();
        assertTrue(run.complete(), run.suites().toString());
        assertEquals(openBefore, TestPoolProvider.OPEN.get(), "every instance is closed");
        List<SummaryRecord> all = ResultsFolder.open(outcome.folder()).readSummary();

        List<SummaryRecord> durations = all.stream().filter(r -> r.model().equals(GranularitySuite.INLINE)
                && r.metric().equals(Metric.TASK_DURATION.id())).toList();
        assertEquals(5, durations.size(), "quick: five sizes");
        Set<String> sizes = durations.stream().map(r -> r.param("iterations")).collect(Collectors.toSet());
        List<SummaryRecord> speedups = all.stream().filter(r -> r.model().equals(TestPoolProvider.NAME)
                && r.metric().equals(Metric.SPEEDUP_VS_INLINE.id())).toList();
        assertEquals(sizes, speedups.stream().map(r -> r.param("iterations")).collect(Collectors.toSet()),
                "a speedup at every size the inline baseline measured");
        for (SummaryRecord s : speedups) {
            assertEquals(3, s.samples().size(), s.toString());
            assertEquals(Integer.toString(Runtime.getRuntime().availableProcessors()), s.param("workers"));
            assertTrue(s.value() > 0, s.toString());
        }
        for (Metric m : List.of(Metric.BREAK_EVEN_TASK, Metric.PAYS_90_TASK)) {
            SummaryRecord c = all.stream().filter(r -> r.model().equals(TestPoolProvider.NAME)
                    && r.metric().equals(m.id())).findFirst().orElseThrow(() -> new AssertionError("no " + m.id()));
            assertTrue(Set.of("interpolated", "at-most", "above").contains(c.param("bound")), c.toString());
            assertTrue(c.value() > 0, c.toString());
        }
        for (String workload : List.of("noop", "echo")) {
            Map<String, Double> parts = all.stream().filter(r -> r.model().equals(TestPoolProvider.NAME)
                            && r.workload().equals(workload) && r.metric().startsWith("handoff-"))
                    .collect(Collectors.toMap(SummaryRecord::metric, SummaryRecord::value));
            assertEquals(5, parts.size(), workload + ": " + parts);
            double sum = parts.get("handoff-send") + parts.get("handoff-queue") + parts.get("handoff-run")
                    + parts.get("handoff-reply");
            assertEquals(parts.get("handoff-round-trip"), sum, 1e-6 * sum, "the parts add up: " + parts);
        }
        assertTrue(Files.isRegularFile(outcome.folder().resolve("granularity/sweep.json")));
    }
}
