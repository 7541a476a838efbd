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
import org.offloadbench.core.measure.ClosedLoopResult;
import org.offloadbench.core.measure.HiccupMeter;
import org.offloadbench.core.measure.cpu.CpuAccountant;
import org.offloadbench.core.measure.HistogramLogs;
import org.offloadbench.core.offload.Offloader;
import org.offloadbench.core.result.Metric;

/**
 * Does the caller stay responsive? A jHiccup-style meter (1 ms sleeps, lateness recorded) runs on the
 * coordinator JVM, first with nothing else running ({@code baseline-idle}), then while each model is
 * saturated with the first CPU workload. In-process models compete with the caller for the same cores
 * and heap; out-of-process models mostly for the cores. The saturating load also records the CPU cost per task
 * ({@link CpuCost}), its window on the load thread.
 */
public final class ResponsivenessSuite implements Suite {
    public static final String BASELINE = "baseline-idle";
    private static final long RESOLUTION_NANOS = TimeUnit.MILLISECONDS.toNanos(1);
    /** The saturating load starts this long before the meter so the meter sees steady state. */
    private static final long LEAD_IN_MILLIS = 100;
    /** One .hlog line per second, as jHiccup writes them (HistogramLogAnalyzer plots them over time)... */
    static final long INTERVAL_MILLIS = 1000;
    /** ...but at least this many lines in a short (quick profile) measurement, none under 100 ms. */
    static final int MIN_INTERVALS = 4;

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
        return 1 + ctx.models().size();
    }

    @Override
    public long estimateSeconds(SuiteContext ctx) {
        // the idle baseline, then per model: its start, the meter's run with the load's lead-in and lead-out,
        // the drain and the close
        double meter = ctx.plan().settings().hiccupMillis() / 1000.0;
        double seconds = meter;
        for (String model : ctx.models()) {
            seconds += 0.4 + meter + 2 * LEAD_IN_MILLIS / 1000.0 + Estimates.startSeconds(ctx, model, ctx.cores());
        }
        return Math.round(seconds);
    }

    @Override
    public void run(SuiteContext ctx) throws Exception {
        List<IndexEntry> index = new ArrayList<>();
        String workloadId = ctx.plan().cpuWorkloads().get(0);
        long millis = ctx.plan().settings().hiccupMillis();
        try {
            ctx.progress().step(BASELINE);
            HiccupMeter idle = new HiccupMeter(ctx.clock(), RESOLUTION_NANOS);
            long idleStartMillis = System.currentTimeMillis();
            idle.start();
            try {
                measure(ctx, idle, millis);
            } finally {
                record(ctx, BASELINE, "-", idle, idleStartMillis, index);
            }
            PreparedInput input = ctx.prepare(workloadId, ctx.catalogue().get(workloadId).defaultPayloadBytes());
            CpuCost cpu = CpuCost.of(ctx);
            for (String model : ctx.models()) {
                ctx.checkStop();
                ctx.progress().step(model + " saturated with " + workloadId);
                try {
                    long startMillis = System.currentTimeMillis();
                    HiccupMeter meter = underLoad(ctx, cpu, model, input, millis);
                    record(ctx, model, workloadId, meter, startMillis, index);
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

    /**
     * Lets the meter run for {@code millis}, closing an interval every {@link #intervalMillis}: the
     * .hlog becomes a time series, so a stall shows when it happened, not only that it did.
     */
    static void measure(SuiteContext ctx, HiccupMeter meter, long millis) throws InterruptedException {
        long interval = intervalMillis(millis);
        long left = millis;
        while (left > 0) {
            long chunk = Math.min(interval, left);
            ctx.sleep(java.time.Duration.ofMillis(chunk));
            left -= chunk;
            if (left > 0) {
                meter.takeInterval(); // the last interval is closed by stop()
            }
        }
    }

    /** The length of one .hlog interval for a measurement of {@code millis}. */
    static long intervalMillis(long millis) {
        return Math.max(100, Math.min(INTERVAL_MILLIS, millis / MIN_INTERVALS));
    }

    /** @return the stopped meter, its intervals and total ready to record */
    private HiccupMeter underLoad(SuiteContext ctx, CpuCost cpu, String model, PreparedInput input, long millis)
            throws InterruptedException {
        int workers = ctx.cores();
        Offloader offloader = ctx.open(model, workers);
        AtomicReference<Throwable> loadFailure = new AtomicReference<>();
        AtomicReference<CpuCost.Sample> cpuSample = new AtomicReference<>();
        Thread load = new Thread(() -> {
            try {
                // the window runs on the load thread: for in-process models it is the coordinator's thread
                CpuAccountant.Window window = cpu.start(offloader);
                ClosedLoopResult result = Saturation.run(ctx.clock(), offloader, input, workers,
                        millis + 2 * LEAD_IN_MILLIS);
                cpuSample.set(new CpuCost.Sample(window.stop(), result.completed()));
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
            measure(ctx, meter, millis);
            meter.stop();
            load.join(TimeUnit.SECONDS.toMillis(60));
            if (load.isAlive()) {
                throw new IllegalStateException("the saturating load did not finish within 60 s");
            }
            if (loadFailure.get() != null) {
                throw new IllegalStateException("load failed: " + SuiteContext.oneLine(loadFailure.get()),
                        loadFailure.get());
            }
            if (cpuSample.get() != null) {
                cpu.record(model, input, Map.of(), List.of(cpuSample.get()));
            }
            return meter;
        } finally {
            meter.stop();
            load.interrupt();
            ctx.close(offloader);
            load.join(TimeUnit.SECONDS.toMillis(10));
        }
    }

    /** Writes the summary figures and the .hlog (one line per interval) of a stopped meter. */
    private void record(SuiteContext ctx, String model, String workload, HiccupMeter meter, long startEpochMillis,
                        List<IndexEntry> index)
            throws IOException, InterruptedException {
        Histogram h = meter.stop();
        long n = h.getTotalCount();
        if (n == 0) {
            throw new IllegalStateException("the hiccup meter recorded nothing for " + model);
        }
        ctx.sink().add(name(), model, workload, Map.of(), Metric.HICCUP_P99, h.getValueAtPercentile(99) / 1e6, n);
        ctx.sink().add(name(), model, workload, Map.of(), Metric.HICCUP_MAX, h.getMaxValue() / 1e6, n);
        String file = "hiccup/" + RunPlan.fileName(model) + ".hlog";
        try (HistogramLogs.Log log = HistogramLogs.open(ctx.resolve(file),
                "hiccups of the coordinator JVM, ns, " + model + (workload.equals("-") ? " idle" : " saturated with " + workload),
                startEpochMillis)) {
            for (HiccupMeter.Interval interval : meter.intervals()) {
                log.writer().outputIntervalHistogram(interval.startNanos() / 1e9, interval.endNanos() / 1e9,
                        interval.histogram(), HistogramLogs.MAX_VALUE_UNIT_RATIO);
            }
        }
        index.add(new IndexEntry(model, workload, file));
    }
}
