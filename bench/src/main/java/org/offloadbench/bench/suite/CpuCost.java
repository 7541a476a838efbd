package org.offloadbench.bench.suite;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.offloadbench.bench.rig.PreparedInput;
import org.offloadbench.bench.rig.SuiteContext;
import org.offloadbench.core.measure.SampleStats;
import org.offloadbench.core.measure.cpu.CpuAccountant;
import org.offloadbench.core.measure.cpu.CpuPerTask;
import org.offloadbench.core.measure.cpu.CpuTimes;
import org.offloadbench.core.measure.cpu.CpuUsage;
import org.offloadbench.core.measure.cpu.InlineCost;
import org.offloadbench.core.offload.Offloader;
import org.offloadbench.core.result.Metric;

/**
 * CPU cost per task of a saturated step: what the coordinator and the workers spent per completed task
 * ({@link CpuAccountant}), the workload's own cost run inline on one thread ({@link InlineCost}), and the
 * offload tax between them. One instance per suite run; it notes once when this machine cannot measure CPU.
 */
final class CpuCost {
    /** CPU time the inline run warms up over, then measures over: the JIT has compiled the workload by then. */
    static final long INLINE_WARM_UP_CPU_NANOS = TimeUnit.MILLISECONDS.toNanos(300);
    static final long INLINE_MEASURE_CPU_NANOS = TimeUnit.MILLISECONDS.toNanos(300);
    static final long INLINE_MAX_TASKS = 1_000_000;
    /**
     * /proc counts a process's CPU in ticks of 10 ms, so each worker process must have run at least this many
     * ticks in a window for its per-task figure to be within about 10 %; a shorter window is not recorded.
     */
    static final long MIN_TICKS_PER_WORKER_PROCESS = 10;
    private static final long TICK_NANOS = TimeUnit.SECONDS.toNanos(1) / 100;
    /** Inline costs are a property of the workload and input, the same for every suite of a run. */
    private static final Map<String, Double> INLINE_NANOS = new ConcurrentHashMap<>();

    private final SuiteContext ctx;
    private final CpuAccountant accountant;
    private boolean notedUnmeasurable;
    private int tooShort;

    CpuCost(SuiteContext ctx, CpuAccountant accountant) {
        this.ctx = ctx;
        this.accountant = accountant;
    }

    static CpuCost of(SuiteContext ctx) {
        return new CpuCost(ctx, CpuAccountant.ofThisMachine());
    }

    /** Starts a window with the calling thread as the coordinator's load generator. */
    CpuAccountant.Window start(Offloader offloader) {
        return start(offloader, Thread.currentThread());
    }

    @SuppressWarnings("deprecation") // Thread.getId: threadId() is JDK 19+, this is built for 17
    CpuAccountant.Window start(Offloader offloader, Thread loadGenerator) {
        return accountant.start(List.of(loadGenerator.getId()), offloader::workerPids);
    }

    /** The workload's inline CPU per task in nanoseconds, measured once per workload and input size. */
    double inlineNanos(PreparedInput input) {
        return INLINE_NANOS.computeIfAbsent(input.workload().id() + "@" + input.payloadBytes(),
                key -> InlineCost.ofThisThread().measure(input.workload(), input.input(), INLINE_WARM_UP_CPU_NANOS,
                        INLINE_MEASURE_CPU_NANOS, INLINE_MAX_TASKS).cpuNanosPerTask());
    }

    /** One window and the tasks completed in it. */
    record Sample(CpuUsage usage, long completed) {
    }

