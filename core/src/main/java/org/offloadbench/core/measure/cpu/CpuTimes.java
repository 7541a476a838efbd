package org.offloadbench.core.measure.cpu;

/**
 * CPU time split into user and system (kernel) time, in nanoseconds.
 *
 * @param userNanos   time spent running the program's own code
 * @param systemNanos time the kernel spent on its behalf (system calls, page faults, wake-ups)
 */
public record CpuTimes(long userNanos, long systemNanos) {
    public static final CpuTimes ZERO = new CpuTimes(0, 0);

    public static CpuTimes ofTicks(long userTicks, long systemTicks, long ticksPerSecond) {
        return new CpuTimes(ticksToNanos(userTicks, ticksPerSecond), ticksToNanos(systemTicks, ticksPerSecond));
    }

    public static long ticksToNanos(long ticks, long ticksPerSecond) {
        return Math.multiplyExact(ticks, 1_000_000_000L / ticksPerSecond);
    }

    public long totalNanos() {
        return userNanos + systemNanos;
    }

    public CpuTimes plus(CpuTimes other) {
        return new CpuTimes(userNanos + other.userNanos, systemNanos + other.systemNanos);
    }

    /** The difference, each part clamped at zero (counters read a few microseconds apart can cross). */
    public CpuTimes minusClamped(CpuTimes other) {
        return new CpuTimes(Math.max(0, userNanos - other.userNanos), Math.max(0, systemNanos - other.systemNanos));
    }
}
