package org.offloadbench.bench.rig;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.offloadbench.bench.plan.RunPlan;
import org.offloadbench.bench.suite.Suite;
import org.offloadbench.bench.testkit.TestPoolProvider;
import org.offloadbench.core.result.Metric;
import org.offloadbench.core.result.ResultsFolder;
import org.offloadbench.core.result.RunRecord;
import org.offloadbench.core.result.SuiteStatus;

@Timeout(60)
class RigLifecycleTest {
    @TempDir
    Path tmp;

    private final List<String> events = new ArrayList<>();

    /** A suite that records what it sees of the folder and what the rig does around it. */
    private class Recording implements Suite {
        final String name;
        final RuntimeException failure;
        final String skip;

        Recording(String name, RuntimeException failure, String skip) {
            this.name = name;
            this.failure = failure;
            this.skip = skip;
        }

        @Override
        public String name() {
            return name;
        }

        @Override
        public String question() {
            return "test";
        }

        @Override
        public Optional<String> skipReason(SuiteContext ctx) {
            return Optional.ofNullable(skip);
        }

        @Override
        public int steps(SuiteContext ctx) {
            return 1;
        }

        @Override
        public long estimateSeconds(SuiteContext ctx) {
            return 1;
        }

        @Override
        public void run(SuiteContext ctx) throws Exception {
            RunRecord onDisk = ResultsFolder.open(ctx.folder().dir()).readRun();
            events.add(name + ":run.json says " + states(onDisk));
            events.add(name + ":summary has " + ctx.folder().readSummary().size());
            // leaves an offloader open on purpose: the rig must close it
            ctx.open(TestPoolProvider.NAME, 1);
            ctx.sink().add(name, TestPoolProvider.NAME, "w", Map.of(), Metric.THROUGHPUT, 1.0, 1);
            if (failure != null) {
                throw failure;
            }
        }
    }

    private static String states(RunRecord run) {
        return String.join(",", run.suites().stream().map(s -> s.suite() + "=" + s.state()).toList());
    }

    @Test
    void failuresThenNotesOneLineEach() throws Exception {
        Suite noisy = new Recording("overhead", null, null) {
            @Override
            public void run(SuiteContext ctx) {
                ctx.note("first caveat; it has a semicolon");
                ctx.failed("model-x", new IllegalStateException("boom"));
                ctx.note("second caveat");
            }
        };
        RunPlan plan = RigFixtures.plan(tmp, List.of("overhead"), RigFixtures.tinyOptions(tmp));
        Rig.Outcome outcome = RigFixtures.rig(plan, List.of(noisy), new RecordingProgress(events)).run();

        SuiteStatus status = ResultsFolder.open(outcome.folder()).readRun().suites().get(0);
        assertEquals("failed", status.state());
        List<String> lines = List.of(status.message().split("\n"));
        assertEquals(3, lines.size(), status.message());
        assertTrue(lines.get(0).contains("model-x") && lines.get(0).contains("boom"), lines.get(0));
        assertEquals(List.of("first caveat; it has a semicolon", "second caveat"), lines.subList(1, 3));
    }

    @Test
    void runsSuitesInOrderSavingAfterEachAndClosingWhatTheyOpened() throws Exception {
        List<Suite> suites = List.of(new Recording("overhead", null, null),
                new Recording("copy", new IllegalStateException("copy broke\nbadly"), null),
                new Recording("scaling", null, "no gcc here"), new Recording("latency", null, null));
        RunPlan plan = RigFixtures.plan(tmp, List.of("overhead", "copy", "scaling", "latency"),
                RigFixtures.tinyOptions(tmp));
        int openBefore = TestPoolProvider.OPEN.get();

        Rig.Outcome outcome = RigFixtures.rig(plan, suites, new RecordingProgress(events)).run();

        assertEquals(List.of(
                "runStarted",
                "suiteStarted overhead",
                "overhead:run.json says overhead=running,copy=pending,scaling=pending,latency=pending",
                "overhead:summary has 0",
                "suiteFinished overhead done",
                "suiteStarted copy",
                "copy:run.json says overhead=done,copy=running,scaling=pending,latency=pending",
                "copy:summary has 1",
                "suiteFinished copy failed IllegalStateException: copy broke badly",
                "suiteFinished scaling skipped no gcc here",
                "suiteStarted latency",
                "latency:run.json says overhead=done,copy=failed,scaling=skipped,latency=running",
                "latency:summary has 2",
                "suiteFinished latency done",
                "runFinished false"), events);
        assertEquals(openBefore, TestPoolProvider.OPEN.get(), "the rig must close offloaders a suite left open");

        RunRecord run = ResultsFolder.open(outcome.folder()).readRun();
        assertFalse(run.complete(), "a failed suite makes the run incomplete");
        assertFalse(outcome.interrupted());
        assertEquals("2026-01-02T03:04:05Z", run.startedAt());
        assertTrue(run.endedAt().compareTo(run.startedAt()) > 0);
        SuiteStatus copy = run.suites().get(1);
        assertEquals("IllegalStateException: copy broke badly", copy.message());
        assertTrue(copy.startedAt().compareTo(copy.endedAt()) < 0);
        assertEquals("no gcc here", run.suites().get(2).message());
        assertNull(run.suites().get(2).startedAt());
        assertEquals(3, ResultsFolder.open(outcome.folder()).readSummary().size());
        assertTrue(outcome.folder().getFileName().toString().matches("20260102-030405-quick-[0-9a-f]{8}"),
                outcome.folder().toString());
        assertEquals(run.configHash(), outcome.folder().getFileName().toString().substring(22));
        assertTrue(run.models().stream().anyMatch(m -> m.name().equals("bench-test/unavailable") && !m.available()),
                "run.json lists every model found, available or not");
        assertEquals("quick", run.config().get("profile"));
    }

    @Test
    void aRunWhereEverySuiteSucceedsIsComplete() throws Exception {
        RunPlan plan = RigFixtures.plan(tmp, List.of("overhead"), RigFixtures.tinyOptions(tmp));
        Rig.Outcome outcome = RigFixtures.rig(plan, List.of(new Recording("overhead", null, null)),
                Progress.SILENT).run();
        assertTrue(outcome.complete());
        assertTrue(Files.exists(outcome.folder().resolve("summary.json")));
    }

    /** Progress events as strings. */
    static final class RecordingProgress implements Progress {
        private final List<String> events;

        RecordingProgress(List<String> events) {
            this.events = events;
        }

        @Override
        public void runStarted(String runId, Path folder, long estimateSeconds) {
            events.add("runStarted");
        }

        @Override
        public void suiteStarted(String suite, int steps, long estimateSeconds) {
            events.add("suiteStarted " + suite);
        }

        @Override
        public void step(String what) {
        }

        @Override
        public void suiteFinished(String suite, String state, String message) {
            events.add(("suiteFinished " + suite + " " + state + " " + message).strip());
        }

        @Override
        public void note(String message) {
        }

        @Override
        public void runFinished(boolean complete, long elapsedMillis) {
            events.add("runFinished " + complete);
        }
    }
}
