package org.offloadbench.bench.suite;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.HdrHistogram.EncodableHistogram;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.HistogramLogReader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.offloadbench.bench.plan.RunOptions;
import org.offloadbench.bench.plan.RunPlan;
import org.offloadbench.bench.plan.RunPlanner;
import org.offloadbench.bench.rig.Progress;
import org.offloadbench.bench.rig.Rig;
import org.offloadbench.bench.rig.RigFixtures;
import org.offloadbench.bench.testkit.TestPoolProvider;
import org.offloadbench.core.measure.NanoClock;
import org.offloadbench.core.offload.Availability;
import org.offloadbench.core.offload.ModelTraits;
import org.offloadbench.core.offload.Offloader;
import org.offloadbench.core.offload.OffloaderConfig;
import org.offloadbench.core.offload.OffloaderProvider;
import org.offloadbench.core.offload.OffloaderRegistry;
import org.offloadbench.core.result.Metric;
import org.offloadbench.core.result.ResultsFolder;
import org.offloadbench.core.result.RunRecord;
import org.offloadbench.core.result.SummaryRecord;
import org.offloadbench.core.workload.WorkloadCatalogue;

/**
 * The suites that run inside the runner's JVM (scaling, latency, startup, responsiveness) on the test
 * pool with tiny durations: the records they write follow the results contract. Timings are not checked.
 */
@Timeout(120)
class InProcessSuitesTest {
    private static final String MANGLER = "bench-test/mangler";

    @TempDir
    Path tmp;

    private Rig.Outcome run(OffloaderRegistry registry, List<String> suites, List<String> models) throws Exception {
        RunOptions options = RigFixtures.tinyOptions(tmp).withModels(models).withSuites(suites);
        RunPlan plan = new RunPlanner(registry, WorkloadCatalogue.load(), Suites.names(Suites.all()), 2).plan(options);
        return new Rig(plan, registry, WorkloadCatalogue.load(), Suites.all(), Clock.systemUTC(), NanoClock.system(),
                Progress.SILENT, RigFixtures::environment).run();
    }

    private static List<SummaryRecord> records(Rig.Outcome outcome, String suite) {
        return ResultsFolder.open(outcome.folder()).readSummary().stream().filter(r -> r.suite().equals(suite)).toList();
    }

    /** The metrics of the records, the CPU-per-task ones left out (checked by {@link #cpuPerTaskIsRecorded}). */
    private static Set<String> metrics(List<SummaryRecord> records) {
        return records.stream().map(SummaryRecord::metric).filter(m -> !CPU_METRICS.contains(m))
                .collect(Collectors.toSet());
    }

    private static final Set<String> CPU_METRICS = Set.of(Metric.CPU_COORDINATOR_PER_TASK.id(),
            Metric.CPU_COORDINATOR_SYSTEM_PER_TASK.id(), Metric.CPU_WORKER_PER_TASK.id(),
            Metric.CPU_WORKER_SYSTEM_PER_TASK.id(), Metric.CPU_INLINE_PER_TASK.id(), Metric.CPU_OFFLOAD_TAX.id(),
            Metric.CPU_COORDINATOR_CORES.id(), Metric.EFFICIENCY_AVAILABLE.id());

    /**
     * Every saturated step records CPU per task where /proc exists: coordinator, workers, inline cost and the tax
     * between them, which is their sum minus the inline cost.
     */
    private static void cpuPerTaskIsRecorded(List<SummaryRecord> records, Map<String, String> params) {
        if (!Files.isReadable(Path.of("/proc/self/stat"))) {
            return; // not measurable here: the suites note it instead
        }
        Map<String, Double> cpu = records.stream().filter(r -> r.params().equals(params)
                        && CPU_METRICS.contains(r.metric()) && !r.metric().equals(Metric.EFFICIENCY_AVAILABLE.id()))
                .collect(Collectors.toMap(SummaryRecord::metric, SummaryRecord::value));
        assertEquals(CPU_METRICS.size() - 1, cpu.size(), "CPU figures at " + params + ": " + cpu.keySet());
        assertTrue(cpu.get(Metric.CPU_WORKER_PER_TASK.id()) > 0, cpu.toString());
        assertTrue(cpu.get(Metric.CPU_INLINE_PER_TASK.id()) > 0, cpu.toString());
        assertTrue(cpu.get(Metric.CPU_WORKER_SYSTEM_PER_TASK.id()) <= cpu.get(Metric.CPU_WORKER_PER_TASK.id()));
        assertEquals(cpu.get(Metric.CPU_COORDINATOR_PER_TASK.id()) + cpu.get(Metric.CPU_WORKER_PER_TASK.id())
                - cpu.get(Metric.CPU_INLINE_PER_TASK.id()), cpu.get(Metric.CPU_OFFLOAD_TAX.id()), 1e-6);
    }

