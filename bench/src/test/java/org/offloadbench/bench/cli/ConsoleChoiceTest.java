package org.offloadbench.bench.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.offloadbench.bench.plan.UsageException;
import org.offloadbench.bench.rig.Warning;

class ConsoleChoiceTest {
    @TempDir
    Path tmp;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final CliEnvironment env = CliEnvironment.forTest(new PrintStream(out, true, StandardCharsets.UTF_8),
            new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8));

    @Test
    void anUnknownModeNamesTheValidOnes() {
        UsageException e = assertThrows(UsageException.class, () -> ConsoleChoice.of("fancy", null, env));
        assertEquals("unknown --progress 'fancy'; valid: auto, bar, plain", e.getMessage());
    }

    /** What scripts/bench-all.sh relies on: the log gets the plain lines and the results folder, as stdout does. */
    @Test
    void theProgressLogGetsThePlainLinesAndTheResultsLine() throws Exception {
        Path log = tmp.resolve("logs/run.log");
        try (ConsoleChoice console = ConsoleChoice.of("PLAIN", log, env)) {
            console.progress().runStarted("r1", tmp.resolve("r1"), 10);
            console.progress().suiteStarted("scaling", 1, 10);
            console.progress().step("m w=1");
            console.progress().warning(Warning.note("a caveat"));
            console.progress().suiteFinished("scaling", "done", "");
            console.progress().results(tmp.resolve("r1"));
        }
        String logged = Files.readString(log);
        // the same plain lines on stdout and in the log; times and ETAs come from the wall clock of each console
        assertEquals(withoutTimes(out.toString(StandardCharsets.UTF_8)), withoutTimes(logged));
        assertTrue(logged.contains("\nresults: " + tmp.resolve("r1") + "\n"), logged);
        assertTrue(logged.contains("  1 warning: 1 note\n"), logged);
    }

    private static String withoutTimes(String text) {
        return text.replaceAll("(ETA|in|about) [0-9.ms]+", "$1 T");
    }
}
