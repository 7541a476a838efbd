package org.offloadbench.bench.suite;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.HdrHistogram.Histogram;
import org.offloadbench.bench.plan.RunPlan;
import org.offloadbench.bench.rig.PreparedInput;
import org.offloadbench.bench.rig.SuiteContext;
import org.offloadbench.core.measure.HiccupMeter;
import org.offloadbench.core.measure.HistogramLogs;
import org.offloadbench.core.offload.Offloader;
import org.offloadbench.core.result.Metric;

/**
 * Does the caller stay responsive? A jHiccup-style meter (1 ms sleeps, lateness recorded) runs on the
 * coordinator JVM, first with nothing else running ({@code baseline-idle}), then while each model is
 * saturated with the first CPU workload. In-process models compete with the caller for the same cores
 * and heap; out-of-process models mostly for the cores.
 */
public final class ResponsivenessSuite implements Suite {
    public static final String BASELINE = "baseline-idle";
    private static final long RESOLUTION_NANOS = TimeUnit.MILLISECONDS.toNanos(1);
    /** The saturating load starts this long before the meter so the meter sees steady state. */
    private static final long LEAD_IN_MILLIS = 100;

    /** One line of hiccup/index.json. */
    public record IndexEntry(String model, String workload, String file) {
    }

    @Override
    public String name() {
        return "responsiveness";
    }

    @Override
    public String question() {
        return "does the caller stay responsive? (hiccup meter while each model is saturated)";
    }

    @Override
    public Optional<String> skipReason(SuiteContext ctx) {
        return ctx.plan().cpuWorkloads().isEmpty() ? Optional.of("no workloads selected") : Optional.empty();
    }

    @Override
    public int steps(SuiteContext ctx) {
        return 1 + ctx.plan().models().size();
    }

    @Override
    public long estimateSeconds(SuiteContext ctx) {
        return Math.round(steps(ctx) * (0.4 + ctx.plan().settings().hiccupMillis() / 1000.0));
    }

    @Override
    public void run(SuiteContext ctx) throws Exception {
        List<IndexEntry> index = new ArrayList<>();
        String workloadId = ctx.plan().cpuWorkloads().get(0);
        long millis = ctx.plan().settings().hiccupMillis();
        try {
            ctx.progress().step(BASELINE);
            HiccupMeter idle = new HiccupMeter(ctx.clock(), RESOLUTION_NANOS);
            idle.start();
            try {
                ctx.sleep(java.time.Duration.ofMillis(millis));
            } finally {
                record(ctx, BASELINE, "-", idle.stop(), millis, index);
            }
            PreparedInput input = ctx.prepare(workloadId, ctx.catalogue().get(workloadId).defaultPayloadBytes());
            for (String model : ctx.plan().models()) {
                ctx.checkStop();
                ctx.progress().step(model + " saturated with " + workloadId);
                try {
                    Histogram hiccups = underLoad(ctx, model, input, millis);
                    record(ctx, model, workloadId, hiccups, millis, index);
                } catch (InterruptedException e) {
                    throw e;
                } catch (RuntimeException | OutOfMemoryError | StackOverflowError e) {
                    ctx.checkStop();
                    ctx.failed(model + " " + workloadId, e);
                }
            }
        } finally {
            ctx.writeJson("hiccup/index.json", index);
        }
    }

    private Histogram underLoad(SuiteContext ctx, String model, PreparedInput input, long millis)
            throws InterruptedException {
        int workers = ctx.cores();
        Offloader offloader = ctx.open(model, workers);
        AtomicReference<Throwable> loadFailure = new AtomicReference<>();
        Thread load = new Thread(() -> {
            try {
                Saturation.run(ctx.clock(), offloader, input, workers, millis + 2 * LEAD_IN_MILLIS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt(); // the suite is stopping; the meter's result is discarded
            } catch (RuntimeException | OutOfMemoryError | StackOverflowError e) {
                loadFailure.set(e);
            }
        }, "responsiveness-load");
        load.setDaemon(true);
        HiccupMeter meter = new HiccupMeter(ctx.clock(), RESOLUTION_NANOS);
        try {
            load.start();
            ctx.sleep(java.time.Duration.ofMillis(LEAD_IN_MILLIS));
            meter.start();
            ctx.sleep(java.time.Duration.ofMillis(millis));
            Histogram hiccups = meter.stop();
            load.join(TimeUnit.SECONDS.toMillis(60));
            if (load.isAlive()) {
                throw new IllegalStateException("the saturating load did not finish within 60 s");
            }
            if (loadFailure.get() != null) {
                throw new IllegalStateException("load failed: " + SuiteContext.oneLine(loadFailure.get()),
                        loadFailure.get());
            }
            return hiccups;
        } finally {
            meter.stop();
            load.interrupt();
            ctx.close(offloader);
            load.join(TimeUnit.SECONDS.toMillis(10));
        }
    }

    private void record(SuiteContext ctx, String model, String workload, Histogram h, long millis,
                        List<IndexEntry> index)
            throws IOException {
        long n = h.getTotalCount();
        if (n == 0) {
            throw new IllegalStateException("the hiccup meter recorded nothing for " + model);
        }
        ctx.sink().add(name(), model, workload, Map.of(), Metric.HICCUP_P99, h.getValueAtPercentile(99) / 1e6, n);
        ctx.sink().add(name(), model, workload, Map.of(), Metric.HICCUP_MAX, h.getMaxValue() / 1e6, n);
        String file = "hiccup/" + RunPlan.fileName(model) + ".hlog";
        try (HistogramLogs.Log log = HistogramLogs.open(ctx.resolve(file),
                "hiccups of the coordinator JVM, ns, " + model + (workload.equals("-") ? " idle" : " saturated with " + workload),
                System.currentTimeMillis() - millis)) {
            log.writer().outputIntervalHistogram(0.0, millis / 1000.0, h, HistogramLogs.MAX_VALUE_UNIT_RATIO);
        }
        index.add(new IndexEntry(model, workload, file));
    }
}
