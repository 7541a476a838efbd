package org.offloadbench.bench.calibration;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.offloadbench.core.offload.FloorTransport;
import org.offloadbench.core.offload.WaitDiscipline;

/**
 * The C programs behind the calibration suite, shipped as resources next to this class: each is compiled
 * with {@code gcc -O2} into the results folder. memcpy prints one line per size
 * ({@code probe=memcpy payloadBytes=64 metric=floor-bandwidth value=4.7 n=1464896}); each round-trip probe,
 * named after its {@link FloorTransport#label()}, takes {@code spin|park payloadBytes maxRoundTrips maxMillis
 * repetitions} and prints one line per repetition, from the individual round trips it timed:
 * {@code probe=pipe wait=spin payloadBytes=64 rep=0 n=2000 mean=5012.3 p50=4738 p99=8787 max=20153535 cpuNs=22290.6}
 * (cpuNs: the CPU time both sides used, per round trip).
 */
public final class NativeProbes {
    /** Round-trip probes, each a C file named after the transport it measures. */
    public static final List<String> ROUND_TRIP = List.of(FloorTransport.THREAD_HANDOFF.label(),
            FloorTransport.PIPE.label(), FloorTransport.UNIX_SOCKET.label(), FloorTransport.TCP.label(),
            FloorTransport.SHARED_MEMORY.label());
    public static final String MEMCPY = "memcpy";
    private static final List<String> SOURCES = List.of("common.h", "stream.h", "handoff.h", "memcpy.c", "pipe.c",
            "unix-socket.c", "tcp.c", "shared-memory.c", "thread-handoff.c");
    private static final long COMPILE_TIMEOUT_SECONDS = 60;
    private static final long RUN_TIMEOUT_SECONDS = 90;

    private final Path sourceDir;
    private final Path binDir;
    private final Consumer<Process> tracker;

    /** @param tracker told about every process started, so the rig can kill it on Ctrl-C */
    public NativeProbes(Path workDir, Consumer<Process> tracker) {
        this.sourceDir = workDir.resolve("src");
        this.binDir = workDir.resolve("bin");
        this.tracker = tracker;
    }

    /** One parsed output line of memcpy. */
    public record Figure(String probe, int payloadBytes, String metric, double value, long n) {
    }

    /**
     * One repetition of a round-trip probe, from the individual round trips it timed.
     *
     * @param discipline        spin or park ({@link WaitDiscipline#label()})
     * @param cpuNsPerRoundTrip CPU time of both sides (caller and worker, user and system) per round trip
     */
    public record Repetition(String probe, String discipline, int payloadBytes, int rep, long n, double meanNs, double p50Ns,
                             double p99Ns, double maxNs, double cpuNsPerRoundTrip, String placement) {

        /** A repetition whose two sides ran where the scheduler put them. */
        public Repetition(String probe, String discipline, int payloadBytes, int rep, long n, double meanNs,
                          double p50Ns, double p99Ns, double maxNs, double cpuNsPerRoundTrip) {
            this(probe, discipline, payloadBytes, rep, n, meanNs, p50Ns, p99Ns, maxNs, cpuNsPerRoundTrip, FREE);
        }
    }

    /** Placement of a probe's two sides: where the scheduler puts them. */
    public static final String FREE = "free";
    /**
     * Both sides pinned to one CPU: a parked hand-off then wakes its peer on the CPU it frees, a context switch,
     * instead of waking an idle other CPU (on a VM an IPI and a halt exit, several times dearer). A parked
     * model's threads may land either way, so its floor is the lower of the two placements.
     */
    public static final String ONE_CPU = "one-cpu";

    /** How long and how often a round-trip probe runs: bounded in count and time per repetition. */
    public record Budget(long maxRoundTrips, long maxMillis, int repetitions) {
        public Budget {
            if (maxRoundTrips < 1 || maxMillis < 1 || repetitions < 1 || repetitions > 100) {
                throw new IllegalArgumentException("a probe budget needs maxRoundTrips >= 1, maxMillis >= 1 and "
                        + "1..100 repetitions, was " + maxRoundTrips + ", " + maxMillis + ", " + repetitions);
            }
        }

        /** The same budget with its time scaled (the runner's {@code --time-scale}), at least 20 ms. */
        public Budget scaled(double timeScale) {
            if (!(timeScale > 0)) {
                throw new IllegalArgumentException("time scale must be > 0, was " + timeScale);
            }
            return new Budget(maxRoundTrips, Math.max(20, Math.round(maxMillis * timeScale)), repetitions);
        }

        /** A wall-clock bound for the whole probe: every repetition's budget, its warm-up, and start-up slack. */
        long timeoutSeconds() {
            return Math.min(RUN_TIMEOUT_SECONDS, 20 + repetitions * (maxMillis * 2 / 1000 + 2));
        }
    }

    /** Copies the sources out of the jar. */
    public void extract() throws IOException {
        Files.createDirectories(sourceDir);
        Files.createDirectories(binDir);
        for (String name : SOURCES) {
            try (InputStream in = NativeProbes.class.getResourceAsStream(name)) {
                if (in == null) {
                    throw new IOException("calibration source " + name + " is missing from the jar");
                }
                Files.copy(in, sourceDir.resolve(name), StandardCopyOption.REPLACE_EXISTING);
            }
        }
    }

    /**
     * Compiles one probe.
     *
     * @return the binary, or the compiler's complaint
     */
    public Result<Path> compile(String probe) throws IOException, InterruptedException {
        Path binary = binDir.resolve(probe);
        Output out = exec(List.of("gcc", "-O2", "-pthread", "-o", binary.toString(),
                sourceDir.resolve(probe + ".c").toString()), COMPILE_TIMEOUT_SECONDS);
        return out.ok() ? Result.ok(binary) : Result.error("gcc " + probe + ".c failed: " + out.text().strip());
    }