    @Test
    void measuringSuitesWriteTheContractRecords() throws Exception {
        int openBefore = TestPoolProvider.OPEN.get();
        Rig.Outcome outcome = run(OffloaderRegistry.load(), List.of("scaling", "latency", "startup", "responsiveness"),
                List.of(TestPoolProvider.NAME));
        RunRecord run = ResultsFolder.open(outcome.folder()).readRun();
        assertTrue(run.complete(), run.suites().toString());
        assertEquals(openBefore, TestPoolProvider.OPEN.get());

        List<SummaryRecord> scaling = records(outcome, "scaling");
        assertEquals(Set.of("throughput", "speedup", "efficiency"), metrics(scaling));
        cpuPerTaskIsRecorded(scaling, Map.of("workers", "1"));
        cpuPerTaskIsRecorded(scaling, Map.of("workers", "2"));
        for (SummaryRecord r : scaling.stream().filter(r -> !CPU_METRICS.contains(r.metric())).toList()) {
            assertEquals(TestPoolProvider.NAME, r.model());
            assertEquals("bench-test-sum", r.workload());
            assertTrue(Set.of("1", "2").contains(r.param("workers")), r.toString());
            assertEquals(Metric.byId(r.metric()).orElseThrow().unit(), r.unit());
            assertEquals(5, r.n(), "quick: five measurement iterations (enough for the verdicts' test)");
            assertTrue(r.value() > 0, r.toString());
        }
        SummaryRecord throughput = scaling.stream().filter(r -> r.metric().equals("throughput")).findFirst().orElseThrow();
        assertTrue(throughput.hasInterval() && throughput.ciLow() <= throughput.value()
                && throughput.value() <= throughput.ciHigh(), throughput.toString());
        // the iterations' throughputs are kept: the test of difference works on them, the value is their mean
        assertEquals(5, throughput.samples().size(), throughput.toString());
        assertEquals(throughput.value(), throughput.samples().stream().mapToDouble(Double::doubleValue).average()
                .orElseThrow(), 1e-9 * throughput.value());
        SummaryRecord speedup1 = scaling.stream().filter(r -> r.metric().equals("speedup") && r.param("workers").equals("1"))
                .findFirst().orElseThrow();
        assertEquals(1.0, speedup1.value(), 1e-12);

        List<SummaryRecord> latency = records(outcome, "latency");
        cpuPerTaskIsRecorded(latency, Map.of());
        assertEquals(Set.of("max-rate", "latency-p50", "latency-p90", "latency-p99", "latency-p999", "latency-max",
                "latency-uncorrected-p99", "achieved-rate"), metrics(latency));
        assertEquals(Map.of(), latency.stream().filter(r -> r.metric().equals("max-rate")).findFirst().orElseThrow().params());
        assertEquals(Set.of("50", "95"), latency.stream().filter(r -> r.metric().equals("latency-p99"))
                .map(r -> r.param("ratePercent")).collect(Collectors.toSet()));
        latency.stream().filter(r -> r.metric().equals("latency-p99")).forEach(r -> assertNotNull(r.param("targetRate")));
        List<?> index = ResultsFolder.mapper().readValue(outcome.folder().resolve("load/index.json").toFile(), List.class);
        assertEquals(2, index.size());
        Map<?, ?> entry = (Map<?, ?>) index.get(0);
        Path hlog = outcome.folder().resolve((String) entry.get("correctedFile"));
        assertTrue(Files.exists(outcome.folder().resolve((String) entry.get("uncorrectedFile"))));
        HistogramLogReader reader = new HistogramLogReader(hlog.toFile());
        assertNotNull(reader.nextIntervalHistogram(), "the .hlog holds at least one interval");

        List<SummaryRecord> startup = records(outcome, "startup");
        assertEquals(Set.of("startup-to-ready", "startup-to-first-result", "memory-per-worker"), metrics(startup));
        assertTrue(startup.stream().allMatch(r -> r.workload().equals("bench-test-noop") && r.n() == 3), startup.toString());
        assertTrue(startup.stream().allMatch(r -> r.samples() != null && r.samples().size() == 3),
                "each repetition is kept: " + startup);

        List<SummaryRecord> hiccups = records(outcome, "responsiveness");
        assertEquals(Set.of("baseline-idle", TestPoolProvider.NAME),
                hiccups.stream().map(SummaryRecord::model).collect(Collectors.toSet()));
        assertEquals(Set.of("hiccup-p99", "hiccup-max"), metrics(hiccups));
        cpuPerTaskIsRecorded(hiccups, Map.of());
        assertTrue(Files.exists(outcome.folder().resolve("hiccup/bench-test_pool.hlog")));
        assertTrue(Files.exists(outcome.folder().resolve("hiccup/baseline-idle.hlog")));
        for (String file : List.of("hiccup/bench-test_pool.hlog", "hiccup/baseline-idle.hlog")) {
            HistogramLogReader hiccupLog = new HistogramLogReader(outcome.folder().resolve(file).toFile());
            long counted = 0;
            int intervals = 0;
            EncodableHistogram h;
            while ((h = hiccupLog.nextIntervalHistogram()) != null) {
                counted += ((Histogram) h).getTotalCount();
                intervals++;
            }
            hiccupLog.close();
            assertTrue(intervals >= 1, file);
            long n = hiccups.stream().filter(r -> r.metric().equals("hiccup-p99")
                    && file.contains(RunPlan.fileName(r.model()))).findFirst().orElseThrow().n();
            assertEquals(n, counted, file + ": the intervals add up to the summary's n");
        }
    }

