package org.offloadbench.bench.suite;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.offloadbench.bench.plan.RunOptions;
import org.offloadbench.bench.plan.RunPlan;
import org.offloadbench.bench.plan.RunPlanner;
import org.offloadbench.bench.rig.Progress;
import org.offloadbench.bench.rig.Rig;
import org.offloadbench.bench.rig.RigFixtures;
import org.offloadbench.bench.testkit.TestPoolProvider;
import org.offloadbench.core.measure.NanoClock;
import org.offloadbench.core.offload.Availability;
import org.offloadbench.core.offload.ModelTraits;
import org.offloadbench.core.offload.Offloader;
import org.offloadbench.core.offload.OffloaderConfig;
import org.offloadbench.core.offload.OffloaderProvider;
import org.offloadbench.core.offload.OffloaderRegistry;
import org.offloadbench.core.offload.OffloaderStats;
import org.offloadbench.core.offload.Task;
import org.offloadbench.core.offload.TaskResult;
import org.offloadbench.core.result.ResultsFolder;
import org.offloadbench.core.result.RunRecord;
import org.offloadbench.core.result.SummaryRecord;
import org.offloadbench.core.workload.WorkloadCatalogue;

/**
 * A model that runs out of heap (an Error, not an exception) in the middle of every suite that runs in the
 * runner's JVM: it is recorded as that model's failure, and the model measured after it still gets all its
 * figures.
 */
@Timeout(120)
class ModelFailureIsolationTest {
    private static final String OOM = "bench-test/oom";
    private static final List<String> SUITES = List.of("scaling", "latency", "startup", "responsiveness");

    @TempDir
    Path tmp;

    @Test
    void aModelThatRunsOutOfHeapCostsTheOthersNothing() throws Exception {
        int openBefore = TestPoolProvider.OPEN.get();
        OffloaderRegistry registry = OffloaderRegistry.of(List.of(new OomProvider(), new TestPoolProvider()));
        RunOptions options = RigFixtures.tinyOptions(tmp).withModels(List.of(OOM, TestPoolProvider.NAME))
                .withSuites(SUITES);
        RunPlan plan = new RunPlanner(registry, WorkloadCatalogue.load(), Suites.names(Suites.all()), 2).plan(options);
        Rig.Outcome outcome = new Rig(plan, registry, WorkloadCatalogue.load(), Suites.all(), Clock.systemUTC(),
                NanoClock.system(), Progress.SILENT, RigFixtures::environment).run();

        RunRecord run = ResultsFolder.open(outcome.folder()).readRun();
        assertFalse(run.complete());
        List<SummaryRecord> summary = ResultsFolder.open(outcome.folder()).readSummary();
        for (var status : run.suites()) {
            assertEquals("failed", status.state(), status.toString());
            assertTrue(status.message().contains(OOM) && status.message().contains("OutOfMemoryError"), status.message());
            assertTrue(status.message().lines().filter(l -> l.startsWith(TestPoolProvider.NAME))
                    .noneMatch(l -> l.contains("Error") || l.contains("Exception")), status.message());
            assertTrue(summary.stream().anyMatch(r -> r.suite().equals(status.suite())
                    && r.model().equals(TestPoolProvider.NAME)), "no " + status.suite() + " figures for the healthy model");
            assertTrue(summary.stream().noneMatch(r -> r.suite().equals(status.suite()) && r.model().equals(OOM)));
        }
        assertEquals(openBefore, TestPoolProvider.OPEN.get(), "every offloader was closed");
    }

    /** The test pool, except that every submit throws OutOfMemoryError in the caller's thread. */
    private static final class OomProvider implements OffloaderProvider {
        @Override
        public String name() {
            return OOM;
        }

        @Override
        public String description() {
            return "runs out of heap on every submit";
        }

        @Override
        public Availability availability() {
            return Availability.yes();
        }

        @Override
        public ModelTraits traits() {
            return new ModelTraits("threads", "heap", "process", false, "nothing", "-");
        }

        @Override
        public Offloader create(OffloaderConfig config) {
            Offloader pool = new TestPoolProvider().create(config);
            return new Offloader() {
                @Override
                public String name() {
                    return OOM;
                }

                @Override
                public CompletableFuture<TaskResult> submit(Task task) {
                    throw new OutOfMemoryError("Java heap space (test)");
                }

                @Override
                public OffloaderStats stats() {
                    return pool.stats();
                }

                @Override
                public boolean close(Duration timeout) {
                    return pool.close(timeout);
                }
            };
        }
    }
}
