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
        // a small change inside the noise, no samples kept: Welch's t from the intervals finds no change
        f.add(Fixtures.rec("copy", Fixtures.POOL, "echo", p64, Metric.TIME_PER_OP_NS, candidate ? 1_020 : 1_000, 0.05, 15));
        // no interval and no samples: not judged (never "no significant change"), and it says why
        f.add(Fixtures.rec("latency", Fixtures.POOL, "sha256", Map.of("ratePercent", "50"), Metric.LATENCY_P99,
                candidate ? 900 : 300, null, null, 20_000));
        // samples kept: Mann-Whitney U on them; five a side and clearly apart, so slower
        List<Double> first = candidate ? List.of(410.0, 405.0, 420.0, 415.0, 400.0) : List.of(210.0, 205.0, 220.0, 215.0, 200.0);
        f.add(Fixtures.rec("startup", Fixtures.PROC, "noop", Map.of("workers", "1"), Metric.STARTUP_TO_FIRST_RESULT,
                candidate ? 410 : 210, null, null, 5).withSamples(first));
        // samples kept but three a side: too few for the test to reach alpha, counted as not judged
        List<Double> ready = candidate ? List.of(90.0, 91.0, 92.0) : List.of(10.0, 11.0, 12.0);
        f.add(Fixtures.rec("startup", Fixtures.PROC, "noop", Map.of("workers", "1"), Metric.STARTUP_TO_READY,
                candidate ? 91 : 11, null, null, 3).withSamples(ready));
        f.add(Fixtures.rec("scaling", Fixtures.POOL, candidate ? "deflate" : "sum-loop", w2, Metric.THROUGHPUT, 10, 0.05, 10));
        Path dir = tmp.resolve(name);
        f.write(dir, "20261127-1" + (candidate ? "4" : "3") + "0000-quick-0000000" + (candidate ? "2" : "1"), true,
                Fixtures.statuses(List.of("overhead", "copy", "scaling", "latency", "startup"), "done"),
                Fixtures.environment(cpu));
        return dir;
    }

    private static String verdictOf(List<String> csv, String metric) {
        String line = csv.stream().filter(l -> l.contains("," + metric + ",")).findFirst().orElseThrow();
        List<String> cols = columns(line);
        return cols.get(cols.size() - 2);
    }

    /** CSV columns, quotes honoured (a reason or a test name may hold commas). */
    private static List<String> columns(String line) {
        List<String> cols = new java.util.ArrayList<>();
        StringBuilder cur = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < line.length(); i++) {
            char ch = line.charAt(i);
            if (ch == '"' && quoted && i + 1 < line.length() && line.charAt(i + 1) == '"') {
                cur.append('"');
                i++;
            } else if (ch == '"') {
                quoted = !quoted;
            } else if (ch == ',' && !quoted) {
                cols.add(cur.toString());
                cur.setLength(0);
            } else {
                cur.append(ch);
            }
        }
        cols.add(cur.toString());
        return cols;
    }

    @Test
    void everyMatchedFigureGetsAVerdictThatSaysWhy() throws IOException {
        Path out = new CompareRenderer().render(run("a", "cpu", false), run("b", "cpu", true), tmp.resolve("cmp"), false);
        assertEquals(tmp.resolve("cmp/compare.html"), out);
        List<String> csv = Files.readAllLines(tmp.resolve("cmp/data/compare.csv"));
        assertEquals(1 + 7, csv.size(), "header plus the seven figures present in both runs");
        assertEquals("faster", verdictOf(csv, "throughput"));
        assertEquals("slower", verdictOf(csv, "round-trip"));
        assertEquals("better", verdictOf(csv, "memory-per-worker"));
        assertEquals("no significant change", verdictOf(csv, "time-per-op"));
        assertEquals("not judged", verdictOf(csv, "latency-p99"));
        assertEquals("slower", verdictOf(csv, Metric.STARTUP_TO_FIRST_RESULT.id()));
        assertEquals("too few samples", verdictOf(csv, Metric.STARTUP_TO_READY.id()));
        String throughput = csv.stream().filter(l -> l.contains(",throughput,")).findFirst().orElseThrow();
        assertTrue(throughput.contains(",50.0,"), "change of +50 %: " + throughput);

        String html = Files.readString(out);
        assertTrue(html.contains("Welch"), "the test is named");
        String startup = csv.stream().filter(l -> l.contains("," + Metric.STARTUP_TO_FIRST_RESULT.id() + ",")).findFirst()
                .orElseThrow();
        assertTrue(startup.contains("Mann-Whitney U (exact), p=0.0079"), "exact p of five a side, apart (2/252): " + startup);
        assertTrue(html.contains("nothing to test"));
        assertTrue(html.contains("7 figures matched: 2 better, 2 worse, 1 no significant change, 2 not judged"),
                "the summary counts not judged apart from no significant change");
        assertTrue(html.contains("baseline only") && html.contains("candidate only"));
        assertFalse(html.contains("Different machines"));
        assertTrue(html.contains("headline figures:") && html.contains("Verdicts significant in both runs"),
                "the page says whether the two runs agree on their headline figures");
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
