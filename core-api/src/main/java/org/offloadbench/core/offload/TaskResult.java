package org.offloadbench.core.offload;

/**
 * A finished task.
 *
 * @param output     the workload's output bytes
 * @param checksum   {@link org.offloadbench.core.workload.Checksums} of the output as computed by the
 *                   worker; the caller compares it with its own, and with a direct run
 * @param queueNanos time from submit to start of execution, as seen by the model (piscina's wait time)
 * @param runNanos   time the workload itself ran (piscina's run time)
 * @param workerId   which worker ran it (thread name, child pid, backend address)
 */
public record TaskResult(byte[] output, long checksum, long queueNanos, long runNanos, String workerId) {
}
