package org.offloadbench.reports;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import java.util.Map;
import org.offloadbench.core.result.EnvironmentInfo;
import org.offloadbench.core.result.Metric;
import org.offloadbench.core.result.RunRecord;
import org.offloadbench.core.result.SummaryRecord;
import org.offloadbench.reports.read.RunData;

/** The ADR draft on a fixture run: the MADR headings, every measured model an option, figures with n. */
class AdrWriterTest {
    @TempDir
    Path tmp;

    @Test
    void theReportWritesAnAdrInTheMadrLayoutWithTheRunsFigures() throws Exception {
        Path run = Fixtures.writeFullRun(tmp.resolve("run"));
        new ReportRenderer().render(run);
        Path adr = run.resolve("report").resolve(AdrWriter.FILE);
        assertTrue(Files.isRegularFile(adr), "rendering a report writes report/adr.md");
        String md = Files.readString(adr);
        List<String> headings = md.lines().filter(l -> l.startsWith("## ")).toList();
        assertEquals(List.of("## Context and Problem Statement", "## Decision Drivers", "## Considered Options",
                "## Decision Outcome", "## Pros and Cons of the Options", "## Links"), headings);
        for (String model : List.of(Fixtures.POOL, Fixtures.FJ, Fixtures.PROC)) {
            assertTrue(md.contains("* `" + model + "`: "), model + " is a considered option");
            assertTrue(md.contains("### `" + model + "`"), model + " has its pros and cons");
        }
        assertTrue(md.contains("Chosen option: *to be decided by the team*"), "the decision is left to the team");
        assertTrue(md.matches("(?s).*(Good|Bad|Neutral), because its hand-off cost .*\\(n=\\d+\\).*"),
                "pros and cons are figures with their n");
        assertTrue(md.contains("](index.html#overhead)"), "figures link to their report section");
        assertTrue(md.contains("| workload class | recommended |"), "the run's recommendation per class");
        assertTrue(md.contains("Break-even task size"), "the break-even size is addressed, measured or not");
        String index = Files.readString(run.resolve("report").resolve("index.html"));
        assertTrue(index.contains("href=\"adr.md\""), "the report links the draft");
    }

    @Test
    void theBreakEvenPartListsEachModelsCrossingsAndTheVerdictsSentence() {
        EnvironmentInfo env = new EnvironmentInfo("Test CPU", 2, 8L << 30, "Linux", "6.1", "17", "Vendor", "-",
                List.of(), List.of(), "abc", false, "host", Map.of());
        RunRecord run = new RunRecord(RunRecord.FORMAT_VERSION, "r", "quick", "h", Map.of(), "2026-12-02T00:00:00Z",
                "2026-12-02T00:05:00Z", true, env, List.of(), List.of());
        List<SummaryRecord> records = new java.util.ArrayList<>();
        String g = "granularity";
        for (int k = 0; k < 3; k++) {
            String it = Long.toString(1000L * (long) Math.pow(10, k));
            records.add(new SummaryRecord(g, "inline", "sum-loop", Map.of("iterations", it), Metric.TASK_DURATION.id(),
                    Math.pow(10, 2 * k), "us", null, null, 3));
            records.add(new SummaryRecord(g, Fixtures.POOL, "sum-loop", Map.of("iterations", it, "workers", "2"),
                    Metric.SPEEDUP_VS_INLINE.id(), 0.5 + 0.7 * k, "x", 0.4 + 0.7 * k, 0.6 + 0.7 * k, 3));
        }
        records.add(new SummaryRecord(g, Fixtures.POOL, "sum-loop", Map.of("workers", "2", "bound", "interpolated"),
                Metric.BREAK_EVEN_TASK.id(), 4.2, "us", 3.0, 6.0, 3));
        records.add(new SummaryRecord(g, Fixtures.POOL, "sum-loop", Map.of("workers", "2", "bound", "interpolated"),
                Metric.PAYS_90_TASK.id(), 700, "us", null, null, 3));
        String md = new AdrWriter(new RunData(tmp, run, records, List.of(), List.of()), List.of()).render();
        assertTrue(md.contains("| `" + Fixtures.POOL + "` | ~4.2 us [3, 6] | ~700 us | 1.9x at 10,000 us"), md);
        assertTrue(md.contains("below ~4.2 us per task, keep the work on the caller"), md);
        assertTrue(md.contains("](index.html#granularity)"), md);
    }

    @Test
    void aFigureTwiceTheBestIsAConAndTheBestIsAPro() {
        assertEquals(2.0, AdrWriter.timesWorse(200, 100, false));
        assertEquals(2.0, AdrWriter.timesWorse(50, 100, true));
        assertEquals(1.0, AdrWriter.timesWorse(100, 100, false));
        assertTrue(Double.isInfinite(AdrWriter.timesWorse(0, 100, true)));
        assertFalse(Metric.ROUND_TRIP_P50_NS.higherIsBetter());
        assertEquals("1.23", AdrWriter.fmt(1.23456));
        assertEquals("12,346", AdrWriter.fmt(12345.6));
    }
}
