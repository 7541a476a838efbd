package org.offloadbench.bench.suite;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

import org.offloadbench.bench.plan.ProfileSettings;
import org.offloadbench.bench.rig.PreparedInput;
import org.offloadbench.bench.rig.SuiteContext;
import org.offloadbench.core.measure.ClosedLoopResult;
import org.offloadbench.core.measure.SampleStats;
import org.offloadbench.core.measure.cpu.CpuAccountant;
import org.offloadbench.core.offload.Offloader;
import org.offloadbench.core.result.Metric;
import org.offloadbench.core.result.SummaryRecord;

/**
 * How far does it scale? For each CPU workload and worker count, the model runs saturated (closed loop)
 * for a warm-up that lasts until its throughput is steady (see {@link Saturation#warmUp}), then several
 * measurement iterations; each iteration's throughput is one sample, so the
 * mean comes with a Student's t interval. Speedup and efficiency are relative to one worker of the same
 * model and workload; their intervals combine the two throughput intervals conservatively
 * (low = low(N) / high(1), high = high(N) / low(1)).
 */
public final class ScalingSuite implements Suite {

    @Override
    public String name() {
        return "scaling";
    }

    @Override
    public String question() {
        return "how far does it scale? (throughput vs workers, speedup, efficiency)";
    }

    @Override
    public Optional<String> skipReason(SuiteContext ctx) {
        return ctx.plan().cpuWorkloads().isEmpty() ? Optional.of("no workloads selected") : Optional.empty();
    }

    @Override
    public int steps(SuiteContext ctx) {
        int steps = 0;
        for (String model : ctx.models()) {
            for (String workloadId : ctx.plan().cpuWorkloads()) {
                steps += ctx.supports(model, workloadId) ? workerCounts(ctx, workloadId).size() : 0;
            }
        }
        return steps;
    }

    @Override
    public long estimateSeconds(SuiteContext ctx) {
        // per model and worker count: one instance (its declared start); a child JVM's pre-warm before the first
        // step; every other step's warm-up (the full cap on the first step of a model whose workers are threads of
        // the caller, the rewarm cap after that); each warm-up a share of its cap; then the measured iterations
        ProfileSettings s = ctx.plan().settings();
        long minWarmUp = ctx.plan().unshrunkSettings().scalingWarmupMillis();
        double preWarm = Saturation.preWarmCapMillis(minWarmUp, ctx.plan().unshrunkSettings().jmhPreWarmMaxMillis())
                / 1000.0;
        double firstWarmUp = Saturation.warmUpCapMillis(minWarmUp) / 1000.0;
        double rewarm = Saturation.rewarmCapMillis(minWarmUp) / 1000.0;
        double measured = Estimates.measuredSeconds(s.scalingIterations(), s.scalingIterationMillis());
        double seconds = 0;
        for (String model : ctx.models()) {
            boolean threads = Estimates.inCallersJvm(ctx, model);
            double share = Estimates.warmUpShare(ctx, model);
            for (int workers : allWorkerCounts(ctx)) {
                long steps = ctx.plan().cpuWorkloads().stream().filter(w -> workerCounts(ctx, w).contains(workers))
                        .count();
                seconds += Estimates.startSeconds(ctx, model, workers) + share * (threads ? firstWarmUp : preWarm)
                        + (steps - 1) * share * rewarm + steps * measured;
            }
        }
        return Math.round(seconds);
    }

