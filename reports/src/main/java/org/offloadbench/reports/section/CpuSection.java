package org.offloadbench.reports.section;

import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.offloadbench.core.result.Metric;
import org.offloadbench.core.result.SuiteNames;
import org.offloadbench.core.result.SummaryRecord;
import org.offloadbench.reports.chart.ChartImage;
import org.offloadbench.reports.chart.ProjectionChart;
import org.offloadbench.reports.chart.Series;
import org.offloadbench.reports.html.Block;
import org.offloadbench.reports.html.Cell;
import org.offloadbench.reports.html.Csv;
import org.offloadbench.reports.html.Figure;
import org.offloadbench.reports.html.Fmt;
import org.offloadbench.reports.html.SectionView;
import org.offloadbench.reports.html.Table;
import org.offloadbench.reports.read.RunData;
import org.offloadbench.reports.stats.CoreProjection;
import org.offloadbench.reports.stats.UslFit;

/**
 * What a task cost in CPU: per completed task in every saturated step (the scaling suite at workers = cores,
 * the latency suite's max-rate probe, the responsiveness suite's load), the coordinator's and the workers'
 * CPU, the workload's own inline cost and the offload tax; then the saturated throughput those costs
 * project to on 4 to 64 cores ({@link CoreProjection}).
 */
public final class CpuSection {
    public static final String ID = "cpu";
    /** The suites whose saturated steps record CPU per task, in the order a projection prefers them. */
    static final List<String> SUITES = List.of(SuiteNames.SCALING, SuiteNames.LATENCY, SuiteNames.RESPONSIVENESS);

    private CpuSection() {
    }

    /**
     * The CPU a projection is drawn from for one model and workload, and what was measured beside it.
     *
     * @param measuredThroughput saturated throughput of the same step, or null (responsiveness records none)
     */
    public record Basis(String model, String workload, String suite, Map<String, String> params,
                        double coordinatorMicros, double workerMicros, Double measuredThroughput) {

        public CoreProjection projection(Optional<UslFit> usl) {
            return new CoreProjection(coordinatorMicros / 1e6, workerMicros / 1e6, usl);
        }
    }

    /** The section, or empty when the run recorded no CPU per task. */
    public static Optional<SectionView> build(Context ctx) throws IOException {
        List<SummaryRecord> cpu = ctx.data().records().stream()
                .filter(r -> SUITES.contains(r.suite()) && r.metric().startsWith("cpu-")).toList();
        if (cpu.isEmpty()) {
            return Optional.empty();
        }
        int cores = ctx.data().run().environment() == null ? 0 : ctx.data().run().environment().cores();
        List<Block> blocks = new ArrayList<>();
        blocks.add(costTable(ctx, cores));
        for (String workload : Context.workloads(cpu)) {
            projectionBlock(ctx, workload, cores).ifPresent(blocks::add);
        }
        return Optional.of(new SectionView(ID, "CPU cost per task", "What does a task cost in CPU, on the caller's "
                + "side and the workers', beyond the work itself, and what does that mean on a machine with more cores?",
                null, blocks));
    }

    private static Block costTable(Context ctx, int cores) throws IOException {
        Table table = new Table("CPU per completed task, saturated (µs)", List.of("suite", "model", "workload",
                "coordinator", "of it kernel", "workers", "of it kernel", "inline", "offload tax", "coordinator cores",
                "efficiency (%)", "per available core (%)"));
        List<SummaryRecord> rows = new ArrayList<>();
        for (String suite : SUITES) {
            for (SummaryRecord r : ctx.data().select(suite, Metric.CPU_COORDINATOR_PER_TASK.id())) {
                if (!suite.equals("scaling") || Context.paramLong(r, "workers") == cores) {
                    rows.add(r);
                }
            }
        }
        List<SummaryRecord> used = new ArrayList<>();
        for (SummaryRecord c : rows) {
            List<SummaryRecord> step = ctx.data().select(c.suite(), r -> r.model().equals(c.model())
                    && r.workload().equals(c.workload()) && r.params().equals(c.params()));
            used.addAll(step);
            table.add(List.of(Cell.text(c.suite()), Cell.text(c.model()), Cell.text(c.workload()),
                    cell(step, Metric.CPU_COORDINATOR_PER_TASK), cell(step, Metric.CPU_COORDINATOR_SYSTEM_PER_TASK),
                    cell(step, Metric.CPU_WORKER_PER_TASK), cell(step, Metric.CPU_WORKER_SYSTEM_PER_TASK),
                    cell(step, Metric.CPU_INLINE_PER_TASK), cell(step, Metric.CPU_OFFLOAD_TAX),
                    cell(step, Metric.CPU_COORDINATOR_CORES), cell(step, Metric.EFFICIENCY),
                    cell(step, Metric.EFFICIENCY_AVAILABLE)));
        }
        String csv = Context.recordsCsv(ctx.data().records().stream()
                .filter(r -> SUITES.contains(r.suite()) && r.metric().startsWith("cpu-")).toList())
                .write(ctx.reportDir(), "cpu-per-task");
        return new Block(null, null, table, "Coordinator: the load generator's thread for in-process models (the "
                + "workers are the rest of this JVM), this whole JVM for out-of-process ones (the workers are their "
                + "processes, descendants and nginx). Kernel: system time on their behalf. Inline: the same input run "
                + "on one thread, in its CPU time. Offload tax = coordinator + workers − inline. Scaling rows at "
                + "workers = cores (" + cores + "); every worker count is in the CSV. Efficiency per available core "
                + "divides the speedup by min(N, cores − coordinator cores): the cores the workers had. /proc counts "
                + "10 ms ticks, so a short step's worker figure is coarse.", csv);
    }

