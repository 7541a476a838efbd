package org.offloadbench.core.result;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Run conditions read from fixture /proc and /sys trees; the sample window's pause rewrites the counters. */
class RunConditionsCaptureTest {
    private static final long SELF = 500;
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-12-01T10:00:00Z"), ZoneOffset.UTC);

    @TempDir
    Path proc;
    @TempDir
    Path sys;

    private static void write(Path file, String text) throws IOException {
        Files.createDirectories(file.getParent());
        Files.writeString(file, text);
    }

    private void pidStat(long pid, long ppid, String comm, long utime, long stime) throws IOException {
        write(proc.resolve(pid + "/stat"), pid + " (" + comm + ") S " + ppid
                + " 1 1 0 -1 0 0 0 0 0 " + utime + " " + stime + " 0 0 20 0 1 0 100");
    }

    private RunConditionsCapture capture(RunConditionsCapture.Pause pause) {
        return new RunConditionsCapture(proc, sys, SELF, 100, 1000, pause, CLOCK);
    }

    @Test
    void sharesLoadBusiestProcessesAndTheMachinesSettings() throws Exception {
        write(proc.resolve("stat"), "cpu  1000 0 500 8000 100 10 10 50 0 0\ncpu0 500 0 250 4000 50 5 5 25 0 0\n");
        write(proc.resolve("loadavg"), "3.50 2.25 1.00 3/120 4242\n");
        write(proc.resolve("self/cgroup"), "0::/bench.slice\n");
        write(sys.resolve("fs/cgroup/bench.slice/cpu.max"), "150000 100000\n");
        write(sys.resolve("devices/system/cpu/cpu0/cpufreq/scaling_governor"), "performance\n");
        write(sys.resolve("devices/system/cpu/cpu0/cpufreq/scaling_cur_freq"), "2000000\n");
        write(sys.resolve("devices/system/cpu/cpu1/cpufreq/scaling_cur_freq"), "3000000\n");
        write(sys.resolve("devices/system/cpu/smt/active"), "1\n");
        pidStat(SELF, 1, "java", 100, 10);
        pidStat(501, SELF, "java", 100, 10);   // the harness's own worker: never "another process"
        pidStat(600, 1, "stress-ng", 0, 0);
        pidStat(601, 1, "sshd", 5, 5);
        pidStat(602, 1, "idle one", 7, 7);

        RunConditions c = capture(millis -> {
            try {
                // 200 ticks pass over 2 CPUs: 100 busy (60 user, 20 system, 20 steal), 80 idle, 20 iowait
                write(proc.resolve("stat"), "cpu  1060 0 520 8080 120 10 10 70 0 0\n");
                pidStat(SELF, 1, "java", 190, 10);
                pidStat(501, SELF, "java", 190, 10);
                pidStat(600, 1, "stress-ng", 80, 10); // 90 ticks of 100 in one second: 90 % of a core
                pidStat(601, 1, "sshd", 6, 5);
                pidStat(700, 1, "newborn", 50, 0);      // no baseline: not ranked
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        }).capture();

        assertEquals("2026-12-01T10:00:00Z", c.at());
        assertEquals(3.5, c.loadAverage1m());
        assertEquals(2.25, c.loadAverage5m());
        assertEquals(1000L, c.sampleMillis());
        assertEquals(50.0, c.busyPercent(), 1e-9);
        assertEquals(10.0, c.stealPercent(), 1e-9);
        assertEquals(10.0, c.iowaitPercent(), 1e-9);
        assertEquals(0.0, c.irqPercent(), 1e-9);
        assertEquals("performance", c.governor());
        assertEquals(2500.0, c.frequencyMhz(), 1e-9);
        assertTrue(c.smtActive());
        assertEquals(1.5, c.cgroupCpuQuotaCores());
        assertEquals(List.of(new RunConditions.BusyProcess(600, "stress-ng", 90.0),
                new RunConditions.BusyProcess(601, "sshd", 1.0)), c.busiest());
    }

    @Test
    void cgroupV1QuotaAndCpuinfoFrequency() throws Exception {
        write(proc.resolve("self/cgroup"), "4:memory:/x\n1:cpu,cpuacct:/job\n0::/\n");
        write(sys.resolve("fs/cgroup/cpu/job/cpu.cfs_quota_us"), "50000\n");
        write(sys.resolve("fs/cgroup/cpu/job/cpu.cfs_period_us"), "100000\n");
        write(proc.resolve("cpuinfo"), "processor\t: 0\ncpu MHz\t\t: 2095.993\nprocessor\t: 1\ncpu MHz\t\t: 2096.007\n");
        RunConditions c = capture(millis -> { }).capture();
        assertEquals(0.5, c.cgroupCpuQuotaCores());
        assertEquals(2096.0, c.frequencyMhz(), 1e-9);
    }

    @Test
    void noQuotaIsNullNotZero() throws Exception {
        write(sys.resolve("fs/cgroup/cpu.max"), "max 100000\n");
        assertNull(capture(millis -> { }).capture().cgroupCpuQuotaCores());
        Files.delete(sys.resolve("fs/cgroup/cpu.max"));
        write(sys.resolve("fs/cgroup/cpu/cpu.cfs_quota_us"), "-1\n");
        write(sys.resolve("fs/cgroup/cpu/cpu.cfs_period_us"), "100000\n");
        assertNull(capture(millis -> { }).capture().cgroupCpuQuotaCores());
    }

    @Test
    void aMachineWithoutProcOrSysRecordsNullsAndNoFailure() throws Exception {
        RunConditions c = capture(millis -> { }).capture();
        assertNull(c.loadAverage1m());
        assertNull(c.stealPercent());
        assertNull(c.governor());
        assertNull(c.smtActive());
        assertNull(c.frequencyMhz());
        assertTrue(c.busiest().isEmpty());
        assertTrue(c.warnings(2).isEmpty());
    }

    @Test
    void smtOffReadsFalse() throws Exception {
        write(sys.resolve("devices/system/cpu/smt/active"), "0\n");
        assertFalse(capture(millis -> { }).capture().smtActive());
    }

    @Test
    void theRealMachineCanBeCaptured() throws Exception {
        RunConditions c = new RunConditionsCapture(Path.of("/proc"), Path.of("/sys"), ProcessHandle.current().pid(),
                100, 20, Thread::sleep, Clock.systemUTC()).capture();
        assertEquals(20L, c.sampleMillis());
        assertTrue(c.busiest().stream().noneMatch(p -> p.pid() == ProcessHandle.current().pid()));
    }
}
