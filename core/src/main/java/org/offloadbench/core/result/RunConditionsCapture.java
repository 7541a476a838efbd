package org.offloadbench.core.result;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.offloadbench.core.measure.cpu.CpuAccountant;
import org.offloadbench.core.measure.cpu.ProcCpuSource;
import org.offloadbench.core.measure.cpu.ProcStat;

/**
 * Captures {@link RunConditions}: reads /proc and /sys twice, a short window apart, for the CPU shares
 * (steal, iowait, interrupts) and the busiest other processes. A missing file leaves its field null, never
 * a failed run. The window's pause is injected, so tests rewrite fixture files in it instead of waiting.
 */
public final class RunConditionsCapture {
    /** Long enough for /proc's 10 ms ticks to tell a busy process from an idle one, short beside a suite. */
    public static final long DEFAULT_SAMPLE_MILLIS = 250;
    private static final int BUSIEST_KEPT = 5;

    /** Waits out the sample window. */
    @FunctionalInterface
    public interface Pause {
        void pause(long millis) throws InterruptedException;
    }

    private final Path procRoot;
    private final Path sysRoot;
    private final long selfPid;
    private final long ticksPerSecond;
    private final long sampleMillis;
    private final Pause pause;
    private final Clock clock;

    public RunConditionsCapture(Path procRoot, Path sysRoot, long selfPid, long ticksPerSecond, long sampleMillis,
                                Pause pause, Clock clock) {
        this.procRoot = procRoot;
        this.sysRoot = sysRoot;
        this.selfPid = selfPid;
        this.ticksPerSecond = ticksPerSecond;
        this.sampleMillis = sampleMillis;
        this.pause = pause;
        this.clock = clock;
    }

    public static RunConditionsCapture ofThisMachine() {
        return new RunConditionsCapture(Path.of("/proc"), Path.of("/sys"), ProcessHandle.current().pid(),
                ProcCpuSource.DEFAULT_TICKS_PER_SECOND, DEFAULT_SAMPLE_MILLIS, Thread::sleep, Clock.systemUTC());
    }

    /** @throws InterruptedException when the sample window's pause is interrupted */
    public RunConditions capture() throws InterruptedException {
        String at = clock.instant().toString();
        Optional<long[]> cpuBefore = read(procRoot.resolve("stat")).flatMap(RunConditionsCapture::cpuLine);
        ProcCpuSource procs = new ProcCpuSource(procRoot, ticksPerSecond);
        Map<Long, ProcStat> before = procs.processes();
        pause.pause(sampleMillis);
        Map<Long, ProcStat> after = procs.processes();
        Optional<long[]> cpuAfter = read(procRoot.resolve("stat")).flatMap(RunConditionsCapture::cpuLine);
        Optional<double[]> load = read(procRoot.resolve("loadavg")).flatMap(RunConditionsCapture::loadAverages);
        Optional<double[]> shares = cpuBefore.isPresent() && cpuAfter.isPresent()
                ? cpuShares(cpuBefore.get(), cpuAfter.get()) : Optional.empty();
        Path cpu = sysRoot.resolve("devices/system/cpu");
        return new RunConditions(at, load.map(l -> l[0]).orElse(null), load.map(l -> l[1]).orElse(null), sampleMillis,
                shares.map(s -> s[0]).orElse(null), shares.map(s -> s[1]).orElse(null),
                shares.map(s -> s[2]).orElse(null), shares.map(s -> s[3]).orElse(null),
                read(cpu.resolve("cpu0/cpufreq/scaling_governor")).map(String::trim).orElse(null),
                frequencyMhz().orElse(null),
                read(cpu.resolve("smt/active")).map(s -> s.trim().equals("1")).orElse(null),
                cgroupQuotaCores().orElse(null), busiest(before, after, sampleMillis));
    }

    /** The aggregate "cpu" line of /proc/stat: user nice system idle iowait irq softirq steal (ticks). */
    static Optional<long[]> cpuLine(String procStat) {
        for (String line : procStat.split("\n")) {
            if (line.startsWith("cpu ")) {
                String[] f = line.substring(4).trim().split("\\s+");
                if (f.length < 8) {
                    return Optional.empty();
                }
                long[] v = new long[8];
                try {
                    for (int i = 0; i < 8; i++) {
                        v[i] = Long.parseLong(f[i]);
                    }
                } catch (NumberFormatException e) {
                    return Optional.empty();
                }
                return Optional.of(v);
            }
        }
        return Optional.empty();
    }

    /** Busy, steal, iowait and interrupt shares in % of all CPU time between two cpu lines; empty if none passed. */
    static Optional<double[]> cpuShares(long[] before, long[] after) {
        long[] d = new long[8];
        long total = 0;
        for (int i = 0; i < 8; i++) {
            d[i] = Math.max(0, after[i] - before[i]);
            total += d[i];
        }
        if (total == 0) {
            return Optional.empty();
        }
        double busy = total - d[3] - d[4];
        return Optional.of(new double[] {100.0 * busy / total, 100.0 * d[7] / total, 100.0 * d[4] / total,
                100.0 * (d[5] + d[6]) / total});
    }

