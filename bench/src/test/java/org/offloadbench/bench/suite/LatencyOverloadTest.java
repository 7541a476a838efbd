package org.offloadbench.bench.suite;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.offloadbench.bench.rig.ForkedJvm;

/**
 * The default run once died of {@code OutOfMemoryError} in the latency suite: at 95 % of shm/in-process's max
 * rate, a 64 KiB sha256 input was copied into a model queue 65,536 deep. Here a JVM with a 64 MiB heap
 * offers real models a rate far above their capacity (a million sha256 tasks a second) through the latency
 * suite's own step; it must survive and give every model figures.
 */
class LatencyOverloadTest {
    private static final List<String> MODELS = List.of("threads/platform-pool", "shm/in-process", "shm/copy",
            "process/pipes", "cluster/kernel");

    @TempDir
    Path tmp;

    @Test
    @Timeout(240)
    void aSmallHeapSurvivesARateFarAboveCapacityWithFiguresForEveryModel() throws Exception {
        List<String> args = new java.util.ArrayList<>(List.of("1000000", "1000", "sha256"));
        args.addAll(MODELS);
        Path out = tmp.resolve("stdout.txt");
        Path err = tmp.resolve("stderr.txt");
        Process p = new ProcessBuilder(ForkedJvm.command(List.of("-Xmx64m", "-XX:+ExitOnOutOfMemoryError"),
                OverloadMain.class.getName(), args)).redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        try {
            assertTrue(p.waitFor(200, TimeUnit.SECONDS), "the overloaded runner did not finish in time");
        } finally {
            p.destroyForcibly();
            p.waitFor(10, TimeUnit.SECONDS);
        }
        String stdout = Files.readString(out, StandardCharsets.UTF_8);
        String stderr = Files.readString(err, StandardCharsets.UTF_8);
        String context = "stdout:\n" + stdout + "\nstderr tail:\n" + stderr.substring(Math.max(0, stderr.length() - 4000));
        System.out.print(stdout); // the figures, in the surefire report
        assertEquals(0, p.exitValue(), context);
        for (String model : MODELS) {
            String line = stdout.lines().filter(l -> l.startsWith("RESULT " + model + " ")).findFirst()
                    .orElseThrow(() -> new AssertionError("no figures for " + model + "\n" + context));
            long completed = field(line, "completed");
            long dropped = field(line, "dropped");
            assertTrue(completed > 0, line);
            assertEquals(0, field(line, "failed"), line);
            // far above capacity: most of the schedule could not be sent, and the tail shows the backlog
            assertTrue(dropped > completed, line);
            assertTrue(field(line, "p99Nanos") > 0, line);
            assertTrue(field(line, "sent") <= completed + field(line, "unfinished"), line);
        }
    }

    private static long field(String line, String name) {
        for (String part : line.split(" ")) {
            if (part.startsWith(name + "=")) {
                return Long.parseLong(part.substring(name.length() + 1));
            }
        }
        throw new AssertionError("no " + name + " in " + line);
    }
}
