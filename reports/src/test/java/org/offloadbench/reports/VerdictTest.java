package org.offloadbench.reports;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.offloadbench.core.result.Metric;
import org.offloadbench.reports.read.RunData;
import org.offloadbench.reports.section.Context;
import org.offloadbench.reports.section.VerdictSection;
import org.offloadbench.reports.stats.Significance;
import org.offloadbench.reports.stats.Verdict;
import org.offloadbench.reports.stats.Winner;

class VerdictTest {
    @TempDir
    Path tmp;

    private static VerdictSection.Row row(List<VerdictSection.Row> rows, String workload) {
        return rows.stream().filter(r -> r.workload().equals(workload)).findFirst().orElseThrow();
    }

    @Test
    void computeClassesCompareAtTheLargestWorkerCountEveryModelMeasured() throws IOException {
        Path run = Fixtures.writeFullRun(tmp.resolve("run"));
        List<VerdictSection.Row> rows = VerdictSection.rows(new Context(RunData.read(run), run.resolve("report")));

        // sha256: the pool measured 1, 2, 4 workers, the process model only 1 and 2 -> compared at 2
        VerdictSection.Row sha = row(rows, "sha256");
        assertEquals("HASHING", sha.workloadClass());
        assertEquals("scaling: throughput at 2 workers", sha.basis());
        assertEquals(Fixtures.POOL, sha.winner().winner().model());
        assertEquals(Fixtures.PROC, sha.winner().runnerUp().model());
        assertEquals("2", sha.winner().winner().param("workers"));
        double pool2 = 900 * 2 / (1 + 0.03 + 0.001 * 2);
        double proc2 = 700 * 2 / (1 + 0.06 + 0.002 * 2);
        assertEquals(pool2 / proc2, sha.winner().factor(), 1e-9);
        assertEquals(Verdict.BETTER, sha.winner().verdict());

        assertEquals("scaling: throughput at 4 workers", row(rows, "sum-loop").basis());

        // TRANSPORT is judged on the round trip, lower is better
        VerdictSection.Row noop = row(rows, "noop");
        assertEquals("TRANSPORT", noop.workloadClass());
        assertEquals(Fixtures.FJ, noop.winner().winner().model());
        assertEquals(2_100 / 1_800.0, noop.winner().factor(), 1e-9);

        // a workload of the run's classes that no suite measured says so
        assertNull(row(rows, "deflate").winner());
        assertEquals("not measured in this run", row(rows, "deflate").missing());
    }

    @Test
    void closeFiguresSayNoSignificantDifference() throws IOException {
        Fixtures f = new Fixtures();
        for (String model : List.of(Fixtures.POOL, Fixtures.FJ)) {
            double x = model.equals(Fixtures.POOL) ? 1_000 : 1_020;
            f.add(Fixtures.rec("scaling", model, "sum-loop", Map.of("workers", "2"), Metric.THROUGHPUT, x, 0.05, 10));
        }
        Path run = tmp.resolve("overlap");
        f.write(run, "20261127-130000-quick-00000001", true, Fixtures.statuses(List.of("scaling"), "done"),
                Fixtures.environment("cpu"));
        List<VerdictSection.Row> rows = VerdictSection.rows(new Context(RunData.read(run), run.resolve("report")));
        VerdictSection.Row sum = row(rows, "sum-loop");
        assertEquals(Fixtures.FJ, sum.winner().winner().model());
        assertEquals(Verdict.NO_SIGNIFICANT_DIFFERENCE, sum.winner().verdict());

        String html = Files.readString(new ReportRenderer().render(run));
        assertTrue(html.contains("no significant difference"));
        assertTrue(html.contains(VerdictSection.RULE.substring(0, 40)), "the rule is explained under the table");
    }

    @Test
    void verdictsJsonIsWrittenBesideTheSummaryAndReadsBack() throws IOException {
        Path run = Fixtures.writeFullRun(tmp.resolve("json"));
        new ReportRenderer().render(run);
        VerdictsFile.Document doc = VerdictsFile.read(run);
        assertEquals("20261127-120000-quick-1a2b3c4d", doc.runId());
        assertEquals(Significance.ALPHA, doc.alpha());
        List<VerdictSection.Row> rows = VerdictSection.rows(new Context(RunData.read(run), run.resolve("report")));
        assertEquals(rows.size(), doc.verdicts().size(), "one entry per row of the table");

        VerdictsFile.Entry sha = doc.verdicts().stream().filter(e -> e.workload().equals("sha256")).findFirst().orElseThrow();
        assertEquals("BETTER", sha.verdict());
        assertEquals(Fixtures.POOL, sha.winner());
        assertEquals(Fixtures.PROC, sha.runnerUp());
        assertEquals(Metric.THROUGHPUT.id(), sha.metric());
        assertEquals(Significance.WELCH, sha.test(), "the fixtures kept no samples: Welch's t from the intervals");
        assertTrue(sha.pValue() < Significance.ALPHA);
        assertEquals(0.95, sha.confidence(), 1e-12);
        assertTrue(sha.factorLow() < sha.factor() && sha.factor() < sha.factorHigh());
        assertEquals(10L, sha.nWinner());
        assertEquals(10L, sha.nRunnerUp());
        VerdictsFile.Entry deflate = doc.verdicts().stream().filter(e -> e.workload().equals("deflate")).findFirst()
                .orElseThrow();
        assertEquals(VerdictsFile.NOT_MEASURED, deflate.verdict());
        assertEquals("not measured in this run", deflate.reason());
    }

