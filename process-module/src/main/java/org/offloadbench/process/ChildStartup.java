package org.offloadbench.process;

/**
 * How long one child took to come up, for the startup suite and the CDS comparison.
 *
 * @param pid                     the child's process id
 * @param spawnToReadyNanos       from just before the process was spawned to its READY frame
 * @param spawnToFirstResultNanos from spawn to the first answer it sent; -1 while it has answered nothing
 */
public record ChildStartup(long pid, long spawnToReadyNanos, long spawnToFirstResultNanos) {
}
