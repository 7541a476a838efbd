package org.offloadbench.shm;

/** What waits in the shared queue for a driver: a task's {@link Call}, or a {@link LeaseRequest}. */
sealed interface Queued permits Call, LeaseRequest {
}
