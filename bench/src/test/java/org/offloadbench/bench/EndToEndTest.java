package org.offloadbench.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.offloadbench.bench.cli.CliRunner;
import org.offloadbench.bench.testkit.TestPoolProvider;
import org.offloadbench.core.result.ResultsFolder;
import org.offloadbench.core.result.RunRecord;
import org.offloadbench.core.result.SummaryRecord;

/**
 * The quick profile end to end through the CLI, on a tiny configuration: every suite, the JMH forks, the
 * resilience forks and (where gcc exists) the C probes. Checks that every model {@code bench list} calls
 * available appears in summary.json, and that no fork is left running.
 */
// about 260 s on 2 cores (a 4 min run of 20 models plus the report); the bound leaves room for a slower machine
@Timeout(540)
class EndToEndTest {
    @TempDir
    Path tmp;

    @Test
    void quickRunCoversEveryAvailableModel() throws Exception {
        CliRunner.Result list = CliRunner.run("list");
        assertEquals(0, list.exitCode(), list.err());
        List<String> available = Arrays.stream(list.out().split("\n"))
                .takeWhile(l -> !l.startsWith("workloads:"))
                .filter(l -> l.matches("  \\S+\\s+available .*"))
                .map(l -> l.trim().split("\\s+")[0]).toList();
        assertTrue(available.contains(TestPoolProvider.NAME), list.out());
        long childrenBefore = ProcessHandle.current().descendants().count();

        // one copy size and one worker count meet every model with every suite, with half the copy suite's JMH
        // forks and half the scaling suite's model starts; the sweeps over them are copyMeasuresEverySizeGiven's
        // and InProcessSuitesTest's
        CliRunner.Result run = CliRunner.run("run", "--profile", "quick", "--out", tmp.toString(),
                "--workloads", "bench-test-sum", "--sizes", "4KiB", "--workers", "2",
                "--overhead-workload", "bench-test-noop", "--copy-workloads", "bench-test-echo",
                "--faults", "bench-test-fault-halt", "--fork-jvm-args", "-Xss1m", "--time-scale", "0.1");
        assertEquals(0, run.exitCode(), "stdout:\n" + run.out() + "\nstderr:\n" + run.err());

        Path folder;
        try (Stream<Path> runs = Files.list(tmp)) {
            folder = runs.filter(Files::isDirectory).findFirst().orElseThrow();
        }
        RunRecord record = ResultsFolder.open(folder).readRun();
        assertTrue(record.complete(), record.suites().toString());
        List<SummaryRecord> summary = ResultsFolder.open(folder).readSummary();
        Set<String> measured = summary.stream().map(SummaryRecord::model).collect(Collectors.toSet());
        // the workload each suite ran in this run; a model that does not run it (node/*: noop, echo, sha256
        // only) is skipped there
        Map<String, String> workloadOf = Map.of("overhead", "bench-test-noop", "startup", "bench-test-noop",
                "copy", "bench-test-echo");
        for (String model : available) {
            var provider = org.offloadbench.core.offload.OffloaderRegistry.load().get(model);
            boolean runsAny = List.of("bench-test-noop", "bench-test-echo", "bench-test-sum").stream()
                    .anyMatch(provider::supportsWorkload);
            assertEquals(runsAny, measured.contains(model), model + (runsAny ? " is available but absent from"
                    : " runs none of this run's workloads but is in") + " summary.json");
            for (String suite : List.of("overhead", "copy", "scaling", "granularity", "latency", "startup", "responsiveness",
                    "resilience")) {
                boolean figure = summary.stream().anyMatch(r -> r.model().equals(model) && r.suite().equals(suite));
                // a pattern shown for comparison (spawn-per-task) is measured by default only where its point shows
                boolean expected = provider.measuredByDefaultIn(suite)
                        && provider.supportsWorkload(workloadOf.getOrDefault(suite, "bench-test-sum"));
                assertEquals(expected, figure, model + (figure ? " has a " : " has no ") + suite + " figure");
            }
        }

        // JMH: raw JSON per suite, named by the config hash; round trip with JMH's interval
        assertTrue(Files.exists(folder.resolve("jmh/overhead-" + record.configHash() + ".json")));
        assertTrue(Files.exists(folder.resolve("jmh/copy-" + record.configHash() + ".json")));
        SummaryRecord roundTrip = find(summary, "overhead", TestPoolProvider.NAME, "round-trip", Map.of("payloadBytes", "64"));
        // quick: the mean comes from the SampleTime fork, n being its sampled round trips
        assertTrue(roundTrip.value() > 0 && roundTrip.n() >= 5, roundTrip.toString());
        // the samples behind each JMH figure: one score per measured iteration (quick: 5, enough for the verdicts'
        // Mann-Whitney test to reach alpha 0.05), each that iteration's mean, so the score lies within them
        assertEquals(5, roundTrip.samples().size(), roundTrip.toString());
        double low = roundTrip.samples().stream().mapToDouble(Double::doubleValue).min().orElseThrow();
        double high = roundTrip.samples().stream().mapToDouble(Double::doubleValue).max().orElseThrow();
        assertTrue(low <= roundTrip.value() && roundTrip.value() <= high, roundTrip.toString());
        SummaryRecord p99 = find(summary, "overhead", TestPoolProvider.NAME, "round-trip-p99", Map.of("payloadBytes", "64"));
        assertEquals(5, p99.samples().size(), "one p99 per iteration, from its own histogram: " + p99);
        SummaryRecord bandwidth = find(summary, "copy", TestPoolProvider.NAME, "bandwidth", Map.of("payloadBytes", "4096"));
        assertEquals(5, bandwidth.samples().size(), bandwidth.toString());

        // resilience, honestly: a halt takes an in-process model's caller down
        Map<String, String> halt = Map.of("fault", "bench-test-fault-halt");
        assertEquals(0.0, find(summary, "resilience", TestPoolProvider.NAME, "survived", halt).value());
        // how many were still in flight when the JVM died depends on timing; that it is counted does not
        assertTrue(find(summary, "resilience", TestPoolProvider.NAME, "tasks-lost", halt).value() >= 0);
        assertEquals(0.0, find(summary, "resilience", TestPoolProvider.NAME, "tasks-failed", halt).value());

        var calibration = record.suites().stream().filter(s -> s.suite().equals("calibration")).findFirst().orElseThrow();
        if (calibration.state().equals("done")) {
            assertTrue(summary.stream().anyMatch(r -> r.model().equals("native")
                    && r.metric().equals("floor-round-trip") && "pipe".equals(r.param("probe"))));
            assertTrue(summary.stream().anyMatch(r -> r.model().equals("native")
                    && r.metric().equals("floor-bandwidth") && "4096".equals(r.param("payloadBytes"))));
        } else {
            assertEquals("skipped", calibration.state());
            assertTrue(calibration.message().contains("gcc"), calibration.message());
        }
        assertTrue(run.out().contains("estimated time"), run.out());
        assertTrue(run.out().contains("run complete in"), run.out());

        assertEquals(childrenBefore, ProcessHandle.current().descendants().count(), "a fork was left running");

        // the report names every model bench list calls available (where the reports module is on the path)
        CliRunner.Result report = CliRunner.run("report", folder.toString());
        if (report.exitCode() == 0) {
            String html = Files.readString(folder.resolve("report/index.html"));
            for (String model : available) {
                assertTrue(html.contains(model), model + " missing from the report");
            }
        } else {
            assertTrue(report.err().contains("not available in this build"), report.err());
        }
    }

