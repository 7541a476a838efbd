package org.offloadbench.reports;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class IncompleteRunTest {
    @TempDir
    Path tmp;

    @Test
    void rendersWhatFinishedUnderABanner() throws IOException {
        Path run = Fixtures.writeInterruptedRun(tmp.resolve("run"));
        String html = Files.readString(new ReportRenderer().render(run));
        assertTrue(html.contains("run incomplete: latency (interrupted), startup (pending)"), "banner names the suites");
        // what finished is there, with its charts
        assertTrue(html.contains("id=\"overhead\"") && html.contains("charts/overhead-round-trip.png"));
        assertTrue(html.contains("id=\"scaling\"") && html.contains("charts/scaling-sum-loop.png"));
        // what did not finish says so; what never ran is absent
        assertTrue(html.contains("Suite interrupted: stopped by Ctrl-C"));
        assertTrue(html.contains("Suite skipped: gcc not found on PATH"));
        assertFalse(html.contains("id=\"copy\""));
        assertFalse(html.contains("id=\"resilience\""));
        assertTrue(html.contains("No native floor"), "overhead says the floor is missing rather than drawing none silently");
    }

    @Test
    void aRunWithNoFiguresAtAllStillRenders() throws IOException {
        Fixtures f = new Fixtures();
        Path run = tmp.resolve("empty");
        f.write(run, "20261127-130000-quick-00000009", false,
                java.util.List.of(new org.offloadbench.core.result.SuiteStatus("overhead", "running", "t", null, "")),
                Fixtures.environment("cpu"));
        Files.delete(run.resolve("summary.json"));
        String html = Files.readString(new ReportRenderer().render(run));
        assertTrue(html.contains("run incomplete: overhead (running)"));
        assertTrue(html.contains("Suite running"));
    }
}
