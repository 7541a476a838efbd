package org.offloadbench.core.result;

import java.io.IOException;
import java.io.InputStream;
import java.lang.management.ManagementFactory;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import org.offloadbench.core.worker.HugePages;

/**
 * Records the machine and software of a run into {@link EnvironmentInfo}. Everything it reads is optional:
 * a missing /proc file, no git, no gcc give "unknown" (or an absent extra), never a failed run. External
 * commands run with a short timeout and their output is drained, so capture cannot hang.
 */
public final class EnvironmentCapture {
    private static final long COMMAND_TIMEOUT_SECONDS = 5;
    public static final String UNKNOWN = "unknown";

    private final Path procRoot;
    private final Path workingDir;

    /** @param workingDir folder whose git checkout is recorded (usually the current directory) */
    public EnvironmentCapture(Path procRoot, Path workingDir) {
        this.procRoot = procRoot;
        this.workingDir = workingDir;
    }

    public static EnvironmentCapture ofThisMachine() {
        return new EnvironmentCapture(Path.of("/proc"), Path.of("").toAbsolutePath());
    }

    public EnvironmentInfo capture(List<String> forkJvmFlags) {
        Map<String, String> extra = new TreeMap<>();
        gccVersion().ifPresent(v -> extra.put("gcc", v));
        extra.put("os.arch", System.getProperty("os.arch"));
        extra.put("transparent huge pages", HugePages.describe());
        String commit = run(workingDir, "git", "rev-parse", "HEAD").orElse(UNKNOWN);
        boolean dirty = !UNKNOWN.equals(commit)
                && run(workingDir, "git", "status", "--porcelain").map(s -> !s.isBlank()).orElse(false);
        return new EnvironmentInfo(cpuModel(), Runtime.getRuntime().availableProcessors(), memoryBytes(),
                System.getProperty("os.name") + " " + osRelease(),
                run(workingDir, "uname", "-r").orElse(System.getProperty("os.version")),
                System.getProperty("java.runtime.version", System.getProperty("java.version")),
                System.getProperty("java.vendor"), homeRelative(System.getProperty("java.home")),
                List.copyOf(ManagementFactory.getRuntimeMXBean().getInputArguments()),
                List.copyOf(forkJvmFlags), commit, dirty, hostname(), extra);
    }

    /** The "model name" line of /proc/cpuinfo, or os.arch when there is none. */
    String cpuModel() {
        return readLines("cpuinfo").stream()
                .filter(l -> l.startsWith("model name") || l.startsWith("Model") || l.startsWith("cpu model"))
                .map(l -> l.substring(l.indexOf(':') + 1).trim())
                .findFirst().orElse(System.getProperty("os.arch"));
    }

    /** MemTotal of /proc/meminfo in bytes, 0 when unknown. */
    long memoryBytes() {
        for (String line : readLines("meminfo")) {
            if (line.startsWith("MemTotal:")) {
                String[] parts = line.substring("MemTotal:".length()).trim().split("\\s+");
                try {
                    return Long.parseLong(parts[0]) * 1024L;
                } catch (NumberFormatException e) {
                    return 0;
                }
            }
        }
        return 0;
    }

    private String osRelease() {
        Path file = Path.of("/etc/os-release");
        try {
            for (String line : Files.readAllLines(file)) {
                if (line.startsWith("PRETTY_NAME=")) {
                    return "(" + line.substring("PRETTY_NAME=".length()).replace("\"", "") + ")";
                }
            }
        } catch (IOException e) {
            return System.getProperty("os.version"); // not Linux, or unreadable: the JVM's idea will do
        }
        return System.getProperty("os.version");
    }

    private List<String> readLines(String procFile) {
        try {
            return Files.readAllLines(procRoot.resolve(procFile));
        } catch (IOException e) {
            return List.of(); // no /proc (macOS, containers without it): callers fall back
        }
    }

    /** First line of {@code gcc --version}, when gcc is on the PATH. */
    public static Optional<String> gccVersion() {
        return run(Path.of("").toAbsolutePath(), "gcc", "--version").map(s -> s.lines().findFirst().orElse(s).trim());
    }

    /** The user's home folder replaced by ~, so results do not carry a user's layout. */
    public static String homeRelative(String path) {
        String home = System.getProperty("user.home");
        if (path == null || home == null || home.isEmpty() || home.equals("/")) {
            return path;
        }
        return path.startsWith(home) ? "~" + path.substring(home.length()) : path;
    }

    private static String hostname() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (IOException e) {
            return Optional.ofNullable(System.getenv("HOSTNAME")).orElse(UNKNOWN);
        }
    }

    /** Output of a command that exited 0 within the timeout; empty otherwise (absent tool, not a checkout). */
    static Optional<String> run(Path dir, String... command) {
        List<String> cmd = new ArrayList<>(List.of(command));
        Process process;
        try {
            process = new ProcessBuilder(cmd).directory(dir.toFile()).redirectErrorStream(true).start();
        } catch (IOException e) {
            return Optional.empty(); // the tool is not installed
        }
        try (InputStream in = process.getInputStream()) {
            process.getOutputStream().close();
            byte[] out = in.readNBytes(1 << 20);
            if (!process.waitFor(COMMAND_TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                return Optional.empty();
            }
            return process.exitValue() == 0 ? Optional.of(new String(out, StandardCharsets.UTF_8).trim())
                    : Optional.empty();
        } catch (IOException e) {
            return Optional.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        } finally {
            process.destroyForcibly();
        }
    }
}
