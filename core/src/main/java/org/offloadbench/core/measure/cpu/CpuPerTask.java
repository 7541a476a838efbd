package org.offloadbench.core.measure.cpu;

/**
 * CPU nanoseconds per completed task, from one {@link CpuUsage} window.
 *
 * @param coordinatorNanos       the coordinator's CPU per task, user and system
 * @param coordinatorSystemNanos its kernel share
 * @param workerNanos            the workers' CPU per task, user and system
 * @param workerSystemNanos      their kernel share
 * @param tasks                  completed tasks in the window
 */
public record CpuPerTask(double coordinatorNanos, double coordinatorSystemNanos, double workerNanos,
                         double workerSystemNanos, long tasks) {

    public double totalNanos() {
        return coordinatorNanos + workerNanos;
    }

    /**
     * What offloading cost beyond the work itself: everything the task cost minus its CPU when run inline on
     * one thread. Negative when the model runs the workload more cheaply than the inline run did (a better
     * JIT profile in a fresh JVM, or the 10 ms resolution of /proc on a short window); reported as measured.
     */
    public double offloadTaxNanos(double inlineNanos) {
        return totalNanos() - inlineNanos;
    }
}
