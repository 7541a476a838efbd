/**
 * The machinery the four thread models share, so each model class holds only what makes it different
 * (how a task reaches a thread, and what "replace a stuck worker" means for it).
 *
 * <ul>
 *   <li>{@link org.offloadbench.threads.support.ThreadOffloader}: submit (validation, copy on send,
 *       admission), close, stats; the base of every model.</li>
 *   <li>{@link org.offloadbench.threads.support.TaskHandle}: one task's life (queued, running, done) with
 *       exactly-once completion, counting, timeout from start, cancel propagation, abandonment.</li>
 *   <li>{@link org.offloadbench.threads.support.Admission}: the bounded queue as a counter.</li>
 *   <li>{@link org.offloadbench.threads.support.Watchdog}: one timer thread for timeouts and grace checks.</li>
 *   <li>{@link org.offloadbench.threads.support.DedicatedWorkers}: long-lived platform threads serving
 *       inboxes, with replacement of an abandoned thread.</li>
 * </ul>
 */
package org.offloadbench.threads.support;