    @Test
    void keptSamplesAreTestedAndTooFewSaySoOnThePage() throws IOException {
        Fixtures f = new Fixtures();
        Map<String, String> w2 = Map.of("workers", "2");
        // five samples a side, clearly apart: Mann-Whitney finds it, exact p = 2/252
        f.add(Fixtures.rec("scaling", Fixtures.POOL, "sha256", w2, Metric.THROUGHPUT, 1_000, null, null, 5)
                .withSamples(List.of(990.0, 1_000.0, 1_010.0, 995.0, 1_005.0)));
        f.add(Fixtures.rec("scaling", Fixtures.PROC, "sha256", w2, Metric.THROUGHPUT, 700, null, null, 5)
                .withSamples(List.of(690.0, 700.0, 710.0, 695.0, 705.0)));
        // three a side: no ordering of six values reaches alpha 0.05
        f.add(Fixtures.rec("scaling", Fixtures.POOL, "sum-loop", w2, Metric.THROUGHPUT, 40, null, null, 3)
                .withSamples(List.of(39.0, 40.0, 41.0)));
        f.add(Fixtures.rec("scaling", Fixtures.PROC, "sum-loop", w2, Metric.THROUGHPUT, 20, null, null, 3)
                .withSamples(List.of(19.0, 20.0, 21.0)));
        Path run = tmp.resolve("samples");
        f.write(run, "20261127-130000-quick-00000003", true, Fixtures.statuses(List.of("scaling"), "done"),
                Fixtures.environment("cpu"));
        List<VerdictSection.Row> rows = VerdictSection.rows(new Context(RunData.read(run), run.resolve("report")));
        Winner sha = row(rows, "sha256").winner();
        assertEquals(Verdict.BETTER, sha.verdict());
        assertEquals(Significance.MANN_WHITNEY_EXACT, sha.comparison().test());
        assertEquals(2 / 252.0, sha.comparison().pValue(), 1e-12);
        assertEquals(1_000 / 700.0, sha.factor(), 1e-12, "ratio of medians");
        Winner sum = row(rows, "sum-loop").winner();
        assertEquals(Verdict.TOO_FEW_SAMPLES, sum.verdict());
        assertEquals(0.1, sum.comparison().pValue(), 1e-12, "given, but no verdict is drawn from it");

        String html = Files.readString(new ReportRenderer().render(run));
        assertTrue(html.contains("too few samples"));
        assertTrue(html.contains("Mann-Whitney U (exact)"));
        assertTrue(html.contains("0.00794"), "the p-value is shown");
        VerdictsFile.Entry tooFew = VerdictsFile.read(run).verdicts().stream()
                .filter(e -> e.workload().equals("sum-loop")).findFirst().orElseThrow();
        assertEquals("TOO_FEW_SAMPLES", tooFew.verdict());
        assertTrue(tooFew.reason().contains("at least 4"), tooFew.reason());
    }

    @Test
    void echoIsJudgedOnTheCopySuitesSmallestCommonPayload() throws IOException {
        Fixtures f = new Fixtures();
        // the copy suite moved echo at 1 MiB for both models and at 64 B for one only: 1 MiB is compared
        f.add(Fixtures.rec("copy", Fixtures.POOL, "echo", Map.of("payloadBytes", "64"), Metric.TIME_PER_OP_NS, 900,
                null, null, 5).withSamples(List.of(890.0, 900.0, 910.0, 895.0, 905.0)));
        f.add(Fixtures.rec("copy", Fixtures.POOL, "echo", Map.of("payloadBytes", "1048576"), Metric.TIME_PER_OP_NS,
                100_000, null, null, 5).withSamples(List.of(99_000.0, 100_000.0, 101_000.0, 99_500.0, 100_500.0)));
        f.add(Fixtures.rec("copy", Fixtures.PROC, "echo", Map.of("payloadBytes", "1048576"), Metric.TIME_PER_OP_NS,
                300_000, null, null, 5).withSamples(List.of(299_000.0, 300_000.0, 301_000.0, 299_500.0, 300_500.0)));
        Path run = tmp.resolve("echo");
        f.write(run, "20261127-130000-quick-00000004", true, Fixtures.statuses(List.of("copy"), "done"),
                Fixtures.environment("cpu"));
        VerdictSection.Row echo = row(VerdictSection.rows(new Context(RunData.read(run), run.resolve("report"))), "echo");
        assertEquals("copy: time per op at 1048576 B (ns)", echo.basis());
        assertEquals(Fixtures.POOL, echo.winner().winner().model(), "the shorter time wins");
        assertEquals(Verdict.BETTER, echo.winner().verdict());
        assertEquals(2 / 252.0, echo.winner().comparison().pValue(), 1e-12);
    }

    @Test
    void noWorkerCountSharedByAllModelsIsSaidNotGuessed() throws IOException {
        Fixtures f = new Fixtures();
        f.add(Fixtures.rec("scaling", Fixtures.POOL, "sum-loop", Map.of("workers", "1"), Metric.THROUGHPUT, 10, 0.01, 10));
        f.add(Fixtures.rec("scaling", Fixtures.PROC, "sum-loop", Map.of("workers", "2"), Metric.THROUGHPUT, 30, 0.01, 10));
        Path run = tmp.resolve("disjoint");
        f.write(run, "20261127-130000-quick-00000002", true, Fixtures.statuses(List.of("scaling"), "done"),
                Fixtures.environment("cpu"));
        VerdictSection.Row sum = row(VerdictSection.rows(new Context(RunData.read(run), run.resolve("report"))), "sum-loop");
        assertNull(sum.winner());
        assertEquals("no worker count was measured by every model", sum.missing());
    }
}
