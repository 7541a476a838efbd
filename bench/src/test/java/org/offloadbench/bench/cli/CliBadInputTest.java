package org.offloadbench.bench.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.offloadbench.bench.testkit.TestPoolProvider;
import org.offloadbench.bench.testkit.UnavailableProvider;

/** Bad input: one line naming the problem and the valid choices, exit code 2, nothing written. */
class CliBadInputTest {
    @TempDir
    Path tmp;

    private CliRunner.Result run(String... args) {
        return CliRunner.run(args);
    }

    private static void assertUsageError(CliRunner.Result r, String... expectedFragments) {
        assertEquals(2, r.exitCode(), "exit code; stderr: " + r.err());
        String line = r.err().strip();
        assertFalse(line.contains("\n"), "not one line: " + line);
        assertTrue(line.startsWith("bench: "), line);
        for (String fragment : expectedFragments) {
            assertTrue(line.contains(fragment), "'" + fragment + "' missing from: " + line);
        }
    }

    @Test
    void badModelOptionsAreRefusedBeforeAnySuiteNamingTheValidOnes() {
        var key = run("run", "--models", TestPoolProvider.NAME + "[wait=spin]," + TestPoolProvider.NAME + "[nap=1]",
                "--out", tmp.toString());
        assertUsageError(key, "unknown option 'nap' for " + TestPoolProvider.NAME, "valid: spinMicros, wait");
        var value = run("run", "--models", TestPoolProvider.NAME, "--model-option", TestPoolProvider.NAME + ":wait=nap",
                "--out", tmp.toString());
        assertUsageError(value, "must be one of [spin, park], was 'nap'");
        var model = run("run", "--model-option", "threads/nope:wait=spin", "--out", tmp.toString());
        assertUsageError(model, "unknown model in --model-option 'threads/nope'", "valid: ", TestPoolProvider.NAME);
        assertTrue(isEmpty(tmp), "a rejected run must write nothing");
    }

    @Test
    void unknownModelNamesTheValidOnes() {
        var r = run("run", "--models", "threads/nope", "--out", tmp.toString());
        assertUsageError(r, "unknown model 'threads/nope'", "valid: ", TestPoolProvider.NAME, UnavailableProvider.NAME);
        assertTrue(isEmpty(tmp), "a rejected run must write nothing");
    }

    @Test
    void unavailableModelSaysWhy() {
        var r = run("run", "--models", UnavailableProvider.NAME, "--out", tmp.toString());
        assertUsageError(r, "not available here", UnavailableProvider.REASON, "available: " + TestPoolProvider.NAME);
    }

    @Test
    void unknownWorkload() {
        assertUsageError(run("run", "--workloads", "bench-test-sum,md5", "--out", tmp.toString()),
                "unknown workload 'md5'", "valid: ", "bench-test-sum");
    }

    @Test
    void faultWorkloadsAreNotBenchmarkWorkloads() {
        assertUsageError(run("run", "--workloads", "bench-test-fault-halt", "--out", tmp.toString()),
                "unknown workload 'bench-test-fault-halt'", "bench-test-noop");
    }

    @Test
    void unknownSuite() {
        assertUsageError(run("run", "--suites", "overhead,speed", "--out", tmp.toString()),
                "unknown suite 'speed'", "valid: overhead, copy, scaling, granularity, latency, startup, responsiveness, resilience, calibration");
    }

    @Test
    void malformedSize() {
        assertUsageError(run("run", "--sizes", "64B,12XB", "--out", tmp.toString()),
                "malformed size '12XB'", "B, KiB, MiB or GiB");
        assertUsageError(run("run", "--sizes", "2GiB", "--out", tmp.toString()), "size '2GiB' is too large");
    }

    @Test
    void malformedWorkers() {
        assertUsageError(run("run", "--workers", "1,two", "--out", tmp.toString()), "malformed worker count 'two'");
    }

    @Test
    void unknownProfile() {
        assertUsageError(run("run", "--profile", "fast", "--out", tmp.toString()),
                "unknown profile 'fast'", "valid: quick, standard, full");
    }

    @Test
    void unknownOptionAndMissingCommand() {
        assertUsageError(run("run", "--modles", "x"), "--modles");
        assertUsageError(run(), "a command is required", "run, report, compare, list");
    }

    @Test
    void reportOfAMissingFolder() {
        Path missing = tmp.resolve("nothing-here");
        assertUsageError(run("report", missing.toString()), "results folder not found", "nothing-here");
    }

    @Test
    void reportOfAFolderWithoutRunJson() throws Exception {
        Path dir = Files.createDirectories(tmp.resolve("empty"));
        assertUsageError(run("report", dir.toString()), "is not a results folder", "run.json");
    }

    @Test
    void reportOfAnOlderFormat() throws Exception {
        Path dir = Files.createDirectories(tmp.resolve("old"));
        Files.writeString(dir.resolve("run.json"), "{\"formatVersion\": 0, \"runId\": \"x\"}");
        assertUsageError(run("report", dir.toString()), "has results format 0", "reads format 1");
    }

    @Test
    void compareOfAMissingFolder() {
        assertUsageError(run("compare", tmp.resolve("a").toString(), tmp.resolve("b").toString()),
                "results folder not found");
    }

    @Test
    void helpIsNotAnError() {
        var r = run("run", "--help");
        assertEquals(0, r.exitCode());
        assertTrue(r.out().contains("--profile"), r.out());
        assertTrue(r.out().contains("--fork-jvm-args"), r.out());
    }

    private static boolean isEmpty(Path dir) {
        try (var s = Files.list(dir)) {
            return s.findAny().isEmpty();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