    @Override
    public void run(SuiteContext ctx) throws Exception {
        ProfileSettings s = ctx.plan().settings();
        CpuCost cpu = CpuCost.of(ctx);
        Map<String, PreparedInput> inputs = new HashMap<>();
        for (String workloadId : ctx.plan().cpuWorkloads()) {
            inputs.put(workloadId, ctx.prepare(workloadId, ctx.catalogue().get(workloadId).defaultPayloadBytes()));
        }
        for (String model : ctx.models()) {
            Map<String, SampleStats> oneWorker = new HashMap<>();
            for (int workers : allWorkerCounts(ctx)) {
                // one model instance per worker count serves every workload measured at it: its workers (a
                // child JVM's request path, a cluster's) are warmed once, not once per workload, and only
                // one instance is alive at a time (an idle spinning worker would steal a core)
                Offloader offloader = null;
                boolean instanceWarm = false; // it has run saturated: a later workload warms up within the rewarm cap
                try {
                    for (String workloadId : ctx.plan().cpuWorkloads()) {
                        if (!workerCounts(ctx, workloadId).contains(workers) || !ctx.runs(model, workloadId)) {
                            continue;
                        }
                        ctx.checkStop();
                        ctx.progress().step(model + " " + workloadId + " workers=" + workers);
                        Map<String, String> params = Map.of("workers", Integer.toString(workers));
                        Measured measured;
                        try {
                            boolean preWarmed = false;
                            if (offloader == null) {
                                offloader = ctx.open(model, workers);
                                if (!inCallersJvm(ctx, model)) {
                                    preWarm(ctx, offloader, inputs.get(workloadId), workers, s);
                                    preWarmed = true; // with this very workload: it is this step's warm-up
                                }
                            }
                            measured = measure(ctx, cpu, model, offloader, inputs.get(workloadId), workers, s,
                                    params, preWarmed ? 0 : warmUpCapMillis(ctx, instanceWarm));
                            instanceWarm = true;
                        } catch (InterruptedException e) {
                            throw e;
                        } catch (RuntimeException | OutOfMemoryError | StackOverflowError e) {
                            // recorded for this model: the others still get their figures; the next workload
                            // gets a fresh instance, whatever state this failure left behind
                            ctx.checkStop();
                            ctx.failed(model + " " + workloadId + " workers=" + workers, e);
                            if (offloader != null) {
                                ctx.close(offloader);
                                offloader = null;
                                instanceWarm = false;
                            }
                            continue;
                        }
                        SampleStats stats = measured.throughput();
                        ctx.sink().add(name(), model, workloadId, params, Metric.THROUGHPUT, stats);
                        if (workers == 1) {
                            oneWorker.put(workloadId, stats);
                        }
                        SampleStats one = oneWorker.get(workloadId);
                        if (one != null) {
                            recordSpeedup(ctx, model, workloadId, params, workers, stats, one);
                            recordAvailableEfficiency(ctx, model, workloadId, params, workers, stats, one,
                                    measured.coordinatorCores());
                        }
                    }
                } finally {
                    if (offloader != null) {
                        ctx.close(offloader);
                    }
                }
            }
        }
    }

    /**
     * The full sweep for the plan's {@link org.offloadbench.bench.plan.RunPlan#sweepWorkloads}; one saturated
     * step at workers = cores for every other CPU workload, which is what its verdict compares.
     */
    static List<Integer> workerCounts(SuiteContext ctx, String workloadId) {
        return ctx.plan().sweepWorkloads().contains(workloadId) ? ctx.plan().workerCounts() : List.of(ctx.cores());
    }

    /** Whether a model's workers are threads of the caller's JVM (its traits say it shares the caller's process). */
    static boolean inCallersJvm(SuiteContext ctx, String model) {
        return ctx.registry().get(model).traits().isolation().startsWith("none");
    }

    /** Every worker count some workload is measured at, ascending (so a speedup's one-worker basis comes first). */
    static List<Integer> allWorkerCounts(SuiteContext ctx) {
        Set<Integer> counts = new TreeSet<>();
        for (String workloadId : ctx.plan().cpuWorkloads()) {
            counts.addAll(workerCounts(ctx, workloadId));
        }
        return List.copyOf(counts);
    }

    /**
     * A fresh out-of-process instance runs saturated until its throughput is steady, bounded by
     * {@link Saturation#preWarmCapMillis}, before its first measured step; the steps' own warm-ups then settle
     * in a few windows. One note per instance when it did not settle, not one per step.
     */
    private void preWarm(SuiteContext ctx, Offloader offloader, PreparedInput input, int workers, ProfileSettings s)
            throws InterruptedException {
        ProfileSettings unshrunk = ctx.plan().unshrunkSettings();
        Saturation.WarmUp warmUp = Saturation.warmUp(ctx.clock(), offloader, input, workers,
                Saturation.warmUpWindowMillis(s.scalingIterationMillis()), s.scalingWarmupMillis(),
                Saturation.preWarmCapMillis(unshrunk.scalingWarmupMillis(), unshrunk.jmhPreWarmMaxMillis()));
        if (!warmUp.steady()) {
            ctx.note(warmUp.unsettledWarning(name() + " " + offloader.name() + " " + input.workload().id()
                    + " workers=" + workers + " pre-warm"));
        }
    }

