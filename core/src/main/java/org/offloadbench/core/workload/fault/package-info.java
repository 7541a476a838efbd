/**
 * Workloads that misbehave on purpose ({@link org.offloadbench.core.workload.WorkloadClass#FAULT}): they
 * throw, sleep, spin, hang, halt the JVM, exhaust the heap or write to the standard streams. The conformance
 * kit and the resilience suite use them to check what a model does when work goes wrong; they are never
 * part of a default benchmark selection.
 *
 * <p>Each takes one numeric parameter, encoded by {@code generateInput} as the first 8 bytes (big-endian)
 * of the input and set with the option named in its description (for example {@code millis=500}). The
 * rest of the input is deterministic filler up to the requested payload size, so a fault task moves as many
 * bytes as the task it stands in for.
 */
package org.offloadbench.core.workload.fault;