    private static Cell cell(List<SummaryRecord> step, Metric metric) {
        return step.stream().filter(r -> r.metric().equals(metric.id())).findFirst().map(Fmt::figure)
                .orElse(Cell.num("–"));
    }

    private static Optional<Block> projectionBlock(Context ctx, String workload, int cores) throws IOException {
        if (cores < 1) {
            return Optional.empty();
        }
        List<Series> projected = new ArrayList<>();
        List<Series> measured = new ArrayList<>();
        List<String> headers = new ArrayList<>(List.of("model", "from", "measured at " + cores + " cores"));
        CoreProjection.CORES.forEach(n -> headers.add(n + " cores"));
        headers.add("limit at " + CoreProjection.CORES.get(CoreProjection.CORES.size() - 1));
        Table table = new Table(workload + ": projected saturated throughput (ops/s)", headers);
        Csv csv = new Csv("model", "workload", "basisSuite", "coordinatorMicros", "workerMicros", "cores",
                "projectedThroughput", "limit", "usl");
        for (Basis b : bases(ctx.data(), workload, cores)) {
            Optional<UslFit> usl = uslWithinCores(ctx.data(), b.model(), workload, cores);
            CoreProjection p = b.projection(usl);
            List<Double> xs = new ArrayList<>();
            List<Double> ys = new ArrayList<>();
            List<Cell> row = new ArrayList<>(List.of(Cell.text(b.model()), Cell.text(b.suite()),
                    Cell.num(Fmt.num(b.measuredThroughput()))));
            // the line also passes through this machine: its projection there beside the dot measured there
            java.util.TreeSet<Integer> drawn = new java.util.TreeSet<>(CoreProjection.CORES);
            drawn.add(cores);
            for (int n : drawn) {
                xs.add((double) n);
                ys.add(p.at(n).throughput());
            }
            CoreProjection.Point last = null;
            for (CoreProjection.Point point : p.atEachOf(CoreProjection.CORES)) {
                row.add(Cell.num(Fmt.num(point.throughput())));
                csv.row(b.model(), workload, b.suite(), b.coordinatorMicros(), b.workerMicros(), point.cores(),
                        point.throughput(), point.limit().name(), usl.isPresent());
                last = point;
            }
            row.add(Cell.text(last.limit().meaning()));
            table.add(row);
            projected.add(new Series(b.model() + " (projected)", xs, ys, ctx.colorOf(b.model()), true, false));
            if (b.measuredThroughput() != null) {
                measured.add(new Series(b.model() + " (measured)", List.of((double) cores),
                        List.of(b.measuredThroughput()), ctx.colorOf(b.model()), false, true));
            }
        }
        if (table.isEmpty()) {
            return Optional.empty();
        }
        String name = "cpu-projection-" + Fmt.fileName(workload);
        String csvPath = csv.write(ctx.reportDir(), name);
        ChartImage chart = ProjectionChart.write(ctx.reportDir(), name, projected, measured);
        return Optional.of(new Block(workload + ": saturated throughput projected to more cores",
                Figure.of(chart, "Projected saturated throughput against cores for " + workload, csvPath), table,
                CoreProjection.assumptions() + " Dots: measured here at " + cores + " cores; each dashed line starts "
                        + "with its projection for this machine, so the gap to its dot shows how well the CPU costs "
                        + "explain the measured throughput."));
    }