    /**
     * Records the per-task figures of one or more windows of the same step (one sample each, so several give
     * an interval). Nothing when the windows were not measurable; a note says why, once per suite.
     *
     * @return the mean cores the coordinator kept busy, or -1 when not measurable
     */
    double record(String model, PreparedInput input, Map<String, String> params, List<Sample> samples) {
        if (samples.size() > 1 && samples.stream().allMatch(x -> x.usage().measurable())
                && samples.stream().anyMatch(CpuCost::tooFewTicks)) {
            // each window alone is too short for /proc's ticks (quick's short iterations): the step's windows
            // together are one figure (no interval), rather than none
            samples = List.of(pooled(samples));
        }
        List<CpuPerTask> perTask = new ArrayList<>();
        List<Double> coordinatorCores = new ArrayList<>();
        for (Sample s : samples) {
            if (!s.usage().measurable()) {
                if (!notedUnmeasurable) {
                    notedUnmeasurable = true;
                    ctx.note(ctx.suite() + ": no CPU-per-task figures: " + s.usage().notMeasurable());
                }
                return -1;
            }
            if (tooFewTicks(s)) {
                if (tooShort++ == 0) {
                    ctx.note(ctx.suite() + " " + model + " " + input.workload().id() + " " + params + ": no CPU-per-task"
                            + " figures: its worker processes ran " + s.usage().workers().totalNanos() / 1_000_000
                            + " ms of CPU in the window, too few of /proc's 10 ms ticks (at least "
                            + MIN_TICKS_PER_WORKER_PROCESS + " per process) for a per-task figure; a longer step"
                            + " (--time-scale) gives one (later steps like this are not noted again)");
                }
                return -1;
            }
            if (s.completed() > 0) {
                perTask.add(s.usage().perTask(s.completed()));
                coordinatorCores.add(s.usage().coordinatorCores());
            }
        }
        if (perTask.isEmpty()) {
            return -1;
        }
        double inline = inlineNanos(input);
        String suite = ctx.suite();
        String workload = input.workload().id();
        ctx.sink().add(suite, model, workload, params, Metric.CPU_COORDINATOR_PER_TASK,
                micros(perTask, CpuPerTask::coordinatorNanos));
        ctx.sink().add(suite, model, workload, params, Metric.CPU_COORDINATOR_SYSTEM_PER_TASK,
                micros(perTask, CpuPerTask::coordinatorSystemNanos));
        ctx.sink().add(suite, model, workload, params, Metric.CPU_WORKER_PER_TASK,
                micros(perTask, CpuPerTask::workerNanos));
        ctx.sink().add(suite, model, workload, params, Metric.CPU_WORKER_SYSTEM_PER_TASK,
                micros(perTask, CpuPerTask::workerSystemNanos));
        ctx.sink().add(suite, model, workload, params, Metric.CPU_OFFLOAD_TAX,
                micros(perTask, p -> p.offloadTaxNanos(inline)));
        ctx.sink().add(suite, model, workload, params, Metric.CPU_INLINE_PER_TASK, inline / 1000.0, 1);
        SampleStats cores = SampleStats.of(coordinatorCores.stream().mapToDouble(d -> d).toArray());
        ctx.sink().add(suite, model, workload, params, Metric.CPU_COORDINATOR_CORES, cores);
        return cores.mean();
    }

    /** Whether a window's worker processes ran too few of /proc's 10 ms ticks for a per-task figure. */
    static boolean tooFewTicks(Sample s) {
        return s.usage().workersOutOfProcess() && s.usage().workers().totalNanos()
                < MIN_TICKS_PER_WORKER_PROCESS * TICK_NANOS * Math.max(1, s.usage().workerProcesses());
    }

    /** The windows of one step as one window: CPU, wall time and completed tasks summed. */
    static Sample pooled(List<Sample> samples) {
        CpuTimes coordinator = CpuTimes.ZERO;
        CpuTimes workers = CpuTimes.ZERO;
        long wallNanos = 0;
        long completed = 0;
        int processes = 0;
        for (Sample s : samples) {
            coordinator = coordinator.plus(s.usage().coordinator());
            workers = workers.plus(s.usage().workers());
            wallNanos += s.usage().wallNanos();
            completed += s.completed();
            processes = Math.max(processes, s.usage().workerProcesses());
        }
        return new Sample(new CpuUsage(coordinator, workers, wallNanos, samples.get(0).usage().workersOutOfProcess(),
                processes, null), completed);
    }

    private static SampleStats micros(List<CpuPerTask> perTask, java.util.function.ToDoubleFunction<CpuPerTask> f) {
        return SampleStats.of(perTask.stream().mapToDouble(p -> f.applyAsDouble(p) / 1000.0).toArray());
    }
}
