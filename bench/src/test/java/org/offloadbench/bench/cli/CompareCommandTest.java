package org.offloadbench.bench.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.offloadbench.core.result.Metric;
import org.offloadbench.core.result.ResultsFolder;
import org.offloadbench.core.result.SummaryRecord;

/** {@code bench compare}: the same test as the report, and "not judged" counted apart on the console. */
class CompareCommandTest {
    @TempDir
    Path tmp;

    private Path run(String name, boolean candidate) throws Exception {
        Path dir = Files.createDirectories(tmp.resolve(name));
        // written as text so this test does not depend on the records' constructors
        Files.writeString(dir.resolve(ResultsFolder.RUN_FILE), "{\"formatVersion\":1,\"runId\":\"" + name + "\","
                + "\"profile\":\"quick\",\"configHash\":\"0000000" + (candidate ? "2" : "1") + "\",\"config\":{},"
                + "\"startedAt\":\"2026-11-27T12:00:00Z\",\"endedAt\":\"2026-11-27T12:05:00Z\",\"complete\":true,"
                + "\"environment\":{\"cpuModel\":\"Test CPU\",\"cores\":2,\"memoryBytes\":8589934592,\"os\":\"Linux\"},"
                + "\"models\":[],\"suites\":[]}");
        Map<String, String> w2 = Map.of("workers", "2");
        List<Double> samples = candidate ? List.of(150.0, 151.0, 149.0, 152.0, 148.0) : List.of(100.0, 101.0, 99.0, 102.0, 98.0);
        ResultsFolder.create(dir).writeSummary(List.of(
                // samples on both sides, clearly apart: tested, faster
                new SummaryRecord("scaling", "m", "sha256", w2, Metric.THROUGHPUT.id(), candidate ? 150 : 100,
                        Metric.THROUGHPUT.unit(), null, null, 5, samples),
                // samples on both sides, the same: tested, no significant change
                new SummaryRecord("scaling", "m", "sum-loop", w2, Metric.THROUGHPUT.id(), 100, Metric.THROUGHPUT.unit(),
                        null, null, 5, List.of(100.0, 101.0, 99.0, 102.0, 98.0)),
                // a percentile without samples: not judged, however far apart
                new SummaryRecord("latency", "m", "sha256", Map.of("ratePercent", "50"), Metric.LATENCY_P99.id(),
                        candidate ? 900 : 300, Metric.LATENCY_P99.unit(), null, null, 20_000)));
        return dir;
    }

    @Test
    void theConsoleLineCountsNotJudgedApartFromNoSignificantChange() throws Exception {
        Path a = run("a", false);
        Path b = run("b", true);
        CliRunner.Result r = CliRunner.run("compare", a.toString(), b.toString(), "--out", tmp.resolve("cmp").toString());
        assertEquals(0, r.exitCode(), r.err());
        assertTrue(r.out().contains("3 figures matched: 1 better, 0 worse, 1 no significant change, 1 not judged"),
                r.out());
        assertTrue(Files.exists(tmp.resolve("cmp/compare.html")));
        String csv = Files.readString(tmp.resolve("cmp/data/compare.csv"));
        assertTrue(csv.contains("Mann-Whitney U (exact)"), csv);
        assertTrue(csv.lines().anyMatch(l -> l.contains("latency-p99") && l.contains(",not judged,")), csv);
    }
}