    /**
     * Per model, the step its projection comes from: the scaling suite at workers = cores, else the latency
     * suite's max-rate probe, else the responsiveness suite's load.
     */
    public static List<Basis> bases(RunData data, String workload, int cores) {
        Map<String, Basis> byModel = new LinkedHashMap<>();
        for (String suite : SUITES) {
            for (SummaryRecord c : data.select(suite, Metric.CPU_COORDINATOR_PER_TASK.id())) {
                if (!c.workload().equals(workload) || byModel.containsKey(c.model())
                        || (suite.equals("scaling") && Context.paramLong(c, "workers") != cores)) {
                    continue;
                }
                Optional<SummaryRecord> w = Context.find(data.records(), c.model(), workload,
                        Metric.CPU_WORKER_PER_TASK.id(), c.params()).filter(r -> r.suite().equals(suite));
                if (w.isEmpty() || c.value() + w.get().value() <= 0) {
                    continue;
                }
                String throughputMetric = suite.equals("scaling") ? Metric.THROUGHPUT.id() : Metric.MAX_RATE.id();
                Double throughput = data.select(suite, throughputMetric).stream()
                        .filter(r -> r.model().equals(c.model()) && r.workload().equals(workload)
                                && r.params().equals(c.params()))
                        .findFirst().map(SummaryRecord::value).orElse(null);
                byModel.put(c.model(), new Basis(c.model(), workload, suite, c.params(), Math.max(0, c.value()),
                        Math.max(0, w.get().value()), throughput));
            }
        }
        return List.copyOf(byModel.values());
    }

    /**
     * A USL fit from the scaling suite's throughput at worker counts up to the machine's cores only: past
     * them the cores, not the model, bound the throughput, and a fit through those points would project the
     * small machine's ceiling onto the big one.
     */
    static Optional<UslFit> uslWithinCores(RunData data, String model, String workload, int cores) {
        TreeMap<Long, Double> points = new TreeMap<>();
        for (SummaryRecord r : data.select(SuiteNames.SCALING, Metric.THROUGHPUT.id())) {
            if (r.model().equals(model) && r.workload().equals(workload) && r.param("workers") != null) {
                long n = Context.paramLong(r, "workers");
                if (n <= cores) {
                    points.put(n, r.value());
                }
            }
        }
        return UslFit.fit(points.keySet().stream().mapToDouble(Long::doubleValue).toArray(),
                points.values().stream().mapToDouble(Double::doubleValue).toArray());
    }

    /**
     * The hook for checking a projection: this run's CPU costs projected to the bigger run's cores, against
     * the throughput the bigger run measured at workers = its cores (scaling suite), model by model.
     * {@code bench compare} of a small and a big machine's runs can show it; the ratio reads as
     * {@link CoreProjection#ratioOf}.
     */
    public static Table projectionCheck(RunData here, RunData bigger) {
        int hereCores = here.run().environment() == null ? 0 : here.run().environment().cores();
        int bigCores = bigger.run().environment() == null ? 0 : bigger.run().environment().cores();
        Table table = new Table("Projection from " + hereCores + " cores checked on " + bigCores + " cores",
                List.of("model", "workload", "projected (ops/s)", "measured (ops/s)", "measured / projected", "limit"));
        if (hereCores < 1 || bigCores < 1) {
            return table;
        }
        for (SummaryRecord m : bigger.select(SuiteNames.SCALING, Metric.THROUGHPUT.id())) {
            if (m.param("workers") == null || Context.paramLong(m, "workers") != bigCores) {
                continue;
            }
            for (Basis b : bases(here, m.workload(), hereCores)) {
                if (b.model().equals(m.model())) {
                    CoreProjection p = b.projection(uslWithinCores(here, b.model(), b.workload(), hereCores));
                    CoreProjection.Point point = p.at(bigCores);
                    table.add(List.of(Cell.text(b.model()), Cell.text(b.workload()),
                            Cell.num(Fmt.num(point.throughput())), Fmt.figure(m),
                            Cell.num(Fmt.factor(p.ratioOf(m.value(), bigCores))), Cell.text(point.limit().meaning())));
                }
            }
        }
        return table;
    }
}
