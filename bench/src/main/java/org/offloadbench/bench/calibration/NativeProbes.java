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

/**
 * The C programs behind the calibration suite, shipped as resources next to this class: each is compiled
 * with {@code gcc -O2} into the results folder and prints one machine-readable line per figure:
 * {@code probe=pipe payloadBytes=64 metric=floor-round-trip value=13420.3 n=20000}.
 */
public final class NativeProbes {
    /** Round-trip probes, each a C file of the same name. */
    public static final List<String> ROUND_TRIP = List.of("pipe", "unix-socket", "tcp", "shm-spin", "futex");
    public static final String MEMCPY = "memcpy";
    private static final List<String> SOURCES = List.of("common.h", "memcpy.c", "pipe.c", "unix-socket.c", "tcp.c",
            "shm-spin.c", "futex.c");
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

    /** One parsed output line. */
    public record Figure(String probe, int payloadBytes, String metric, double value, long n) {
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
        Output out = exec(List.of("gcc", "-O2", "-o", binary.toString(), sourceDir.resolve(probe + ".c").toString()),
                COMPILE_TIMEOUT_SECONDS);
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

    static Optional<Figure> parse(String line) {
        if (!line.startsWith("probe=")) {
            return Optional.empty();
        }
        Map<String, String> f = new LinkedHashMap<>();
        for (String part : line.trim().split("\\s+")) {
            int eq = part.indexOf('=');
            if (eq > 0) {
                f.put(part.substring(0, eq), part.substring(eq + 1));
            }
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
