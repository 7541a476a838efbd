package org.offloadbench.core.measure.cpu;

import java.util.Arrays;
import java.util.function.LongSupplier;
import org.offloadbench.core.workload.Workload;

/**
 * The workload's own CPU cost: the same input run on the calling thread, timed in that thread's CPU time
 * (not wall time, so a descheduled thread does not inflate it). A warm-up first lets the JIT compile the
 * workload, as it has in a warmed model. Bounded in count and in CPU time.
 *
 * <p>Each task gets its own copy of the input, written into one of a few arrays allocated up front: a fresh
 * 64 KiB array per task measured the heap's first-touch page faults instead (5 to 100 us per copy on a 2-vCPU
 * VM, against a 50 us sha256), which made the inline cost 60 to 360 us from one 100 ms stretch to the next.
 * The measurement is split into {@link #CHUNKS} stretches and reports the median one's cost per task, so one
 * stretch the host slowed down does not become the reference every model's offload tax is taken against.
 */
public final class InlineCost {
    /** Stretches of the measurement; the median one's cost per task is the result. */
    public static final int CHUNKS = 5;
    private static final int COPIES = 4;
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

    /**
     * What one measurement found.
     *
     * @param cpuNanosPerTask the median stretch's CPU per task
     * @param tasks           tasks measured, all stretches together
     * @param cpuNanos        CPU time measured, all stretches together
     */
    public record Result(double cpuNanosPerTask, long tasks, long cpuNanos) {
    }

    /**
     * @param warmUpCpuNanos  CPU time to run unmeasured first
     * @param measureCpuNanos CPU time to measure over, in {@link #CHUNKS} stretches (each stops at the first task
     *                        past its share)
     * @param maxTasks        most tasks in either phase
     */
    public Result measure(Workload workload, byte[] input, long warmUpCpuNanos, long measureCpuNanos, long maxTasks) {
        if (maxTasks < 1 || measureCpuNanos <= 0 || warmUpCpuNanos < 0) {
            throw new IllegalArgumentException("maxTasks and measureCpuNanos must be positive, warmUpCpuNanos >= 0");
        }
        byte[][] copies = new byte[COPIES][input.length];
        runFor(workload, input, copies, warmUpCpuNanos, maxTasks);
        long chunkCpuNanos = Math.max(1, measureCpuNanos / CHUNKS);
        long chunkMaxTasks = Math.max(1, (maxTasks + CHUNKS - 1) / CHUNKS);
        double[] perTask = new double[CHUNKS];
        long tasks = 0;
        long spent = 0;
        for (int i = 0; i < CHUNKS; i++) {
            long start = threadCpuNanos.getAsLong();
            long n = runFor(workload, input, copies, chunkCpuNanos, chunkMaxTasks);
            long cpu = threadCpuNanos.getAsLong() - start;
            perTask[i] = (double) cpu / n;
            tasks += n;
            spent += cpu;
        }
        Arrays.sort(perTask);
        return new Result(perTask[CHUNKS / 2], tasks, spent);
    }

    private long runFor(Workload workload, byte[] input, byte[][] copies, long cpuNanos, long maxTasks) {
        long start = threadCpuNanos.getAsLong();
        long tasks = 0;
        long sink = 0;
        while (tasks < maxTasks && (tasks == 0 || threadCpuNanos.getAsLong() - start < cpuNanos)) {
            // a copy per task, as every model hands a worker its own input (a workload may consume it)
            byte[] copy = copies[(int) (tasks % COPIES)];
            System.arraycopy(input, 0, copy, 0, input.length);
            sink += workload.execute(copy).length;
            tasks++;
        }
        if (sink < 0) {
            throw new IllegalStateException("impossible output length"); // keeps the outputs observable
        }
        return tasks;
    }
}