    static Optional<double[]> loadAverages(String loadavg) {
        String[] f = loadavg.trim().split("\\s+");
        try {
            return f.length < 2 ? Optional.empty()
                    : Optional.of(new double[] {Double.parseDouble(f[0]), Double.parseDouble(f[1])});
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    /** Mean of the CPUs' scaling_cur_freq (kHz), else of /proc/cpuinfo's "cpu MHz" lines. */
    Optional<Double> frequencyMhz() {
        List<Double> mhz = new ArrayList<>();
        try (var dirs = Files.newDirectoryStream(sysRoot.resolve("devices/system/cpu"), "cpu[0-9]*")) {
            for (Path dir : dirs) {
                read(dir.resolve("cpufreq/scaling_cur_freq")).ifPresent(s -> parse(s).ifPresent(k -> mhz.add(k / 1000)));
            }
        } catch (IOException e) {
            // no sysfs: fall back to cpuinfo below
        }
        if (mhz.isEmpty()) {
            read(procRoot.resolve("cpuinfo")).ifPresent(info -> info.lines()
                    .filter(l -> l.startsWith("cpu MHz"))
                    .forEach(l -> parse(l.substring(l.indexOf(':') + 1)).ifPresent(mhz::add)));
        }
        return mhz.isEmpty() ? Optional.empty() : Optional.of(mhz.stream().mapToDouble(d -> d).average().orElse(0));
    }

    /**
     * This process's cgroup CPU quota in cores: cgroup v2's {@code cpu.max} ("quota period", or "max"), else
     * v1's {@code cpu.cfs_quota_us / cpu.cfs_period_us} (-1: none); the cgroup's own folder first, then the root.
     */
    Optional<Double> cgroupQuotaCores() {
        Path cgroupFs = sysRoot.resolve("fs/cgroup");
        String v2Path = "";
        String v1Path = "";
        for (String line : read(procRoot.resolve("self/cgroup")).orElse("").split("\n")) {
            String[] f = line.split(":", 3);
            if (f.length == 3 && f[0].equals("0") && f[1].isEmpty()) {
                v2Path = f[2];
            } else if (f.length == 3 && Set.of(f[1].split(",")).contains("cpu")) {
                v1Path = f[2];
            }
        }
        for (Path dir : List.of(cgroupFs.resolve(relative(v2Path)), cgroupFs)) {
            Optional<String> max = read(dir.resolve("cpu.max"));
            if (max.isPresent()) {
                String[] f = max.get().trim().split("\\s+");
                if (f[0].equals("max") || f.length < 2) {
                    return Optional.empty();
                }
                return ratio(f[0], f[1]);
            }
        }
        for (Path dir : List.of(cgroupFs.resolve("cpu").resolve(relative(v1Path)), cgroupFs.resolve("cpu"),
                cgroupFs.resolve("cpu,cpuacct"))) {
            Optional<String> quota = read(dir.resolve("cpu.cfs_quota_us"));
            Optional<String> period = read(dir.resolve("cpu.cfs_period_us"));
            if (quota.isPresent() && period.isPresent()) {
                return quota.get().trim().startsWith("-") ? Optional.empty() : ratio(quota.get(), period.get());
            }
        }
        return Optional.empty();
    }

    /** The other processes that used CPU in the window, busiest first; this JVM and its descendants left out. */
    List<RunConditions.BusyProcess> busiest(Map<Long, ProcStat> before, Map<Long, ProcStat> after, long millis) {
        Set<Long> own = CpuAccountant.tree(after, List.of(selfPid)).keySet();
        List<RunConditions.BusyProcess> busy = new ArrayList<>();
        double windowTicks = millis / 1000.0 * ticksPerSecond;
        for (ProcStat now : after.values()) {
            ProcStat then = before.get(now.pid());
            if (own.contains(now.pid()) || then == null || !then.comm().equals(now.comm()) || windowTicks <= 0) {
                continue; // a process born in the window has no baseline; it would count its whole life
            }
            long ticks = now.utimeTicks() + now.stimeTicks() - then.utimeTicks() - then.stimeTicks();
            if (ticks > 0) {
                busy.add(new RunConditions.BusyProcess(now.pid(), now.comm(),
                        Math.round(1000.0 * ticks / windowTicks) / 10.0));
            }
        }
        busy.sort(Comparator.comparingDouble(RunConditions.BusyProcess::cpuPercent).reversed()
                .thenComparingLong(RunConditions.BusyProcess::pid));
        return busy.size() > BUSIEST_KEPT ? List.copyOf(busy.subList(0, BUSIEST_KEPT)) : busy;
    }

    private static String relative(String cgroupPath) {
        String p = cgroupPath.startsWith("/") ? cgroupPath.substring(1) : cgroupPath;
        return p.contains("..") ? "" : p; // a path from /proc is trusted, but never let it climb out
    }

    private static Optional<Double> ratio(String quota, String period) {
        Optional<Double> q = parse(quota);
        Optional<Double> p = parse(period);
        return q.isPresent() && p.isPresent() && p.get() > 0
                ? Optional.of(Math.round(100 * q.get() / p.get()) / 100.0) : Optional.empty();
    }

    private static Optional<Double> parse(String s) {
        try {
            return Optional.of(Double.parseDouble(s.trim()));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    private static Optional<String> read(Path file) {
        try {
            return Optional.of(Files.readString(file));
        } catch (IOException e) {
            return Optional.empty(); // not this platform, or not readable: the field stays null
        }
    }
}
