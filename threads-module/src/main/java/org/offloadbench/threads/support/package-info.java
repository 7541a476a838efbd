/**
 * The machinery the thread models share, so each model class holds only what makes it different
 * (how a task reaches a thread, and what "replace a stuck worker" means for it). The task lifecycle itself
 * (admission, exactly-once completion, timeout from start, cancel, counters, close drain) is core's
 * {@link org.offloadbench.core.offload.support.TaskLifecycle}, the same one every model uses.
 *
 * <ul>
 *   <li>{@link org.offloadbench.threads.support.ThreadOffloader}: the base of every thread model: submit
 *       (workload validation, then core's lifecycle), close, stats.</li>
 *   <li>{@link org.offloadbench.threads.support.DedicatedWorkers}: long-lived platform threads serving
 *       inboxes, with replacement of an abandoned thread.</li>
 *   <li>{@link org.offloadbench.threads.support.ThreadModelSettings}: the validated config and the option every
 *       thread model shares, {@code abandonGraceMillis}.</li>
 * </ul>
 */
package org.offloadbench.threads.support;
