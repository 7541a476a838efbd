package org.offloadbench.core.measure.cpu;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;

/** Burns a known amount of the calling thread's CPU time (not wall time: a descheduled thread burns on). */
final class Burn {
    private Burn() {
    }

    static long cpuNanos(long nanos) {
        ThreadMXBean bean = ManagementFactory.getThreadMXBean();
        long end = bean.getCurrentThreadCpuTime() + nanos;
        long x = 0;
        while (bean.getCurrentThreadCpuTime() < end) {
            for (int i = 0; i < 10_000; i++) {
                x = x * 6364136223846793005L + 1442695040888963407L;
            }
        }
        return x;
    }
}
