package org.offloadbench.shm;

import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import org.offloadbench.core.offload.FailureKind;
import org.offloadbench.core.offload.OffloadException;
import org.offloadbench.core.offload.TaskResult;
import org.offloadbench.core.offload.ZeroCopyLease;

/**
 * The zero-copy path: a lease request waits in the queue like a task; the driver that takes it hands its
 * channel to the caller and blocks until the lease is released. The caller writes the input into the slot
 * and reads the output in place, doing the round trip in its own thread ({@link #call}).
 */
final class LeasePath {
    private final SlotPool pool;
    private final Dispatcher dispatcher;
    private final String name;
    private final Counters counters;
    private final AtomicInteger leasesOut = new AtomicInteger();

    LeasePath(SlotPool pool, Dispatcher dispatcher) {
        this.pool = pool;
        this.dispatcher = dispatcher;
        this.name = pool.name;
        this.counters = pool.counters;
    }

    String name() {
        return name;
    }

    /** Leases granted and not yet released (close waits for them). */
    int leasesOut() {
        return leasesOut.get();
    }

    ZeroCopyLease lease(Duration wait) {
        if (pool.isClosing()) {
            throw OffloadException.closed(name + " is closed; no lease");
        }
        Job job = Job.lease(System.nanoTime());
        dispatcher.queueLease(job);
        try {
            return job.lease.get(wait.toNanos(), TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
            job.lease.completeExceptionally(OffloadException.rejected("no " + name + " worker was free within "
                    + wait.toMillis() + " ms"));
            dispatcher.remove(job);
            // granted in the meantime: the driver sees the failed future and moves on
            throw OffloadException.rejected(name + ": no worker was free within " + wait.toMillis() + " ms");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            job.lease.cancel(false);
            dispatcher.remove(job);
            throw OffloadException.cancelled("interrupted while waiting for a " + name + " lease");
        } catch (ExecutionException e) {
            OffloadException oe = OffloadException.find(e);
            throw oe != null ? oe : new OffloadException(FailureKind.WORKER_CRASHED, name + ": lease failed: " + e, e);
        }
    }

    /** In the driver thread: grants the lease and holds the channel until it is released or close stops. */
    void serve(Channel channel, Job job) {
        ShmLease lease = new ShmLease(this, channel);
        try {
            channel.ensureWorker();
        } catch (OffloadException e) {
            job.lease.completeExceptionally(e);
            return;
        }
        leasesOut.incrementAndGet();
        try {
            if (job.lease.complete(lease)) {
                lease.awaitReleased(pool::isStopping);
            }
        } finally {
            lease.forceClose();
            leasesOut.decrementAndGet();
        }
    }

    /** One zero-copy call from a lease holder's thread, counted like a task. */
    ByteBuffer call(ShmLease lease, Channel channel, String workloadId, int inputBytes, long timeoutNanos) {
        CompletableFuture<TaskResult> accounting = new CompletableFuture<>();
        accounting.whenComplete(counters::ended);
        String refusal = pool.refusal(workloadId, inputBytes);
        if (refusal != null) {
            OffloadException e = OffloadException.badRequest(refusal);
            accounting.completeExceptionally(e);
            throw e;
        }
        if (timeoutNanos < 0) {
            throw new IllegalArgumentException("timeoutNanos must be >= 0, was " + timeoutNanos);
        }
        counters.inFlight.incrementAndGet();
        try {
            Channel.Response response = channel.execute(new Call(workloadId, null, inputBytes, timeoutNanos));
            lease.lastChecksum = response.checksum();
            accounting.complete(null);
            return response.output();
        } catch (OffloadException e) {
            accounting.completeExceptionally(e);
            throw e;
        } finally {
            counters.inFlight.decrementAndGet();
        }
    }
}
