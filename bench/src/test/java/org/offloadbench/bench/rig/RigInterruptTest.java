package org.offloadbench.bench.rig;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.offloadbench.bench.plan.RunPlan;
import org.offloadbench.bench.suite.Suite;
import org.offloadbench.bench.testkit.TestPoolProvider;
import org.offloadbench.core.result.Metric;
import org.offloadbench.core.result.ResultsFolder;
import org.offloadbench.core.result.RunRecord;

/** Ctrl-C: the shutdown hook calls interrupt(); the folder must stay valid and say it is incomplete. */
@Timeout(60)
class RigInterruptTest {
    @TempDir
    Path tmp;

    /** Opens an offloader, records one figure, then waits (as a long measurement would) until stopped. */
    private static final class Blocking implements Suite {
        final CountDownLatch started = new CountDownLatch(1);
        final String name;

        Blocking(String name) {
            this.name = name;
        }

        @Override
        public String name() {
            return name;
        }

        @Override
        public String question() {
            return "blocks";
        }

        @Override
        public int steps(SuiteContext ctx) {
            return 1;
        }

        @Override
        public long estimateSeconds(SuiteContext ctx) {
            return 3600;
        }

        @Override
        public void run(SuiteContext ctx) throws Exception {
            var offloader = ctx.open(TestPoolProvider.NAME, 2);
            // a task that would run for a minute: closing must not wait for it forever
            offloader.submit(org.offloadbench.core.offload.Task.of("bench-test-fault-hang", new byte[1]));
            ctx.sink().add(name, TestPoolProvider.NAME, "w", Map.of(), Metric.THROUGHPUT, 1.0, 1);
            started.countDown();
            Thread.sleep(TimeUnit.MINUTES.toMillis(5));
        }
    }

    @Test
    void interruptLeavesAValidIncompleteFolderAndNothingRunning() throws Exception {
        Blocking first = new Blocking("overhead");
        Blocking second = new Blocking("copy");
        RunPlan plan = RigFixtures.plan(tmp, List.of("overhead", "copy"), RigFixtures.tinyOptions(tmp));
        int openBefore = TestPoolProvider.OPEN.get();
        Rig rig = RigFixtures.rig(plan, List.of(first, second), Progress.SILENT);

        CompletableFuture<Rig.Outcome> run = CompletableFuture.supplyAsync(() -> {
            try {
                return rig.run();
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        });
        assertTrue(first.started.await(30, TimeUnit.SECONDS));
        rig.interrupt(); // what the Ctrl-C hook does
        assertTrue(rig.awaitFinished(30, TimeUnit.SECONDS), "the rig must finish saving promptly");
        Rig.Outcome outcome = run.get(30, TimeUnit.SECONDS);

        assertTrue(outcome.interrupted());
        RunRecord record = ResultsFolder.open(outcome.folder()).readRun();
        assertFalse(record.complete());
        assertNotNull(record.endedAt());
        assertEquals("interrupted", record.suites().get(0).state());
        assertEquals("skipped", record.suites().get(1).state());
        assertEquals(1, ResultsFolder.open(outcome.folder()).readSummary().size(), "what finished is kept");
        assertEquals(1, second.started.getCount(), "no suite starts after Ctrl-C");
        assertEquals(openBefore, TestPoolProvider.OPEN.get(), "every offloader is closed");
        assertEquals(0, rig.resources().openCount());
    }
}
