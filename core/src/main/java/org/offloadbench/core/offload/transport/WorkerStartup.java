package org.offloadbench.core.offload.transport;

/**
 * How long one worker took to come up.
 *
 * @param pid                     its process id (-1 when not a local process)
 * @param spawnToReadyNanos       from just before it was started to the moment it could take requests
 * @param spawnToFirstResultNanos from its start to the first answer it sent; -1 while it has answered nothing
 */
public record WorkerStartup(long pid, long spawnToReadyNanos, long spawnToFirstResultNanos) {
}
