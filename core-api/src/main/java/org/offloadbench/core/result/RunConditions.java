package org.offloadbench.core.result;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * How busy and how configured the machine was at one moment of a run (the start or end of a suite): what
 * explains a noisy run. Every field is optional (null when this machine does not expose it), so a run on
 * macOS or in a locked-down container records what it can.
 *
 * @param at                 ISO-8601 instant of the capture
 * @param loadAverage1m      1-minute load average (/proc/loadavg)
 * @param loadAverage5m      5-minute load average
 * @param sampleMillis       length of the window the shares and the busiest processes were measured over
 * @param busyPercent        share of all CPUs busy in that window (everything but idle and iowait)
 * @param stealPercent       share stolen by the hypervisor for other guests
 * @param iowaitPercent      share idle while waiting for I/O
 * @param irqPercent         share spent in hard and soft interrupts
 * @param governor           CPU frequency governor of cpu0 (performance, powersave, ...)
 * @param frequencyMhz       mean current frequency over the CPUs, where readable
 * @param smtActive          whether simultaneous multithreading (hyper-threading) is on
 * @param cgroupCpuQuotaCores CPU quota of this process's cgroup in cores (cpu.max or cfs_quota/period);
 *                           null when there is no quota ("max", -1) or none is readable
 * @param busiest            the busiest other processes in the window (the harness's own excluded)
 */
public record RunConditions(String at, Double loadAverage1m, Double loadAverage5m, Long sampleMillis,
                            Double busyPercent, Double stealPercent, Double iowaitPercent, Double irqPercent,
                            String governor, Double frequencyMhz, Boolean smtActive, Double cgroupCpuQuotaCores,
                            List<BusyProcess> busiest) {

    /** Load above the cores, or steal above this share, makes a run "busy". */
    public static final double STEAL_WARNING_PERCENT = 3.0;
    /** Another process using more than this share of one core in the window is named in the warning. */
    public static final double BUSY_PROCESS_WARNING_PERCENT = 25.0;

    public RunConditions {
        busiest = busiest == null ? List.of() : List.copyOf(busiest);
    }

    /**
     * One other process and the share of one core it used in the window.
     *
     * @param pid        its process id
     * @param command    its command name
     * @param cpuPercent its CPU over the window, in % of one core
     */
    public record BusyProcess(long pid, String command, double cpuPercent) {
    }

    /**
     * What made the machine busy at this moment, each as a sentence; empty when nothing did.
     *
     * @param cores the processors the run used
     */
    public List<String> warnings(int cores) {
        List<String> out = new ArrayList<>();
        if (loadAverage1m != null && loadAverage1m > cores) {
            out.add(String.format(Locale.ROOT, "load average %.2f above the %d cores", loadAverage1m, cores));
        }
        if (stealPercent != null && stealPercent > STEAL_WARNING_PERCENT) {
            out.add(String.format(Locale.ROOT, "%.1f %% of CPU time stolen by the hypervisor", stealPercent));
        }
        if (cgroupCpuQuotaCores != null && cgroupCpuQuotaCores < cores) {
            out.add(String.format(Locale.ROOT, "a cgroup CPU quota of %.2f cores, below the %d cores the JVM sees",
                    cgroupCpuQuotaCores, cores));
        }
        for (BusyProcess p : busiest) {
            if (p.cpuPercent() > BUSY_PROCESS_WARNING_PERCENT) {
                out.add(String.format(Locale.ROOT, "another process, %s (pid %d), used %.0f %% of a core",
                        p.command(), p.pid(), p.cpuPercent()));
            }
        }
        return out;
    }
}
