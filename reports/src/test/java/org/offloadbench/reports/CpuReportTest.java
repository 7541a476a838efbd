package org.offloadbench.reports;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.offloadbench.core.result.EnvironmentInfo;
import org.offloadbench.core.result.Metric;
import org.offloadbench.core.result.RunConditions;
import org.offloadbench.core.result.SuiteStatus;
import org.offloadbench.reports.html.Table;
import org.offloadbench.reports.read.RunData;
import org.offloadbench.reports.section.CpuSection;
import org.offloadbench.reports.section.EnvironmentSection;

/** The CPU-per-task section, its projection, the check against a bigger machine, and the busy-machine warning. */
class CpuReportTest {
    @TempDir
    Path tmp;

    /** The page's text with the entities Mustache writes for {@code = ' "} turned back, for readable asserts. */
    private static String unescaped(String html) {
        return html.replace("&#61;", "=").replace("&#39;", "'").replace("&quot;", "\"").replace("&#x2F;", "/");
    }

    /** CPU figures as the runner records them: the thread pool from scaling, the process model from latency. */
    private static void cpu(Fixtures f, String suite, String model, Map<String, String> params, double coordinator,
                            double worker, double inline) {
        f.add(Fixtures.rec(suite, model, "sum-loop", params, Metric.CPU_COORDINATOR_PER_TASK, coordinator, 0.05, 5));
        f.add(Fixtures.rec(suite, model, "sum-loop", params, Metric.CPU_COORDINATOR_SYSTEM_PER_TASK, coordinator / 4,
                0.05, 5));
        f.add(Fixtures.rec(suite, model, "sum-loop", params, Metric.CPU_WORKER_PER_TASK, worker, 0.05, 5));
        f.add(Fixtures.rec(suite, model, "sum-loop", params, Metric.CPU_WORKER_SYSTEM_PER_TASK, worker / 10, 0.05, 5));
        f.add(Fixtures.rec(suite, model, "sum-loop", params, Metric.CPU_INLINE_PER_TASK, inline, null, null, 1));
        f.add(Fixtures.rec(suite, model, "sum-loop", params, Metric.CPU_OFFLOAD_TAX, coordinator + worker - inline,
                0.1, 5));
    }

    private static Fixtures withCpu() throws IOException {
        Fixtures f = new Fixtures();
        f.everySuite();
        cpu(f, "scaling", Fixtures.POOL, Map.of("workers", "2"), 1_234, 24_000, 24_500);
        cpu(f, "scaling", Fixtures.POOL, Map.of("workers", "1"), 1_100, 24_100, 24_500);
        f.add(Fixtures.rec("latency", Fixtures.PROC, "sum-loop", Map.of(), Metric.MAX_RATE, 70, 0.05, 5));
        cpu(f, "latency", Fixtures.PROC, Map.of(), 3_000, 26_000, 24_500);
        return f;
    }

    @Test
    void theSectionShowsCostsAndAProjectionWithItsAssumptions() throws IOException {
        Path run = tmp.resolve("run");
        withCpu().write(run, "20261201-100000-quick-cafe0001", true,
                Fixtures.statuses(Fixtures.ALL_SUITES, "done"), Fixtures.environment("Test CPU @ 2.0GHz"));
        Path index = new ReportRenderer().render(run);
        String html = unescaped(Files.readString(index));
        assertTrue(html.contains("id=\"cpu\""), "the CPU section is there");
        assertTrue(html.contains("CPU per completed task, saturated"));
        assertTrue(html.contains("1,234"), "the pool's coordinator CPU at workers = cores");
        assertFalse(html.contains("1,100"), "workers = 1 is in the CSV, not the table");
        assertTrue(html.contains("sum-loop: projected saturated throughput"));
        assertTrue(html.contains("Projected throughput X(N) = min(N / (w + c), 1 / c, USL(N))"), "assumptions under the chart");
        assertTrue(Files.exists(index.getParent().resolve("charts/cpu-projection-sum-loop.png")));
        String csv = Files.readString(index.getParent().resolve("data/cpu-projection-sum-loop.csv"));
        assertTrue(csv.contains("threads/platform-pool") && csv.contains("process/child-jvm"), csv);
    }

