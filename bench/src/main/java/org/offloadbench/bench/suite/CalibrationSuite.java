package org.offloadbench.bench.suite;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import org.offloadbench.bench.calibration.NativeProbes;
import org.offloadbench.bench.rig.SuiteContext;
import org.offloadbench.core.result.EnvironmentCapture;
import org.offloadbench.core.result.SummaryRecord;

/**
 * What can this machine do at best? Small C programs measure memcpy bandwidth at the copy suite's sizes and
 * the round trip of a 64-byte hand-off over a pipe, a Unix socket, TCP loopback, a shared-memory spin and a
 * futex hand-off, all between two processes. The report draws them as floor lines on the overhead and copy
 * charts. Without gcc the suite is skipped and says why.
 */
public final class CalibrationSuite implements Suite {
    public static final String MODEL = "native";
    private final Supplier<Optional<String>> gcc;

    public CalibrationSuite() {
        this(EnvironmentCapture::gccVersion);
    }

    /** @param gcc the gcc version, or empty when there is none (injectable for tests) */
    public CalibrationSuite(Supplier<Optional<String>> gcc) {
        this.gcc = gcc;
    }

    @Override
    public String name() {
        return "calibration";
    }

    @Override
    public String question() {
        return "what can this machine do at best? (C memcpy, pipe, unix socket, TCP, shm spin, futex floors)";
    }

    @Override
    public Optional<String> skipReason(SuiteContext ctx) {
        return gcc.get().isPresent() ? Optional.empty()
                : Optional.of("gcc not found on the PATH: no native floors (install gcc to get them)");
    }

    @Override
    public int steps(SuiteContext ctx) {
        return 1 + NativeProbes.ROUND_TRIP.size();
    }

    @Override
    public long estimateSeconds(SuiteContext ctx) {
        return 2L * steps(ctx);
    }

    /** Round trips per probe: enough for a stable mean, bounded by the probes' own 20 s alarm. */
    private static long iterations(SuiteContext ctx) {
        return switch (ctx.plan().profile()) {
            case QUICK -> 5_000;
            case STANDARD -> 50_000;
            case FULL -> 200_000;
        };
    }

    @Override
    public void run(SuiteContext ctx) throws Exception {
        Path work = ctx.resolve("calibration");
        NativeProbes probes = new NativeProbes(work, ctx.resources()::track);
        probes.extract();
        ctx.progress().step("memcpy " + ctx.plan().payloadSizes().size() + " sizes");
        List<String> memcpyArgs = new ArrayList<>();
        memcpyArgs.add(Long.toString(Math.max(20, ctx.plan().settings().jmhIterationMillis())));
        ctx.plan().payloadSizes().forEach(s -> memcpyArgs.add(Integer.toString(s)));
        measure(ctx, probes, NativeProbes.MEMCPY, memcpyArgs);
        for (String probe : NativeProbes.ROUND_TRIP) {
            ctx.checkStop();
            ctx.progress().step(probe + " round trip, 64B");
            measure(ctx, probes, probe, List.of(Integer.toString(OverheadSuite.PAYLOAD_BYTES),
                    Long.toString(iterations(ctx))));
        }
    }

    private void measure(SuiteContext ctx, NativeProbes probes, String probe, List<String> args) throws Exception {
        NativeProbes.Result<Path> binary = probes.compile(probe);
        if (!binary.ok()) {
            ctx.failed(probe, new IllegalStateException(binary.error()));
            return;
        }
        NativeProbes.Result<List<NativeProbes.Figure>> figures = probes.run(binary.value(), args);
        ctx.checkStop();
        if (!figures.ok()) {
            ctx.failed(probe, new IllegalStateException(figures.error()));
            return;
        }
        for (NativeProbes.Figure f : figures.value()) {
            Map<String, String> params = new LinkedHashMap<>();
            params.put("probe", f.probe());
            params.put("payloadBytes", Integer.toString(f.payloadBytes()));
            String unit = org.offloadbench.core.result.Metric.byId(f.metric())
                    .orElseThrow(() -> new IllegalStateException(probe + " printed unknown metric " + f.metric()))
                    .unit();
            ctx.sink().add(new SummaryRecord(name(), MODEL, "-", params, f.metric(), f.value(), unit, null, null, f.n()));
        }
    }
}
