package org.offloadbench.bench.suite;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
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
        return ctx.plan().models().size() * ctx.plan().cpuWorkloads().size() * ctx.plan().workerCounts().size();
    }

    @Override
    public long estimateSeconds(SuiteContext ctx) {
        ProfileSettings s = ctx.plan().settings();
        // a warm-up settles in a few windows for threads and takes longer for child JVMs: guess twice the minimum
        double perStep = 0.3 + (2.0 * s.scalingWarmupMillis() + s.scalingIterations() * (double) s.scalingIterationMillis()) / 1000;
        return Math.round(steps(ctx) * perStep);
    }

    @Override
    public void run(SuiteContext ctx) throws Exception {
        ProfileSettings s = ctx.plan().settings();
        CpuCost cpu = CpuCost.of(ctx);
        for (String model : ctx.plan().models()) {
            for (String workloadId : ctx.plan().cpuWorkloads()) {
                PreparedInput input = ctx.prepare(workloadId, ctx.catalogue().get(workloadId).defaultPayloadBytes());
                SampleStats one = null;
                for (int workers : ctx.plan().workerCounts()) {
                    ctx.checkStop();
                    ctx.progress().step(model + " " + workloadId + " workers=" + workers);
                    SampleStats stats;
                    Map<String, String> params = Map.of("workers", Integer.toString(workers));
                    double coordinatorCores;
                    try {
                        Measured measured = measure(ctx, cpu, model, input, workers, s, params);
                        stats = measured.throughput();
                        coordinatorCores = measured.coordinatorCores();
                    } catch (InterruptedException e) {
                        throw e;
                    } catch (RuntimeException e) {
                        ctx.checkStop();
                        ctx.failed(model + " " + workloadId + " workers=" + workers, e);
                        continue;
                    }
                    ctx.sink().add(name(), model, workloadId, params, Metric.THROUGHPUT, stats);
                    if (workers == 1) {
                        one = stats;
                    }
                    if (one != null) {
                        recordSpeedup(ctx, model, workloadId, params, workers, stats, one);
                        recordAvailableEfficiency(ctx, model, workloadId, params, workers, stats, one, coordinatorCores);
                    }
                }
            }
        }
    }

    /** A step's throughput and the cores its coordinator kept busy (-1 when not measurable). */
    private record Measured(SampleStats throughput, double coordinatorCores) {
    }

    private Measured measure(SuiteContext ctx, CpuCost cpu, String model, PreparedInput input, int workers,
                             ProfileSettings s, Map<String, String> params) throws InterruptedException {
        Offloader offloader = ctx.open(model, workers);
        try {
            // the cap comes from the unshrunk profile (as in the latency suite): a run of eleven models must not
            // give a child JVM less time to compile its request path (standard: 4 s, not 2.2 s; quick keeps 1.5 s)
            Saturation.WarmUp warmUp = Saturation.warmUp(ctx.clock(), offloader, input, workers,
                    Saturation.warmUpWindowMillis(s.scalingIterationMillis()), s.scalingWarmupMillis(),
                    Saturation.warmUpCapMillis(ctx.plan().unshrunkSettings().scalingWarmupMillis()));
            if (!warmUp.steady()) {
                ctx.note(warmUp.unsettledWarning(name() + " " + model + " " + input.workload().id() + " workers=" + workers));
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
        } finally {
            ctx.close(offloader);
        }
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
