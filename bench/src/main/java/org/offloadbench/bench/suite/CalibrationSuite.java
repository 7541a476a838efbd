package org.offloadbench.bench.suite;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import org.offloadbench.bench.calibration.FloorFigures;
import org.offloadbench.bench.calibration.NativeProbes;
import org.offloadbench.bench.rig.SuiteContext;
import org.offloadbench.core.offload.FloorTransport;
import org.offloadbench.core.offload.WaitDiscipline;
import org.offloadbench.core.result.EnvironmentCapture;
import org.offloadbench.core.result.Metric;
import org.offloadbench.core.result.SummaryRecord;

/**
 * What can this machine do at best? Small C programs measure memcpy bandwidth at the copy suite's sizes and
 * the round trip of a 64-byte hand-off through every transport a model uses (a thread hand-off, a pipe, a
 * Unix socket, TCP loopback, shared memory between processes), each in both wait disciplines: blocking
 * (read, futex) and spinning (a busy-polled non-blocking channel, a polled flag), and blocking once more with
 * both sides pinned to one CPU: on a VM a wake-up of an idle other vCPU costs several times a context switch
 * (measured here: thread hand-off 24 us p50 free, 6-9 us on one CPU), and a parked model's threads land either
 * way, so its floor is the lower of the two placements. Each probe times every round
 * trip and runs several repetitions, so a floor has a mean, p50, p99, an interval and its CPU per round trip,
 * like the models it bounds. For the copy suite, an echo through a pipe and through shared memory at every
 * copy size (every byte crosses twice), blocking, and spinning up to {@link #SPIN_ECHO_MAX_BYTES}. The
 * report holds each model against the floor of its own transport and discipline. Without gcc the suite is
 * skipped and says why.
 */
