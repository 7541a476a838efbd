package org.offloadbench.bench.suite;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.offloadbench.bench.rig.OpenResources;
import org.offloadbench.bench.rig.PreparedInput;
import org.offloadbench.bench.rig.Progress;
import org.offloadbench.bench.rig.RigFixtures;
import org.offloadbench.bench.rig.SuiteContext;
import org.offloadbench.bench.rig.SummarySink;
import org.offloadbench.core.measure.FakeNanoClock;
import org.offloadbench.core.measure.cpu.CpuAccountant;
import org.offloadbench.core.measure.cpu.CpuTimes;
import org.offloadbench.core.measure.cpu.CpuUsage;
import org.offloadbench.core.offload.OffloaderRegistry;
import org.offloadbench.core.result.Metric;
import org.offloadbench.core.result.ResultsFolder;
import org.offloadbench.core.result.SummaryRecord;
import org.offloadbench.core.workload.WorkloadCatalogue;

/** What CpuCost records from given windows: the arithmetic, the too-short rule, the not-measurable note. */
@Timeout(60)
class CpuCostTest {
    private static final long MS = 1_000_000;

    @TempDir
    Path tmp;

    private SummarySink sink;
    private SuiteContext ctx;
    private CpuCost cpu;
    private PreparedInput input;

    private void setUp() throws Exception {
        sink = new SummarySink(ResultsFolder.create(tmp.resolve("run")));
        ctx = new SuiteContext("scaling", RigFixtures.plan(tmp, List.of("scaling"), RigFixtures.tinyOptions(tmp)),
                OffloaderRegistry.load(), WorkloadCatalogue.load(), null, sink, Progress.SILENT, new OpenResources(),
                new FakeNanoClock(), () -> false);
        cpu = new CpuCost(ctx, CpuAccountant.ofThisMachine());
        input = ctx.prepare("bench-test-sum", 64);
    }

    private Map<String, Double> recorded() {
        return sink.records().stream().collect(Collectors.toMap(SummaryRecord::metric, SummaryRecord::value));
    }

    @Test
    void perTaskFiguresAndTheTaxAreTheWindowsOverTheirTasks() throws Exception {
        setUp();
        // 1 s of wall time, 100 ms of coordinator CPU (20 in the kernel), 2 s of worker CPU, over 1000 tasks
        CpuUsage usage = new CpuUsage(new CpuTimes(80 * MS, 20 * MS), new CpuTimes(1800 * MS, 200 * MS), 1000 * MS,
                false, 0, null);
        double cores = cpu.record("bench-test/pool", input, Map.of("workers", "2"),
                List.of(new CpuCost.Sample(usage, 1000), new CpuCost.Sample(usage, 1000)));
        Map<String, Double> r = recorded();
        assertEquals(0.1, cores, 1e-9);
        assertEquals(100.0, r.get(Metric.CPU_COORDINATOR_PER_TASK.id()), 1e-9);
        assertEquals(20.0, r.get(Metric.CPU_COORDINATOR_SYSTEM_PER_TASK.id()), 1e-9);
        assertEquals(2000.0, r.get(Metric.CPU_WORKER_PER_TASK.id()), 1e-9);
        assertEquals(200.0, r.get(Metric.CPU_WORKER_SYSTEM_PER_TASK.id()), 1e-9);
        double inline = r.get(Metric.CPU_INLINE_PER_TASK.id());
        assertTrue(inline > 0, "the workload's inline cost is measured: " + inline);
        assertEquals(2100.0 - inline, r.get(Metric.CPU_OFFLOAD_TAX.id()), 1e-9);
        assertTrue(sink.records().stream().allMatch(x -> x.params().equals(Map.of("workers", "2"))));
    }

    @Test
    void aWindowTooShortForProcsTicksRecordsNothingAndSaysSo() throws Exception {
        setUp();
        // two worker processes that ran 150 ms together: under 10 ticks each
        CpuUsage usage = new CpuUsage(new CpuTimes(50 * MS, 0), new CpuTimes(150 * MS, 0), 500 * MS, true, 2, null);
        assertEquals(-1, cpu.record("process/pipes", input, Map.of(), List.of(new CpuCost.Sample(usage, 100))));
        assertTrue(sink.records().isEmpty(), sink.records().toString());
        assertEquals(1, ctx.notes().size());
        assertTrue(ctx.notes().get(0).contains("too few of /proc's 10 ms ticks"), ctx.notes().get(0));
        cpu.record("process/pipes", input, Map.of(), List.of(new CpuCost.Sample(usage, 100)));
        assertEquals(1, ctx.notes().size(), "noted once per suite");
    }

    @Test
    void windowsTooShortAloneArePooledIntoOneFigureOfTheWholeStep() throws Exception {
        setUp();
        // five 30 ms windows of two worker processes, 40 ms of worker CPU each (under 10 ticks a process), 10
        // tasks each; together 200 ms of worker CPU over 50 tasks: 4 ms a task, one figure without an interval
        CpuUsage usage = new CpuUsage(new CpuTimes(5 * MS, 0), new CpuTimes(40 * MS, 0), 30 * MS, true, 2, null);
        List<CpuCost.Sample> windows = java.util.Collections.nCopies(5, new CpuCost.Sample(usage, 10));
        double cores = cpu.record("process/pipes", input, Map.of(), windows);
        assertEquals(25.0 / 150.0, cores, 1e-9);
        Map<String, Double> r = recorded();
        assertEquals(4000.0, r.get(Metric.CPU_WORKER_PER_TASK.id()), 1e-9);
        assertEquals(500.0, r.get(Metric.CPU_COORDINATOR_PER_TASK.id()), 1e-9);
        assertEquals(1, sink.records().stream().filter(x -> x.metric().equals(Metric.CPU_WORKER_PER_TASK.id()))
                .findFirst().orElseThrow().n());
        assertTrue(ctx.notes().isEmpty(), ctx.notes().toString());
    }

    @Test
    void notMeasurableHereIsNotedOnceAndRecordsNothing() throws Exception {
        setUp();
        CpuUsage none = CpuUsage.notMeasurable("not measurable here: no /proc", 1000 * MS, true);
        cpu.record("process/pipes", input, Map.of(), List.of(new CpuCost.Sample(none, 100)));
        cpu.record("cluster/kernel", input, Map.of(), List.of(new CpuCost.Sample(none, 100)));
        assertTrue(sink.records().isEmpty());
        assertEquals(List.of("scaling: no CPU-per-task figures: not measurable here: no /proc"), ctx.notes());
    }
}