    @Test
    void resilienceRecordsSurvivalRecoveryAndLossPerFault() throws Exception {
        CliRunner.Result run = CliRunner.run("run", "--profile", "quick", "--out", tmp.toString(),
                "--suites", "resilience", "--models", TestPoolProvider.NAME, "--workloads", "bench-test-sum",
                "--faults", "bench-test-fault-hang,bench-test-fault-oom,bench-test-fault-halt", "--time-scale", "0.1");
        assertEquals(0, run.exitCode(), "stdout:\n" + run.out() + "\nstderr:\n" + run.err());
        Path folder;
        try (Stream<Path> runs = Files.list(tmp)) {
            folder = runs.filter(Files::isDirectory).findFirst().orElseThrow();
        }
        List<SummaryRecord> summary = ResultsFolder.open(folder).readSummary();
        Map<String, String> hang = Map.of("fault", "bench-test-fault-hang");
        assertEquals(1.0, find(summary, "resilience", TestPoolProvider.NAME, "survived", hang).value());
        assertEquals(0.0, find(summary, "resilience", TestPoolProvider.NAME, "tasks-lost", hang).value());
        assertEquals(0.0, find(summary, "resilience", TestPoolProvider.NAME, "tasks-failed", hang).value());
        // recovery cannot come before the hung task's timeout (300 ms in quick) has failed it
        assertTrue(find(summary, "resilience", TestPoolProvider.NAME, "recovery-time", hang).value() >= 300);
        Map<String, String> oom = Map.of("fault", "bench-test-fault-oom");
        assertEquals(1.0, find(summary, "resilience", TestPoolProvider.NAME, "survived", oom).value());
        assertEquals(0.0, find(summary, "resilience", TestPoolProvider.NAME, "tasks-lost", oom).value());
        Map<String, String> halt = Map.of("fault", "bench-test-fault-halt");
        assertEquals(0.0, find(summary, "resilience", TestPoolProvider.NAME, "survived", halt).value());
        assertTrue(ResultsFolder.open(folder).readRun().suites().get(0).message()
                .contains("bench-test-fault-halt: the caller's JVM did not survive (exit code 99)"));
    }

    /** The copy suite through the CLI with several sizes: one JMH run, one figure per size given. */
    @Test
    void copyMeasuresEverySizeGiven() throws Exception {
        CliRunner.Result run = CliRunner.run("run", "--profile", "quick", "--out", tmp.toString(),
                "--suites", "copy", "--models", TestPoolProvider.NAME, "--copy-workloads", "bench-test-echo",
                "--sizes", "64B,4KiB", "--fork-jvm-args", "-Xss1m", "--time-scale", "0.1");
        assertEquals(0, run.exitCode(), "stdout:\n" + run.out() + "\nstderr:\n" + run.err());
        Path folder;
        try (Stream<Path> runs = Files.list(tmp)) {
            folder = runs.filter(Files::isDirectory).findFirst().orElseThrow();
        }
        List<SummaryRecord> summary = ResultsFolder.open(folder).readSummary();
        for (String size : List.of("64", "4096")) {
            SummaryRecord bandwidth = find(summary, "copy", TestPoolProvider.NAME, "bandwidth", Map.of("payloadBytes", size));
            // quick keeps five samples behind a figure (ProfileBudgetTest: enough for the verdicts' test)
            assertEquals(5, bandwidth.samples().size(), bandwidth.toString());
        }
    }

    private static SummaryRecord find(List<SummaryRecord> all, String suite, String model, String metric,
                                      Map<String, String> params) {
        return all.stream().filter(r -> r.suite().equals(suite) && r.model().equals(model)
                        && r.metric().equals(metric) && r.params().entrySet().containsAll(params.entrySet()))
                .findFirst().orElseThrow(() -> new AssertionError("no " + suite + "/" + model + "/" + metric + " " + params));
    }
}