    /** Runs a compiled probe and parses its figures. */
    public Result<List<Figure>> run(Path binary, List<String> args) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>();
        cmd.add(binary.toString());
        cmd.addAll(args);
        Output out = exec(cmd, RUN_TIMEOUT_SECONDS);
        if (!out.ok()) {
            return Result.error(binary.getFileName() + " failed: " + out.text().strip());
        }
        List<Figure> figures = new ArrayList<>();
        for (String line : out.text().split("\n")) {
            parse(line).ifPresent(figures::add);
        }
        return figures.isEmpty() ? Result.error(binary.getFileName() + " printed no figures") : Result.ok(figures);
    }

    /** Runs a compiled round-trip probe in one wait discipline at one payload size. */
    public Result<List<Repetition>> runRoundTrip(Path binary, WaitDiscipline wait, int payloadBytes, Budget budget)
            throws IOException, InterruptedException {
        return runRoundTrip(binary, wait, FREE, payloadBytes, budget);
    }

    /** As above, with the two sides placed by the scheduler ({@link #FREE}) or on one CPU ({@link #ONE_CPU}). */
    public Result<List<Repetition>> runRoundTrip(Path binary, WaitDiscipline wait, String placement, int payloadBytes,
                                                 Budget budget) throws IOException, InterruptedException {
        if (wait != WaitDiscipline.SPIN && wait != WaitDiscipline.PARK) {
            throw new IllegalArgumentException("a C probe spins or parks; valid: spin, park, was " + wait.label());
        }
        if (!FREE.equals(placement) && !ONE_CPU.equals(placement)) {
            throw new IllegalArgumentException("a probe's placement is " + FREE + " or " + ONE_CPU + ", was "
                    + placement);
        }
        Output out = exec(List.of(binary.toString(), wait.label(), Integer.toString(payloadBytes),
                Long.toString(budget.maxRoundTrips()), Long.toString(budget.maxMillis()),
                Integer.toString(budget.repetitions()), placement), budget.timeoutSeconds());
        String name = binary.getFileName() + " " + wait.label() + " " + payloadBytes + "B " + placement;
        if (!out.ok()) {
            return Result.error(name + " failed: " + out.text().strip());
        }
        List<Repetition> reps = new ArrayList<>();
        for (String line : out.text().split("\n")) {
            parseRepetition(line).ifPresent(reps::add);
        }
        return reps.size() == budget.repetitions() ? Result.ok(reps)
                : Result.error(name + " printed " + reps.size() + " of " + budget.repetitions() + " repetitions");
    }

    /** A repetition line, or empty for anything else (a memcpy line, a stray line). */
    static Optional<Repetition> parseRepetition(String line) {
        Map<String, String> f = fields(line);
        if (f.get("rep") == null) {
            return Optional.empty();
        }
        try {
            Repetition r = new Repetition(f.get("probe"), f.get("wait"), Integer.parseInt(f.get("payloadBytes")),
                    Integer.parseInt(f.get("rep")), Long.parseLong(f.get("n")), Double.parseDouble(f.get("mean")),
                    Double.parseDouble(f.get("p50")), Double.parseDouble(f.get("p99")), Double.parseDouble(f.get("max")),
                    Double.parseDouble(f.get("cpuNs")), f.getOrDefault("placement", FREE));
            return r.probe() == null || r.discipline() == null || r.n() < 1 ? Optional.empty() : Optional.of(r);
        } catch (RuntimeException e) {
            return Optional.empty(); // a truncated line (the probe was killed mid-write) is no figure
        }
    }

    private static Map<String, String> fields(String line) {
        Map<String, String> f = new LinkedHashMap<>();
        if (!line.startsWith("probe=")) {
            return f;
        }
        for (String part : line.trim().split("\\s+")) {
            int eq = part.indexOf('=');
            if (eq > 0) {
                f.put(part.substring(0, eq), part.substring(eq + 1));
            }
        }
        return f;
    }

    static Optional<Figure> parse(String line) {
        Map<String, String> f = fields(line);
        if (f.get("metric") == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(new Figure(f.get("probe"), Integer.parseInt(f.get("payloadBytes")), f.get("metric"),
                    Double.parseDouble(f.get("value")), Long.parseLong(f.get("n"))));
        } catch (RuntimeException e) {
            return Optional.empty(); // not one of ours; the probes print nothing else on stdout
        }
    }

    private record Output(boolean ok, String text) {
    }

    private Output exec(List<String> cmd, long timeoutSeconds) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        tracker.accept(p);
        p.getOutputStream().close();
        // the outputs are a few lines; reading them first cannot block past the probe's own alarm
        byte[] bytes;
        try (InputStream in = p.getInputStream()) {
            bytes = in.readNBytes(1 << 20);
        }
        if (!p.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
            p.descendants().forEach(ProcessHandle::destroyForcibly);
            p.destroyForcibly();
            return new Output(false, "timed out after " + timeoutSeconds + " s");
        }
        String text = new String(bytes, StandardCharsets.UTF_8);
        return new Output(p.exitValue() == 0, p.exitValue() == 0 ? text : "exit " + p.exitValue() + ": " + text);
    }

    /** A value or the reason there is none. */
    public record Result<T>(T value, String error) {
        static <T> Result<T> ok(T value) {
            return new Result<>(value, null);
        }

        static <T> Result<T> error(String error) {
            return new Result<>(null, error);
        }

        public boolean ok() {
            return error == null;
        }
    }
}
