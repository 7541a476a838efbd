package org.offloadbench.reports.section;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.offloadbench.core.result.EnvironmentInfo;
import org.offloadbench.core.result.Metric;
import org.offloadbench.core.result.RunRecord;
import org.offloadbench.core.result.SummaryRecord;
import org.offloadbench.reports.html.SectionView;
import org.offloadbench.reports.read.RunData;

/** The granularity and anatomy sections, the claims that read them and the verdict's sentence, on fixtures. */
class GranularityReportTest {
    private static final String SUITE = Granularity.SUITE;
    private static final String POOL = ClaimsSection.POOL;
    private static final String SPAWN = ClaimsSection.THREAD_SPAWN;
    private static final long[] ITERATIONS = {200_000, 2_000_000, 20_000_000, 200_000_000, 2_000_000_000};
    private static final double[] MICROS = {1, 10, 100, 1000, 10_000};

    @TempDir
    Path tmp;

    private static SummaryRecord inline(int k) {
        return new SummaryRecord(SUITE, Granularity.INLINE, "sum-loop", Map.of("iterations", Long.toString(ITERATIONS[k])),
                Metric.TASK_DURATION.id(), MICROS[k], "us", MICROS[k] * 0.95, MICROS[k] * 1.05, 3);
    }

    /** A speedup with four samples around {@code value} and an interval of +-{@code spread}. */
    private static SummaryRecord speedup(String model, int k, double value, double spread) {
        List<Double> samples = List.of(value * 0.98, value * 0.99, value * 1.01, value * 1.02);
        return new SummaryRecord(SUITE, model, "sum-loop", Map.of("iterations", Long.toString(ITERATIONS[k]),
                "workers", "2"), Metric.SPEEDUP_VS_INLINE.id(), value, "x", value - spread, value + spread, 4, samples);
    }

    private static SummaryRecord crossing(String model, Metric metric, double micros, String bound) {
        return new SummaryRecord(SUITE, model, "sum-loop", Map.of("workers", "2", "bound", bound), metric.id(), micros,
                "us", null, null, 4);
    }

    private static SummaryRecord part(String model, Metric metric, double nanos) {
        return new SummaryRecord(SUITE, model, "noop", Map.of("payloadBytes", "64", "workers", "2"), metric.id(), nanos,
                "ns", nanos * 0.9, nanos * 1.1, 3);
    }

    /** The pool pays from ~50 us (fully from ~800 us); a new thread per task never does. */
    private static List<SummaryRecord> records(double poolAtSmallest, double spread) {
        List<SummaryRecord> r = new ArrayList<>();
        double[] pool = {poolAtSmallest, 0.4, 1.3, 1.8, 1.9};
        double[] spawn = {0.01, 0.05, 0.3, 0.7, 0.9};
        for (int k = 0; k < 5; k++) {
            r.add(inline(k));
            r.add(speedup(POOL, k, pool[k], spread));
            r.add(speedup(SPAWN, k, spawn[k], 0.05));
        }
        r.add(crossing(POOL, Metric.BREAK_EVEN_TASK, 50, "interpolated"));
        r.add(crossing(POOL, Metric.PAYS_90_TASK, 800, "interpolated"));
        r.add(crossing(SPAWN, Metric.BREAK_EVEN_TASK, 10_000, "above"));
        r.add(crossing(SPAWN, Metric.PAYS_90_TASK, 9000, "interpolated"));
        r.add(part(POOL, Metric.HANDOFF_SEND, 3000));
        r.add(part(POOL, Metric.HANDOFF_QUEUE, 5000));
        r.add(part(POOL, Metric.HANDOFF_RUN, 100));
        r.add(part(POOL, Metric.HANDOFF_REPLY, 6900));
        r.add(part(POOL, Metric.HANDOFF_ROUND_TRIP, 15_000));
        return r;
    }

    private RunData run(List<SummaryRecord> records) {
        EnvironmentInfo env = new EnvironmentInfo("Test CPU", 2, 8L << 30, "Linux", "6.1", "17", "Vendor", "-",
                List.of(), List.of(), "abc", false, "host", Map.of());
        RunRecord run = new RunRecord(RunRecord.FORMAT_VERSION, "r", "quick", "h", Map.of(), "2026-12-02T00:00:00Z",
                "2026-12-02T00:05:00Z", true, env, List.of(), List.of());
        return new RunData(tmp, run, records, List.of(), List.of());
    }