    /** A model whose replies have one byte flipped. */
    private static final class ManglerProvider implements OffloaderProvider {
        @Override
        public String name() {
            return MANGLER;
        }

        @Override
        public String description() {
            return "returns wrong bytes";
        }

        @Override
        public Availability availability() {
            return Availability.yes();
        }

        @Override
        public ModelTraits traits() {
            return new ModelTraits("threads", "heap", "process", false, "nothing", "-");
        }

        @Override
        public Offloader create(OffloaderConfig config) {
            return TestPoolProvider.mangling(MANGLER, config.workers());
        }
    }

    /** The test pool, recording the queue capacity of every config it was opened with. */
    private static final class RecordingProvider implements OffloaderProvider {
        final List<Integer> capacities = new java.util.concurrent.CopyOnWriteArrayList<>();
        private final TestPoolProvider pool = new TestPoolProvider();

        @Override
        public String name() {
            return "bench-test/recording";
        }

        @Override
        public String description() {
            return "the test pool, recording its configs";
        }

        @Override
        public Availability availability() {
            return Availability.yes();
        }

        @Override
        public ModelTraits traits() {
            return pool.traits();
        }

        @Override
        public Offloader create(OffloaderConfig config) {
            capacities.add(config.queueCapacity());
            return pool.create(config);
        }
    }

    @Test
    void theLatencySuiteGivesTheModelAQueueAsDeepAsItsOpenLoopMayHaveInFlight() throws Exception {
        RecordingProvider latency = new RecordingProvider();
        run(OffloaderRegistry.of(List.of(latency)), List.of("latency"), List.of(latency.name()));
        assertFalse(latency.capacities.isEmpty(), "the latency suite opened the model");
        var workload = WorkloadCatalogue.load().get("bench-test-sum");
        int inputBytes = workload.generateInput(org.offloadbench.core.workload.InputSpec.of(1L,
                workload.defaultPayloadBytes())).length;
        int cap = LatencySuite.inFlightCap(inputBytes, Runtime.getRuntime().availableProcessors(),
                Runtime.getRuntime().maxMemory());
        assertTrue(latency.capacities.stream().allMatch(c -> c == cap), cap + " vs " + latency.capacities);

        RecordingProvider scaling = new RecordingProvider();
        run(OffloaderRegistry.of(List.of(scaling)), List.of("scaling"), List.of(scaling.name()));
        assertTrue(scaling.capacities.stream().allMatch(c -> c == 1024), "other suites keep the default: "
                + scaling.capacities);
    }

    @Test
    void wrongBytesFailTheModelAndAreNeverReportedAsFast() throws Exception {
        OffloaderRegistry registry = OffloaderRegistry.of(List.of(new TestPoolProvider(), new ManglerProvider()));
        Rig.Outcome outcome = run(registry, List.of("scaling", "latency"), List.of(MANGLER, TestPoolProvider.NAME));
        RunRecord run = ResultsFolder.open(outcome.folder()).readRun();
        assertFalse(run.complete());
        for (var status : run.suites()) {
            assertEquals("failed", status.state());
            assertTrue(status.message().contains(MANGLER + " returned wrong bytes for bench-test-sum"), status.message());
        }
        List<SummaryRecord> all = ResultsFolder.open(outcome.folder()).readSummary();
        assertTrue(all.stream().noneMatch(r -> r.model().equals(MANGLER)), "no figure for a model with wrong bytes");
        assertTrue(all.stream().anyMatch(r -> r.model().equals(TestPoolProvider.NAME)), "the honest model is still measured");
    }
}
