package org.offloadbench.bench.rig;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class ConsoleProgressTest {
    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    private final AtomicLong millis = new AtomicLong(0);
    private final ConsoleProgress progress = new ConsoleProgress(new PrintStream(bytes, true, StandardCharsets.UTF_8),
            false, millis::get);

    @Test
    void plainLinesCarryTheStepAndEtasFromTheInjectedClock() {
        progress.runStarted("r1", Path.of("results", "r1"), 125);
        progress.suiteStarted("scaling", 4, 60);
        progress.step("m1 w=1");
        millis.addAndGet(10_000);
        progress.step("m1 w=2");
        millis.addAndGet(10_000);
        progress.step("m2 w=1");
        progress.note("something odd");
        millis.addAndGet(500);
        progress.suiteFinished("scaling", "done", "");
        progress.results(Path.of("results", "r1"));
        progress.runFinished(false, 65_000);
        assertEquals(String.join("\n",
                "offload-bench run r1",
                "  results: " + Path.of("results", "r1"),
                "  estimated time: 2m05s",
                "[scaling] 4 steps, about 1m00s",
                // no step done yet: the suite's estimate, plus the 65 s of suites after it
                "[scaling 1/4 0 %, ETA 1m00s, run ETA 2m05s] m1 w=1",
                // 10 s per step so far, three steps left
                "[scaling 2/4 25 %, ETA 30.0s, run ETA 1m35s] m1 w=2",
                "[scaling 3/4 50 %, ETA 20.0s, run ETA 1m25s] m2 w=1",
                "  note: something odd",
                "[scaling] done in 20.5s",
                "results: " + Path.of("results", "r1"),
                "run INCOMPLETE in 1m05s", ""), text());
    }

    @Test
    void theFirstStepsEtaShrinksWithTimeSpentOnIt() {
        progress.runStarted("r1", Path.of("r1"), 30);
        progress.suiteStarted("overhead", 2, 30);
        millis.addAndGet(12_000);
        assertEquals(18_000, progress.suiteLeftMillis());
        millis.addAndGet(40_000); // slower than estimated: never a negative time left
        assertEquals(0, progress.suiteLeftMillis());
    }

    @Test
    void warningsAreSummarisedWhenTheSuiteEndsNotPrintedPerStep() {
        progress.runStarted("r1", Path.of("r1"), 10);
        progress.suiteStarted("overhead", 3, 10);
        progress.step("a");
        progress.warning(new Warning("still warming up while measured", "overhead a", "overhead a: a long paragraph",
                12, "12 % better first to last"));
        progress.step("b");
        progress.warning(new Warning("still warming up while measured", "overhead b", "overhead b: a long paragraph",
                45, "45 % better first to last"));
        progress.warning(Warning.note("b had to fail unfinished tasks when closed"));
        assertFalse(text().contains("a long paragraph"), "no paragraph while the suite runs: " + text());
        progress.suiteFinished("overhead", "done", "");
        progress.runFinished(true, 1000);
        String out = text();
        assertFalse(out.contains("a long paragraph"), out);
        assertTrue(out.contains("[overhead] done in 0.0s\n"
                + "  3 warnings: 2 still warming up while measured, 1 note\n"
                + "    still warming up while measured, worst: overhead b (45 % better first to last); "
                + "overhead a (12 % better first to last)\n"
                + "    note: b had to fail unfinished tasks when closed\n"), out);
        assertTrue(out.endsWith("run complete in 1.0s, 3 warnings (in full in the report)\n"), out);
    }

    @Test
    void aSuitesWarningsDoNotCarryIntoTheNext() {
        progress.runStarted("r1", Path.of("r1"), 10);
        progress.suiteStarted("overhead", 1, 5);
        progress.warning(Warning.note("first"));
        progress.suiteFinished("overhead", "done", "");
        progress.suiteStarted("copy", 1, 5);
        progress.suiteFinished("copy", "done", "");
        String copy = text().substring(text().indexOf("[copy] done"));
        assertFalse(copy.contains("warning"), copy);
    }

    @Test
    void theBarIsAsWideAsColumnsSaysLessOneElseAHundred() {
        assertEquals(119, ConsoleProgress.barWidth("120"));
        assertEquals(100, ConsoleProgress.barWidth(null));
        assertEquals(100, ConsoleProgress.barWidth("wide"));
        assertEquals(100, ConsoleProgress.barWidth("12"), "too narrow for a bar and its message");
    }

    private String text() {
        return bytes.toString(StandardCharsets.UTF_8);
    }
}
