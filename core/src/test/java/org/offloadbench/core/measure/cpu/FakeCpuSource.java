package org.offloadbench.core.measure.cpu;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/** Fixed figures that a test changes between a window's start and stop. */
final class FakeCpuSource implements CpuSource {
    static final long SELF = 100;

    final Map<Long, ProcStat> processes = new HashMap<>();
    final Map<Long, CpuTimes> threads = new HashMap<>();
    long selfCpuNanos = -1;
    String unavailable;

    /** Sets a process's times in ticks (100 a second: one tick is 10 ms). */
    void process(long pid, long ppid, String comm, long utime, long stime, long cutime, long cstime) {
        processes.put(pid, new ProcStat(pid, ppid, comm, utime, stime, cutime, cstime));
    }

    @Override
    public Optional<String> unavailableReason() {
        return Optional.ofNullable(unavailable);
    }

    @Override
    public long ticksPerSecond() {
        return 100;
    }

    @Override
    public long selfPid() {
        return SELF;
    }

    @Override
    public Map<Long, ProcStat> processes() {
        return Map.copyOf(processes);
    }

    @Override
    public long selfCpuNanos() {
        return selfCpuNanos;
    }

    @Override
    public Optional<CpuTimes> threadCpu(long threadId) {
        return Optional.ofNullable(threads.get(threadId));
    }
}
