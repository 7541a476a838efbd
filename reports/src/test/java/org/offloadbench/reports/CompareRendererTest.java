package org.offloadbench.reports;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.offloadbench.core.result.Metric;
import org.offloadbench.core.result.ResultsFormatException;

class CompareRendererTest {
    @TempDir
    Path tmp;

    private Path run(String name, String cpu, boolean candidate) throws IOException {
        Fixtures f = new Fixtures();
        Map<String, String> w2 = Map.of("workers", "2");
        Map<String, String> p64 = Map.of("payloadBytes", "64");
        // throughput up, clearly: faster
        f.add(Fixtures.rec("scaling", Fixtures.POOL, "sha256", w2, Metric.THROUGHPUT, candidate ? 150 : 100, 0.05, 10));
        // round trip up, clearly: slower (lower is better)
        f.add(Fixtures.rec("overhead", Fixtures.POOL, "noop", p64, Metric.ROUND_TRIP_NS, candidate ? 3_000 : 2_000, 0.03, 25));
        // memory down, clearly: better (not a speed)
        f.add(Fixtures.rec("startup", Fixtures.PROC, "noop", Map.of("workers", "1"), Metric.MEMORY_PER_WORKER,
                candidate ? 20 : 40, 0.05, 5));
        // a small change inside the noise: no significant change, the intervals overlap
        f.add(Fixtures.rec("copy", Fixtures.POOL, "echo", p64, Metric.TIME_PER_OP_NS, candidate ? 1_020 : 1_000, 0.05, 15));
        // no interval at all: no significant change, and it says why
        f.add(Fixtures.rec("latency", Fixtures.POOL, "sha256", Map.of("ratePercent", "50"), Metric.LATENCY_P99,
                candidate ? 900 : 300, null, null, 20_000));
        f.add(Fixtures.rec("scaling", Fixtures.POOL, candidate ? "deflate" : "sum-loop", w2, Metric.THROUGHPUT, 10, 0.05, 10));
        Path dir = tmp.resolve(name);
        f.write(dir, "20261127-1" + (candidate ? "4" : "3") + "0000-quick-0000000" + (candidate ? "2" : "1"), true,
                Fixtures.statuses(List.of("overhead", "copy", "scaling", "latency", "startup"), "done"),
                Fixtures.environment(cpu));
        return dir;
    }

    private static String verdictOf(List<String> csv, String metric) {
        String line = csv.stream().filter(l -> l.contains("," + metric + ",")).findFirst().orElseThrow();
        String[] cols = line.split(",");
        return cols[cols.length - 2];
    }

    @Test
    void everyMatchedFigureGetsAVerdictThatSaysWhy() throws IOException {
        Path out = new CompareRenderer().render(run("a", "cpu", false), run("b", "cpu", true), tmp.resolve("cmp"), false);
        assertEquals(tmp.resolve("cmp/compare.html"), out);
        List<String> csv = Files.readAllLines(tmp.resolve("cmp/data/compare.csv"));
        assertEquals(1 + 5, csv.size(), "header plus the five figures present in both runs");
        assertEquals("faster", verdictOf(csv, "throughput"));
        assertEquals("slower", verdictOf(csv, "round-trip"));
        assertEquals("better", verdictOf(csv, "memory-per-worker"));
        assertEquals("no significant change", verdictOf(csv, "time-per-op"));
        assertEquals("no significant change", verdictOf(csv, "latency-p99"));
        String throughput = csv.stream().filter(l -> l.contains(",throughput,")).findFirst().orElseThrow();
        assertTrue(throughput.contains(",50.0,"), "change of +50 %: " + throughput);

        String html = Files.readString(out);
        assertTrue(html.contains("the intervals overlap"));
        assertTrue(html.contains("no interval to judge by"));
        assertTrue(html.contains("baseline only") && html.contains("candidate only"));
        assertFalse(html.contains("Different machines"));
    }

    @Test
    void refusesRunsFromDifferentMachinesUnlessAllowed() throws IOException {
        Path a = run("a", "Intel Xeon", false);
        Path b = run("b", "AMD EPYC", true);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new CompareRenderer().render(a, b, tmp.resolve("cmp"), false));
        assertTrue(e.getMessage().contains("different machines"), e.getMessage());
        assertTrue(e.getMessage().contains("Intel Xeon") && e.getMessage().contains("AMD EPYC"), e.getMessage());
        assertFalse(Files.exists(tmp.resolve("cmp/compare.html")), "nothing written for a refused comparison");

        Path out = new CompareRenderer().render(a, b, tmp.resolve("cmp"), true);
        assertTrue(Files.readString(out).contains("Different machines"));
    }

    @Test
    void missingFolderIsAFormatError() throws IOException {
        Path a = run("a", "cpu", false);
        ResultsFormatException e = assertThrows(ResultsFormatException.class,
                () -> new CompareRenderer().render(a, tmp.resolve("nope"), tmp.resolve("cmp"), false));
        assertTrue(e.getMessage().contains("not found"), e.getMessage());
    }
}
