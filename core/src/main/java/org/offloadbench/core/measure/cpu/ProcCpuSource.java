package org.offloadbench.core.measure.cpu;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * CPU times of this machine: {@code /proc/<pid>/stat} for processes, {@link ThreadMXBean} for this JVM's
 * threads and the platform's {@code OperatingSystemMXBean} for this JVM's total (nanosecond precision, where
 * /proc counts 10 ms ticks).
 */
public final class ProcCpuSource implements CpuSource {
    /** USER_HZ is 100 on every mainstream Linux build; the kernel's ABI keeps it fixed for /proc. */
    public static final long DEFAULT_TICKS_PER_SECOND = 100;

    private final Path procRoot;
    private final long ticksPerSecond;
    private final ThreadMXBean threads = ManagementFactory.getThreadMXBean();

    public ProcCpuSource(Path procRoot, long ticksPerSecond) {
        this.procRoot = procRoot;
        this.ticksPerSecond = ticksPerSecond;
        if (threads.isThreadCpuTimeSupported() && !threads.isThreadCpuTimeEnabled()) {
            threads.setThreadCpuTimeEnabled(true);
        }
    }

    public static ProcCpuSource ofThisMachine() {
        return new ProcCpuSource(Path.of("/proc"), DEFAULT_TICKS_PER_SECOND);
    }

    @Override
    public Optional<String> unavailableReason() {
        if (!Files.isReadable(procRoot.resolve("self").resolve("stat"))) {
            return Optional.of("not measurable here: " + procRoot + "/self/stat is not readable (no Linux /proc),"
                    + " so the CPU time of processes cannot be read");
        }
        return Optional.empty();
    }

    @Override
    public long ticksPerSecond() {
        return ticksPerSecond;
    }

    @Override
    public long selfPid() {
        return ProcessHandle.current().pid();
    }

    @Override
    public Map<Long, ProcStat> processes() {
        Map<Long, ProcStat> all = new HashMap<>();
        try (DirectoryStream<Path> dirs = Files.newDirectoryStream(procRoot, "[0-9]*")) {
            for (Path dir : dirs) {
                readStat(dir.resolve("stat")).ifPresent(s -> all.put(s.pid(), s));
            }
        } catch (IOException e) {
            return Map.of(); // no /proc: unavailableReason() says so
        }
        return all;
    }

    private static Optional<ProcStat> readStat(Path file) {
        try {
            return Optional.of(ProcStat.parse(Files.readString(file)));
        } catch (NoSuchFileException e) {
            return Optional.empty(); // the process exited between the listing and the read
        } catch (IOException | IllegalArgumentException e) {
            return Optional.empty(); // not readable (another user's, hidepid) or a half-written line
        }
    }

    @Override
    public long selfCpuNanos() {
        if (ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os) {
            return os.getProcessCpuTime();
        }
        return -1;
    }

    @Override
    public Optional<CpuTimes> threadCpu(long threadId) {
        if (!threads.isThreadCpuTimeSupported()) {
            return Optional.empty();
        }
        long cpu = threads.getThreadCpuTime(threadId);
        long user = threads.getThreadUserTime(threadId);
        if (cpu < 0 || user < 0) {
            return Optional.empty();
        }
        return Optional.of(new CpuTimes(user, Math.max(0, cpu - user)));
    }
}