    @Test
    void eachModelsProjectionComesFromScalingAtWorkersEqualCoresElseFromTheMaxRateProbe() throws IOException {
        Path run = tmp.resolve("run");
        withCpu().write(run, "20261201-100000-quick-cafe0002", true,
                Fixtures.statuses(Fixtures.ALL_SUITES, "done"), Fixtures.environment("Test CPU @ 2.0GHz"));
        List<CpuSection.Basis> bases = CpuSection.bases(RunData.read(run), "sum-loop", 2);
        assertEquals(2, bases.size());
        CpuSection.Basis pool = bases.get(0);
        assertEquals(Fixtures.POOL, pool.model());
        assertEquals("scaling", pool.suite());
        assertEquals(1_234, pool.coordinatorMicros());
        assertEquals(24_000, pool.workerMicros());
        assertTrue(pool.measuredThroughput() > 0, "scaling's throughput at workers = 2");
        CpuSection.Basis proc = bases.get(1);
        assertEquals("latency", proc.suite());
        assertEquals(70.0, proc.measuredThroughput());
        // 4 cores over 25.234 ms a task, below the coordinator's 1 / 1.234 ms (the fixture's USL needs cores >= 3)
        assertEquals(4 / 25_234e-6, pool.projection(java.util.Optional.empty()).at(4).throughput(), 1e-6);
    }

    @Test
    void aBiggerMachinesRunChecksTheProjection() throws IOException {
        Path small = tmp.resolve("small");
        withCpu().write(small, "20261201-100000-quick-cafe0003", true,
                Fixtures.statuses(Fixtures.ALL_SUITES, "done"), Fixtures.environment("Test CPU @ 2.0GHz"));
        Fixtures bigger = new Fixtures();
        bigger.add(Fixtures.rec("scaling", Fixtures.POOL, "sum-loop", Map.of("workers", "8"), Metric.THROUGHPUT,
                200, 0.02, 10));
        Path big = tmp.resolve("big");
        EnvironmentInfo eight = new EnvironmentInfo("Big CPU", 8, 32L << 30, "Linux 6.1", "6.1.0", "17.0.15", "x",
                "~/jdk", List.of(), List.of(), "abc", false, "big", Map.of());
        bigger.write(big, "20261201-110000-quick-cafe0004", true, Fixtures.statuses(List.of("scaling"), "done"), eight);

        Table check = CpuSection.projectionCheck(RunData.read(small), RunData.read(big));
        assertEquals(1, check.rows().size());
        double projected = 8 / 25_234e-6; // 317 ops/s: 8 cores over 25.234 ms a task
        assertEquals(org.offloadbench.reports.html.Fmt.factor(200 / projected), check.rows().get(0).cells().get(4).text());
    }

    private static RunConditions conditions(double load, double steal) {
        return new RunConditions("2026-12-01T10:00:00Z", load, load, 250L, 40.0, steal, 0.0, 0.0, "performance",
                2095.0, false, null, List.of(new RunConditions.BusyProcess(4242, "stress-ng", 88.0)));
    }

    @Test
    void aBusyMachineIsWarnedAboutAtTheTopAndConditionsAreListedPerSuite() throws IOException {
        List<SuiteStatus> suites = new ArrayList<>();
        for (String s : Fixtures.ALL_SUITES) {
            boolean busy = s.equals("latency");
            suites.add(new SuiteStatus(s, "done", "2026-11-27T12:00:00Z", "2026-11-27T12:05:00Z", "",
                    conditions(0.5, 0.1), busy ? conditions(3.5, 9.0) : conditions(0.4, 0.2)));
        }
        Fixtures f = new Fixtures();
        f.everySuite();
        Path run = tmp.resolve("run");
        f.write(run, "20261201-100000-quick-cafe0005", true, suites, Fixtures.environment("Test CPU @ 2.0GHz"));
        String html = unescaped(Files.readString(new ReportRenderer().render(run)));
        int warning = html.indexOf("The machine was busy during this run");
        assertTrue(warning > 0 && warning < html.indexOf("id=\"verdict\""), "the warning comes before the verdict");
        String banner = html.substring(warning, html.indexOf("</div>", warning));
        assertTrue(banner.contains("load average up to 3.50 above the 2 cores (worst at latency (end))"), banner);
        assertTrue(banner.contains("up to 9.0 % of CPU time stolen by the hypervisor (worst at latency (end))"), banner);
        assertTrue(banner.contains("another process, stress-ng (pid 4242), used up to 88 % of a core (worst at "
                + "overhead (start); in 16 of 16 captures)"), banner);
        assertTrue(html.contains("load 0.5 → 3.5"), "the suites table shows the conditions");
        assertTrue(html.contains("governor performance"), "the CPU settings are in the environment");
    }

    @Test
    void aQuietRunHasNoBusyWarning() throws IOException {
        Path run = Fixtures.writeFullRun(tmp.resolve("run"));
        assertNull(EnvironmentSection.busyWarning(RunData.read(run).run()));
        assertFalse(Files.readString(new ReportRenderer().render(run)).contains("machine was busy"));
    }
}