    /**
     * The most a step's warm-up may take: the full cap on an instance's first step (a model whose workers are
     * threads of the caller gets no pre-warm), the rewarm cap on one that has already run saturated. Both come
     * from the unshrunk profile (as in the latency suite): a run of many models must not give a child JVM less
     * time to compile its request path (standard: 4 s, not 2.2 s; quick 1.5 s).
     */
    static long warmUpCapMillis(SuiteContext ctx, boolean instanceWarm) {
        long min = ctx.plan().unshrunkSettings().scalingWarmupMillis();
        return instanceWarm ? Saturation.rewarmCapMillis(min) : Saturation.warmUpCapMillis(min);
    }

    /** A step's throughput and the cores its coordinator kept busy (-1 when not measurable). */
    private record Measured(SampleStats throughput, double coordinatorCores) {
    }

    private Measured measure(SuiteContext ctx, CpuCost cpu, String model, Offloader offloader, PreparedInput input,
                             int workers,
                             ProfileSettings s, Map<String, String> params, long warmUpCapMillis)
            throws InterruptedException {
        if (warmUpCapMillis > 0) {
            Saturation.WarmUp warmUp = Saturation.warmUp(ctx.clock(), offloader, input, workers,
                    Saturation.warmUpWindowMillis(s.scalingIterationMillis()), s.scalingWarmupMillis(),
                    warmUpCapMillis);
            if (!warmUp.steady()) {
                ctx.note(warmUp.unsettledWarning(name() + " " + offloader.name() + " " + input.workload().id()
                        + " workers=" + workers));
            }
        }
        double[] samples = new double[s.scalingIterations()];
        List<CpuCost.Sample> cpuSamples = new ArrayList<>();
        for (int i = 0; i < samples.length; i++) {
            ctx.checkStop();
            CpuAccountant.Window window = cpu.start(offloader);
            ClosedLoopResult iteration = Saturation.run(ctx.clock(), offloader, input, workers,
                    s.scalingIterationMillis());
            cpuSamples.add(new CpuCost.Sample(window.stop(), iteration.completed()));
            samples[i] = iteration.throughputPerSecond();
        }
        double coordinatorCores = cpu.record(model, input, params, cpuSamples);
        return new Measured(SampleStats.of(samples), coordinatorCores);
    }

    /**
     * Efficiency per core the workers actually had: on a machine where the coordinator keeps part of a core
     * busy, N workers on N cores share N - (its cores). Speedup over min(N, cores - coordinator cores); the
     * interval is the speedup's, scaled the same way. None when the coordinator was not measurable or left
     * the workers less than a tenth of a core.
     */
    private void recordAvailableEfficiency(SuiteContext ctx, String model, String workload, Map<String, String> params,
                                           int workers, SampleStats n, SampleStats one, double coordinatorCores) {
        double available = Math.min(workers, ctx.cores() - coordinatorCores);
        if (coordinatorCores < 0 || available < 0.1) {
            return;
        }
        double speedup = n.mean() / one.mean();
        boolean interval = n.hasInterval() && one.hasInterval() && one.ciHigh() > 0 && one.ciLow() > 0;
        ctx.sink().add(new SummaryRecord(name(), model, workload, params, Metric.EFFICIENCY_AVAILABLE.id(),
                100.0 * speedup / available, Metric.EFFICIENCY_AVAILABLE.unit(),
                interval ? 100.0 * n.ciLow() / one.ciHigh() / available : null,
                interval ? 100.0 * n.ciHigh() / one.ciLow() / available : null, Math.min(n.n(), one.n())));
    }

    private void recordSpeedup(SuiteContext ctx, String model, String workload, Map<String, String> params,
                               int workers, SampleStats n, SampleStats one) {
        double speedup = n.mean() / one.mean();
        Double low = n.hasInterval() && one.hasInterval() && one.ciHigh() > 0 ? n.ciLow() / one.ciHigh() : null;
        Double high = n.hasInterval() && one.hasInterval() && one.ciLow() > 0 ? n.ciHigh() / one.ciLow() : null;
        long samples = Math.min(n.n(), one.n());
        ctx.sink().add(new SummaryRecord(name(), model, workload, params, Metric.SPEEDUP.id(), speedup,
                Metric.SPEEDUP.unit(), low == null || high == null ? null : low, low == null || high == null ? null : high,
                samples));
        ctx.sink().add(new SummaryRecord(name(), model, workload, params, Metric.EFFICIENCY.id(),
                100.0 * speedup / workers, Metric.EFFICIENCY.unit(),
                low == null || high == null ? null : 100.0 * low / workers,
                low == null || high == null ? null : 100.0 * high / workers, samples));
    }
}