    private static ClaimsSection.Claim claim(RunData data, String prefix) {
        return ClaimsSection.claims(data).stream().filter(c -> c.claim().startsWith(prefix)).findFirst().orElseThrow();
    }

    @Test
    void simpleTasksHoldWhenTheSmallestSizeIsSlowerThanInlineBeyondItsInterval() {
        ClaimsSection.Claim c = claim(run(records(0.1, 0.05)), "Not ideal for simple tasks");
        assertEquals(ClaimsSection.Outcome.HOLDS, c.outcome(), c.toString());
        assertTrue(c.figure().contains("~50 us"), c.figure());
        assertEquals("#granularity", c.link());
    }

    @Test
    void simpleTasksDoNotHoldWhenEvenTheSmallestPaysAndAreNotShownWhenTheIntervalReachesOne() {
        assertEquals(ClaimsSection.Outcome.DOES_NOT_HOLD,
                claim(run(records(1.5, 0.1)), "Not ideal for simple tasks").outcome());
        assertEquals(ClaimsSection.Outcome.NOT_SHOWN,
                claim(run(records(0.9, 0.2)), "Not ideal for simple tasks").outcome());
        ClaimsSection.Claim none = claim(run(List.of()), "Not ideal for simple tasks");
        assertEquals(ClaimsSection.Outcome.NOT_MEASURED, none.outcome());
        assertTrue(none.why().contains("granularity"), none.why());
    }

    @Test
    void poolsForRepeatedTasksAreJudgedOnTheGranularitySpeedupsWithoutAnOverheadRun() {
        ClaimsSection.Claim c = claim(run(records(0.1, 0.05)), "Use thread pools for repeated tasks");
        assertEquals(ClaimsSection.Outcome.HOLDS, c.outcome(), c.toString());
        assertTrue(c.figure().contains("granularity at ~1 us"), c.figure());
        assertTrue(c.figure().contains(SPAWN + " none up to 10,000 us"), c.figure());
    }

    @Test
    void theCommunicationRowShowsTheAnatomyAndLinksToIt() {
        ClaimsSection.Claim c = claim(run(records(0.1, 0.05)), "Communication");
        assertEquals("#" + AnatomySection.ID, c.link());
        assertTrue(c.figure().contains(POOL + " noop send 3 / queue 5 / run 0.1 / reply 6.9 us"), c.figure());
    }

    @Test
    void theVerdictSaysBelowWhichSizeToKeepTheWorkOnTheCaller() {
        Optional<String> s = Granularity.soWhat(run(records(0.1, 0.05)));
        assertTrue(s.isPresent());
        assertTrue(s.get().contains("below ~50 us"), s.get());
        assertTrue(s.get().contains("from ~800 us, " + POOL + " pays"), s.get());
        List<SummaryRecord> never = records(0.1, 0.05).stream().filter(r -> !r.model().equals(POOL)).toList();
        assertTrue(Granularity.soWhat(run(never)).orElseThrow().contains("no model beat"));
        assertTrue(Granularity.soWhat(run(List.of())).isEmpty());
    }

    @Test
    void theSectionsDrawTheCurvesAndTheStackedBarsWithTheirTables() throws Exception {
        System.setProperty("java.awt.headless", "true");
        Context ctx = new Context(run(records(0.1, 0.05)), tmp.resolve("report"));
        SectionView granularity = new GranularitySection().build(ctx);
        assertTrue(Files.isRegularFile(tmp.resolve("report/charts/granularity-sum-loop.png")));
        var table = granularity.blocks().get(0).table();
        assertEquals(2, table.rows().size(), "one row per model");
        assertTrue(table.rows().get(1).cells().get(1).text().startsWith("none up to"), "a model that never pays says so");
        SectionView anatomy = AnatomySection.build(ctx).orElseThrow();
        assertEquals(AnatomySection.ID, anatomy.id());
        assertTrue(Files.isRegularFile(tmp.resolve("report/charts/anatomy-noop.png")));
        var row = anatomy.blocks().get(0).table().rows().get(0).cells();
        double sum = 0;
        for (int i = 1; i <= 4; i++) {
            sum += Double.parseDouble(row.get(i).text());
        }
        assertEquals(Double.parseDouble(row.get(5).text()), sum, 1e-9, "the parts add up to the round trip");
        assertTrue(AnatomySection.build(new Context(run(List.of()), tmp.resolve("empty"))).isEmpty());
    }
}
