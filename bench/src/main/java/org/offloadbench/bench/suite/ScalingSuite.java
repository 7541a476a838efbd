package org.offloadbench.bench.suite;

import java.util.Map;
import java.util.Optional;
import org.offloadbench.bench.plan.ProfileSettings;
import org.offloadbench.bench.rig.PreparedInput;
import org.offloadbench.bench.rig.SuiteContext;
import org.offloadbench.core.measure.SampleStats;
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
        for (String model : ctx.plan().models()) {
            for (String workloadId : ctx.plan().cpuWorkloads()) {
                PreparedInput input = ctx.prepare(workloadId, ctx.catalogue().get(workloadId).defaultPayloadBytes());
                SampleStats one = null;
                for (int workers : ctx.plan().workerCounts()) {
                    ctx.checkStop();
                    ctx.progress().step(model + " " + workloadId + " workers=" + workers);
                    SampleStats stats;
                    try {
                        stats = measure(ctx, model, input, workers, s);
                    } catch (InterruptedException e) {
                        throw e;
                    } catch (RuntimeException | OutOfMemoryError | StackOverflowError e) {
                        // recorded for this model: the others still get their figures
                        ctx.checkStop();
                        ctx.failed(model + " " + workloadId + " workers=" + workers, e);
                        continue;
                    }
                    Map<String, String> params = Map.of("workers", Integer.toString(workers));
                    ctx.sink().add(name(), model, workloadId, params, Metric.THROUGHPUT, stats);
                    if (workers == 1) {
                        one = stats;
                    }
                    if (one != null) {
                        recordSpeedup(ctx, model, workloadId, params, workers, stats, one);
                    }
                }
            }
        }
    }

    private SampleStats measure(SuiteContext ctx, String model, PreparedInput input, int workers,
                                ProfileSettings s) throws InterruptedException {
        Offloader offloader = ctx.open(model, workers);
        try {
            // the cap comes from the unshrunk profile (as in the latency suite): a run of eleven models must not
            // give a child JVM less time to compile its request path (standard: 4 s, not 2.2 s; quick keeps 1.5 s)
            Saturation.WarmUp warmUp = Saturation.warmUp(ctx.clock(), offloader, input, workers,
                    Saturation.warmUpWindowMillis(s.scalingIterationMillis()), s.scalingWarmupMillis(),
                    Saturation.warmUpCapMillis(ctx.plan().unshrunkSettings().scalingWarmupMillis()));
            if (!warmUp.steady()) {
                ctx.note(warmUp.unsettledNote(name() + " " + model + " " + input.workload().id() + " workers=" + workers));
            }
            double[] samples = new double[s.scalingIterations()];
            for (int i = 0; i < samples.length; i++) {
                ctx.checkStop();
                samples[i] = Saturation.run(ctx.clock(), offloader, input, workers, s.scalingIterationMillis())
                        .throughputPerSecond();
            }
            return SampleStats.of(samples);
        } finally {
            ctx.close(offloader);
        }
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
