package org.offloadbench.reports;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.offloadbench.core.result.Metric;

/** The page holds each model against its like-for-like floor, says when one lies below it, and marks unstable blocks. */
class FloorsReportTest {
    @TempDir
    Path tmp;

    private static String overhead(String html) {
        int from = html.indexOf("id=\"overhead\"");
        return html.substring(from, html.indexOf("id=\"copy\"", from));
    }

    @Test
    void aFullRunWithEveryModelAboveItsFloorHasNoFlag() throws IOException {
        String html = Files.readString(new ReportRenderer().render(Fixtures.writeFullRun(tmp.resolve("run"))));
        assertFalse(html.contains("MEASUREMENT ERROR"));
        assertFalse(html.contains("UNSTABLE"));
        String overhead = overhead(html);
        assertTrue(overhead.contains("thread-handoff floor, blocking, p50"), "the floor line is labelled");
        assertTrue(overhead.contains("pipe floor, spinning, p50"), "the adaptive model's floor is the spinning one");
        assertFalse(overhead.contains("pipe floor, blocking"), "no floor of a discipline no model uses");
        assertTrue(html.contains("pipe echo floor, spinning, mean"), "the copy chart has the echo floor");
        assertTrue(html.contains("Round-trip floors"));
    }

    @Test
    void aModelBelowItsFloorIsFlaggedAndAMovedFloorMarksItsBlock() throws IOException {
        Fixtures f = new Fixtures();
        f.everySuite();
        // a parked thread model at 200 ns p50, below the blocking thread hand-off floor: impossible, flagged
        f.add(Fixtures.rec("overhead", "threads/impossible", "noop", Map.of("payloadBytes", "64",
                "transport", "thread-handoff", "wait", "park"), Metric.ROUND_TRIP_P50_NS, 200, null, null, 1000));
        // the process model's bracketing floor (adaptive: the lower of spin and park) moved 5x during its block
        f.floor("overhead", Map.of("phase", "before", "block", Fixtures.PROC), "pipe", "spin", 64, 1_500);
        f.floor("overhead", Map.of("phase", "before", "block", Fixtures.PROC), "pipe", "park", 64, 9_000);
        f.floor("overhead", Map.of("phase", "after", "block", Fixtures.PROC), "pipe", "spin", 64, 7_500);
        f.floor("overhead", Map.of("phase", "after", "block", Fixtures.PROC), "pipe", "park", 64, 9_500);
        // the pool's spinning floor moved, but a parked model is bounded by its blocking floor, which held
        f.floor("overhead", Map.of("phase", "before", "block", Fixtures.POOL), "thread-handoff", "park", 64, 1_200);
        f.floor("overhead", Map.of("phase", "after", "block", Fixtures.POOL), "thread-handoff", "park", 64, 1_300);
        Path run = tmp.resolve("bad");
        f.write(run, "20261127-120000-quick-1a2b3c4d", true, Fixtures.statuses(Fixtures.ALL_SUITES, "done"),
                Fixtures.environment("Test CPU @ 2.0GHz"));
        String overhead = overhead(Files.readString(new ReportRenderer().render(run)));
        assertTrue(overhead.contains("MEASUREMENT ERROR"));
        assertTrue(overhead.contains("threads/impossible noop round-trip-p50")
                && overhead.contains("200 ns is below its thread-handoff floor, blocking, p50"), overhead);
        assertTrue(overhead.contains("class=\"num defect\""), "the figure's cell is marked as a defect");
        assertTrue(overhead.contains("UNSTABLE") && overhead.contains(Fixtures.PROC + ": its floor p50 moved from"),
                overhead);
        assertTrue(overhead.contains("unstable floor"), "the block's figures are marked in the table");
        assertFalse(overhead.contains(Fixtures.POOL + ": its"), "a block whose floor held still is not marked");
    }
}
