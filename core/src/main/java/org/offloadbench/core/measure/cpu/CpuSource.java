package org.offloadbench.core.measure.cpu;

import java.util.Map;
import java.util.Optional;

/**
 * Where CPU times come from: {@link ProcCpuSource} reads /proc and the JVM's management beans; tests give
 * fixed figures so the accounting arithmetic is checked without timing anything.
 */
public interface CpuSource {

    /** Why process CPU times cannot be read here (no /proc, say), or empty when they can. */
    Optional<String> unavailableReason();

    /** {@code USER_HZ}: the unit of /proc's times. */
    long ticksPerSecond();

    /** This JVM's process id. */
    long selfPid();

    /** Every process readable now, by pid (one pass over /proc; processes that vanish mid-read are left out). */
    Map<Long, ProcStat> processes();

    /** This JVM's own CPU (not its reaped children's), as precisely as the platform tells, or -1 when unknown. */
    long selfCpuNanos();

    /** A live thread's CPU time split into user and system, or empty when it ended or is not measurable. */
    Optional<CpuTimes> threadCpu(long threadId);
}
