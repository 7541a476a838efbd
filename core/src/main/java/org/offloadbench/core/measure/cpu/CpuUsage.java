package org.offloadbench.core.measure.cpu;

import java.util.Optional;

/**
 * The CPU a measured window cost, split between the coordinator (the caller's side) and the workers.
 *
 * <p>Where the line runs depends on where the workers are. Out of process (child JVMs, cluster workers,
 * nginx): the coordinator is this whole JVM (its load generator, the model's client-side threads, its GC
 * and JIT), the workers are the worker processes, their descendants and the children this JVM reaped in the
 * window. In process (thread pools, in-process shared memory): the coordinator is the load generator's own
 * threads and the workers are the rest of this JVM (pool threads, and the GC and JIT work they cause) plus any
 * child it reaped in the window. Their
 * sum, the whole cost of the window, is drawn the same way for both.
 *
 * @param coordinator        CPU of the coordinator's side
 * @param workers            CPU of the workers' side
 * @param wallNanos          how long the window lasted
 * @param workersOutOfProcess true when the workers were processes of their own
 * @param workerProcesses    worker processes (descendants included) seen at the window's end
 * @param notMeasurable      why nothing could be measured here, or null when the figures are real
 */
public record CpuUsage(CpuTimes coordinator, CpuTimes workers, long wallNanos, boolean workersOutOfProcess,
                       int workerProcesses, String notMeasurable) {

    public static CpuUsage notMeasurable(String why, long wallNanos, boolean workersOutOfProcess) {
        return new CpuUsage(CpuTimes.ZERO, CpuTimes.ZERO, wallNanos, workersOutOfProcess, 0, why);
    }

    public boolean measurable() {
        return notMeasurable == null;
    }

    public Optional<String> notMeasurableReason() {
        return Optional.ofNullable(notMeasurable);
    }

    /** Cores the coordinator kept busy on average (its CPU over the wall time). */
    public double coordinatorCores() {
        return wallNanos <= 0 ? 0 : (double) coordinator.totalNanos() / wallNanos;
    }

    /** Cores the workers kept busy on average. */
    public double workerCores() {
        return wallNanos <= 0 ? 0 : (double) workers.totalNanos() / wallNanos;
    }

    /**
     * Per completed task.
     *
     * @throws IllegalArgumentException when {@code completedTasks < 1}
     * @throws IllegalStateException    when the window was not measurable
     */
    public CpuPerTask perTask(long completedTasks) {
        if (completedTasks < 1) {
            throw new IllegalArgumentException("completedTasks must be >= 1, was " + completedTasks);
        }
        if (!measurable()) {
            throw new IllegalStateException(notMeasurable);
        }
        double n = completedTasks;
        return new CpuPerTask(coordinator.totalNanos() / n, coordinator.systemNanos() / n,
                workers.totalNanos() / n, workers.systemNanos() / n, completedTasks);
    }
}
