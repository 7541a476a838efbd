package org.offloadbench.shm;

import java.util.concurrent.CompletableFuture;

/** A caller waiting for a zero-copy lease; the driver that takes it from the queue grants it. */
final class LeaseRequest implements Queued {
    final CompletableFuture<ShmLease> lease = new CompletableFuture<>();
}
