/**
 * The workers behind the slots: a child JVM started with core's shared launcher
 * ({@link org.offloadbench.shm.worker.ChildWorker} running {@link org.offloadbench.shm.worker.ShmWorkerMain})
 * or a thread of the caller's JVM ({@link org.offloadbench.shm.worker.ThreadWorker}).
 */
package org.offloadbench.shm.worker;
