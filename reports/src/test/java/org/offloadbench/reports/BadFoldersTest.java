package org.offloadbench.reports;

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

class BadFoldersTest {
    @TempDir
    Path tmp;

    private static void assertMessage(ResultsFormatException e, String... parts) {
        for (String part : parts) {
            assertTrue(e.getMessage().contains(part), "'" + part + "' not in: " + e.getMessage());
        }
    }

    @Test
    void missingFolder() {
        assertMessage(assertThrows(ResultsFormatException.class,
                () -> new ReportRenderer().render(tmp.resolve("absent"))), "results folder not found");
    }

    @Test
    void folderWithoutRunJson() throws IOException {
        Files.createDirectories(tmp.resolve("empty"));
        assertMessage(assertThrows(ResultsFormatException.class,
                () -> new ReportRenderer().render(tmp.resolve("empty"))), "not a results folder", "run.json");
        assertFalse(Files.exists(tmp.resolve("empty/report")), "nothing written for a bad folder");
    }

    @Test
    void otherFormatVersion() throws IOException {
        Path run = Fixtures.writeInterruptedRun(tmp.resolve("old"));
        Path json = run.resolve("run.json");
        Files.writeString(json, Files.readString(json).replaceFirst("\"formatVersion\" : 1", "\"formatVersion\" : 99"));
        assertMessage(assertThrows(ResultsFormatException.class, () -> new ReportRenderer().render(run)),
                "format 99", "reads format 1");
    }

    @Test
    void malformedSummary() throws IOException {
        Path run = Fixtures.writeInterruptedRun(tmp.resolve("bad"));
        Files.writeString(run.resolve("summary.json"), "[{\"suite\": ");
        assertMessage(assertThrows(ResultsFormatException.class, () -> new ReportRenderer().render(run)),
                "cannot read", "summary.json");
    }

    @Test
    void unknownHistogramUnitNamesTheValidOnes() throws IOException {
        Path run = Fixtures.writeFullRun(tmp.resolve("unit"));
        Path index = run.resolve("load/index.json");
        Files.writeString(index, Files.readString(index).replaceFirst("\"model\"", "\"valueUnit\" : \"fortnights\", \"model\""));
        assertMessage(assertThrows(ResultsFormatException.class, () -> new ReportRenderer().render(run)),
                "fortnights", "ns, us, ms");
    }

    @Test
    void nonNumericParameterIsNamed() throws IOException {
        Fixtures f = new Fixtures();
        f.add(Fixtures.rec("scaling", Fixtures.POOL, "sum-loop", Map.of("workers", "many"), Metric.THROUGHPUT, 1, 0.1, 5));
        Path run = tmp.resolve("param");
        f.write(run, "20261127-130000-quick-00000003", true, Fixtures.statuses(List.of("scaling"), "done"),
                Fixtures.environment("cpu"));
        assertMessage(assertThrows(ResultsFormatException.class, () -> new ReportRenderer().render(run)),
                "workers", "many");
    }

    @Test
    void aListedButMissingLogIsReportedInThePageNotFatal() throws IOException {
        Path run = Fixtures.writeFullRun(tmp.resolve("nolog"));
        Files.delete(run.resolve("load/threads_platform-pool-sha256-50-uncorrected.hlog"));
        String html = Files.readString(new ReportRenderer().render(run));
        assertTrue(html.contains("Not drawn: histogram log not found: load/threads_platform-pool-sha256-50-uncorrected.hlog"),
                "the reader is told what is missing");
        assertFalse(html.contains(tmp.toString()), "no absolute paths of this machine in the page");
    }
}
