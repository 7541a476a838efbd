package org.offloadbench.bench.rig;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class ConsoleProgressTest {

    @Test
    void plainLinesCarryTheStepAndAnEtaFromTheInjectedClock() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        AtomicLong millis = new AtomicLong(0);
        ConsoleProgress progress = new ConsoleProgress(new PrintStream(bytes, true, StandardCharsets.UTF_8), false,
                millis::get);
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
        progress.runFinished(false, 65_000);
        assertEquals(String.join("\n",
                "offload-bench run r1",
                "  results: " + Path.of("results", "r1"),
                "  estimated time: 2m05s",
                "[scaling] 4 steps, about 1m00s",
                "[scaling 1/4] m1 w=1",
                "[scaling 2/4, ETA 30.0s] m1 w=2",     // 10 s per step so far, three steps left
                "[scaling 3/4, ETA 20.0s] m2 w=1",
                "  note: something odd",
                "[scaling] done in 20.5s",
                "run INCOMPLETE in 1m05s", ""), bytes.toString(StandardCharsets.UTF_8));
    }
}
