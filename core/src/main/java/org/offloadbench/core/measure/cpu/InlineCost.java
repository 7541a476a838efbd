package org.offloadbench.core.measure.cpu;

import java.util.function.LongSupplier;
import org.offloadbench.core.workload.Workload;

/**
 * The workload's own CPU cost: the same input run on the calling thread, timed in that thread's CPU time
 * (not wall time, so a descheduled thread does not inflate it). A warm-up first lets the JIT compile the
 * workload, as it has in a warmed model. Bounded in count and in CPU time.
 */
public final class InlineCost {
    private final LongSupplier threadCpuNanos;

    /** @param threadCpuNanos the calling thread's CPU time (tests inject a fake one) */
    public InlineCost(LongSupplier threadCpuNanos) {
        this.threadCpuNanos = threadCpuNanos;
    }

    public static InlineCost ofThisThread() {
        java.lang.management.ThreadMXBean bean = java.lang.management.ManagementFactory.getThreadMXBean();
        if (!bean.isCurrentThreadCpuTimeSupported()) {
            throw new UnsupportedOperationException("not measurable here: this JVM cannot read a thread's CPU time");
        }
        return new InlineCost(bean::getCurrentThreadCpuTime);
    }

    /** What one measurement found. */
    public record Result(double cpuNanosPerTask, long tasks, long cpuNanos) {
    }

    /**
     * @param warmUpCpuNanos  CPU time to run unmeasured first
     * @param measureCpuNanos CPU time to measure over (the measurement stops at the first task past it)
     * @param maxTasks        most tasks in either phase
     */
    public Result measure(Workload workload, byte[] input, long warmUpCpuNanos, long measureCpuNanos, long maxTasks) {
        if (maxTasks < 1 || measureCpuNanos <= 0 || warmUpCpuNanos < 0) {
            throw new IllegalArgumentException("maxTasks and measureCpuNanos must be positive, warmUpCpuNanos >= 0");
        }
        runFor(workload, input, warmUpCpuNanos, maxTasks);
        long start = threadCpuNanos.getAsLong();
        long tasks = runFor(workload, input, measureCpuNanos, maxTasks);
        long spent = threadCpuNanos.getAsLong() - start;
        return new Result((double) spent / tasks, tasks, spent);
    }

    private long runFor(Workload workload, byte[] input, long cpuNanos, long maxTasks) {
        long start = threadCpuNanos.getAsLong();
        long tasks = 0;
        long sink = 0;
        while (tasks < maxTasks && (tasks == 0 || threadCpuNanos.getAsLong() - start < cpuNanos)) {
            // a copy per task, as every model hands a worker its own input
            sink += workload.execute(input.clone()).length;
            tasks++;
        }
        if (sink < 0) {
            throw new IllegalStateException("impossible output length"); // keeps the outputs observable
        }
        return tasks;
    }
}