public final class CalibrationSuite implements Suite {
    public static final String MODEL = "native";
    /** Above this an echo is a copy, not a wake-up: spinning on a 64 KiB pipe buffer only adds noise. */
    static final int SPIN_ECHO_MAX_BYTES = 1 << 20;
    static final List<String> ECHO_PROBES = List.of(FloorTransport.PIPE.label(), FloorTransport.SHARED_MEMORY.label());
    private static final List<WaitDiscipline> DISCIPLINES = List.of(WaitDiscipline.PARK, WaitDiscipline.SPIN);
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
        return "what can this machine do at best? (C memcpy; thread, pipe, unix socket, TCP, shm round trips, "
                + "blocking and spinning)";
    }

    @Override
    public Optional<String> skipReason(SuiteContext ctx) {
        return gcc.get().isPresent() ? Optional.empty()
                : Optional.of("gcc not found on the PATH: no native floors (install gcc to get them)");
    }

    @Override
    public int steps(SuiteContext ctx) {
        return 1 + NativeProbes.ROUND_TRIP.size() * (DISCIPLINES.size() + 1) + ECHO_PROBES.size();
    }

    @Override
    public long estimateSeconds(SuiteContext ctx) {
        NativeProbes.Budget rt = roundTripBudget(ctx);
        NativeProbes.Budget echo = echoBudget(ctx);
        // each discipline, and park once more with both sides on one CPU
        double roundTrips = NativeProbes.ROUND_TRIP.size() * (DISCIPLINES.size() + 1) * rt.repetitions() * rt.maxMillis();
        double echoes = ECHO_PROBES.size() * 1.5 * ctx.plan().payloadSizes().size() * echo.repetitions()
                * echo.maxMillis();
        return 2 + Math.round((roundTrips + echoes) / 1000.0);
    }

    /** The 64-byte round trips: count and time per repetition (scaled by --time-scale), and repetitions. */
    static NativeProbes.Budget roundTripBudget(SuiteContext ctx) {
        return (switch (ctx.plan().profile()) {
            case QUICK -> new NativeProbes.Budget(5_000, 200, 3); // 5,000 parked 64 B round trips take ~120 ms here
            case STANDARD -> new NativeProbes.Budget(20_000, 1_000, 5);
            case FULL -> new NativeProbes.Budget(100_000, 2_000, 10);
        }).scaled(ctx.plan().timeScale());
    }

    private static NativeProbes.Budget echoBudget(SuiteContext ctx) {
        return (switch (ctx.plan().profile()) {
            case QUICK -> new NativeProbes.Budget(2_000, 150, 3);
            case STANDARD -> new NativeProbes.Budget(5_000, 300, 3);
            case FULL -> new NativeProbes.Budget(20_000, 600, 5);
        }).scaled(ctx.plan().timeScale());
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
        memcpy(ctx, probes, memcpyArgs);
        for (String probe : NativeProbes.ROUND_TRIP) {
            Optional<Path> binary = compile(ctx, probes, probe);
            for (WaitDiscipline wait : DISCIPLINES) {
                ctx.checkStop();
                ctx.progress().step(probe + " round trip, " + wait.label() + ", " + OverheadSuite.PAYLOAD_BYTES + "B");
                if (binary.isPresent()) {
                    roundTrip(ctx, probes, binary.get(), wait, NativeProbes.FREE, OverheadSuite.PAYLOAD_BYTES,
                            roundTripBudget(ctx));
                }
            }
            ctx.checkStop();
            ctx.progress().step(probe + " round trip, park, both sides on one CPU, " + OverheadSuite.PAYLOAD_BYTES + "B");
            if (binary.isPresent()) {
                roundTrip(ctx, probes, binary.get(), WaitDiscipline.PARK, NativeProbes.ONE_CPU,
                        OverheadSuite.PAYLOAD_BYTES, roundTripBudget(ctx));
            }
        }
        for (String probe : ECHO_PROBES) {
            ctx.checkStop();
            ctx.progress().step(probe + " echo, " + ctx.plan().payloadSizes().size() + " sizes");
            Optional<Path> binary = compile(ctx, probes, probe);
            for (int size : ctx.plan().payloadSizes()) {
                for (WaitDiscipline wait : DISCIPLINES) {
                    // 64 B is measured above; a spinning echo of a large payload measures the pipe buffer
                    boolean wanted = size != OverheadSuite.PAYLOAD_BYTES
                            && (wait == WaitDiscipline.PARK || size <= SPIN_ECHO_MAX_BYTES);
                    if (binary.isPresent() && wanted) {
                        ctx.checkStop();
                        roundTrip(ctx, probes, binary.get(), wait, NativeProbes.FREE, size, echoBudget(ctx));
                    }
                }
            }
        }
    }

    private static Optional<Path> compile(SuiteContext ctx, NativeProbes probes, String probe) throws Exception {
        NativeProbes.Result<Path> binary = probes.compile(probe);
        if (!binary.ok()) {
            ctx.failed(probe, new IllegalStateException(binary.error()));
            return Optional.empty();
        }
        return Optional.of(binary.value());
    }

    private void roundTrip(SuiteContext ctx, NativeProbes probes, Path binary, WaitDiscipline wait, String placement,
                           int payloadBytes, NativeProbes.Budget budget) throws Exception {
        NativeProbes.Result<List<NativeProbes.Repetition>> reps = probes.runRoundTrip(binary, wait, placement,
                payloadBytes, budget);
        ctx.checkStop();
        if (!reps.ok()) {
            ctx.failed(binary.getFileName() + " " + wait.label() + " " + placement,
                    new IllegalStateException(reps.error()));
            return;
        }
        FloorFigures.of(name(), MODEL, reps.value(), Map.of()).forEach(ctx.sink()::add);
    }

    private void memcpy(SuiteContext ctx, NativeProbes probes, List<String> args) throws Exception {
        Optional<Path> binary = compile(ctx, probes, NativeProbes.MEMCPY);
        if (binary.isEmpty()) {
            return;
        }
        NativeProbes.Result<List<NativeProbes.Figure>> figures = probes.run(binary.get(), args);
        ctx.checkStop();
        if (!figures.ok()) {
            ctx.failed(NativeProbes.MEMCPY, new IllegalStateException(figures.error()));
            return;
        }
        for (NativeProbes.Figure f : figures.value()) {
            Map<String, String> params = new LinkedHashMap<>();
            params.put("probe", f.probe());
            params.put("payloadBytes", Integer.toString(f.payloadBytes()));
            String unit = Metric.byId(f.metric())
                    .orElseThrow(() -> new IllegalStateException(NativeProbes.MEMCPY + " printed unknown metric "
                            + f.metric())).unit();
            ctx.sink().add(new SummaryRecord(name(), MODEL, "-", params, f.metric(), f.value(), unit, null, null, f.n()));
        }
    }
}
