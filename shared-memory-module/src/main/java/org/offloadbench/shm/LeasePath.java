package org.offloadbench.shm;

import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import org.offloadbench.core.offload.FailureKind;
import org.offloadbench.core.offload.OffloadException;
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
    private final LeaseCallCounters counters = new LeaseCallCounters();
    private final AtomicInteger leasesOut = new AtomicInteger();

    LeasePath(SlotPool pool, Dispatcher dispatcher) {
        this.pool = pool;
        this.dispatcher = dispatcher;
        this.name = pool.name;
    }

    String name() {
        return name;
    }

    /** The outcomes of lease holders' calls, counted like tasks. */
    LeaseCallCounters counters() {
        return counters;
    }

    /** Leases granted and not yet released (close waits for them). */
    int leasesOut() {
        return leasesOut.get();
    }

    ZeroCopyLease lease(Duration wait) {
        if (pool.isClosing()) {
            throw OffloadException.closed(name + " is closed; no lease");
        }
        LeaseRequest request = new LeaseRequest();
        dispatcher.queueLease(request);
        try {
            return request.lease.get(wait.toNanos(), TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
            request.lease.completeExceptionally(OffloadException.rejected("no " + name + " worker was free within "
                    + wait.toMillis() + " ms"));
            dispatcher.remove(request);
            // granted in the meantime: the driver sees the failed future and moves on
            throw OffloadException.rejected(name + ": no worker was free within " + wait.toMillis() + " ms");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            request.lease.cancel(false);
            dispatcher.remove(request);
            throw OffloadException.cancelled("interrupted while waiting for a " + name + " lease");
        } catch (ExecutionException e) {
            OffloadException oe = OffloadException.find(e);
            throw oe != null ? oe : new OffloadException(FailureKind.WORKER_CRASHED, name + ": lease failed: " + e, e);
        }
    }

    /** In the driver thread: grants the lease and holds the channel until it is released or close stops. */
    void serve(Channel channel, LeaseRequest request) {
        ShmLease lease = new ShmLease(this, channel);
        try {
            channel.ensureWorker();
        } catch (OffloadException e) {
            request.lease.completeExceptionally(e);
            return;
        }
        leasesOut.incrementAndGet();
        try {
            if (request.lease.complete(lease)) {
                lease.awaitReleased(pool::isStopping);
            }
        } finally {
            lease.forceClose();
            leasesOut.decrementAndGet();
        }
    }

    /** One zero-copy call from a lease holder's thread, counted like a task. */
    ByteBuffer call(ShmLease lease, Channel channel, String workloadId, int inputBytes, long timeoutNanos) {
        String refusal = pool.refusal(workloadId, inputBytes);
        if (refusal != null) {
            OffloadException e = OffloadException.badRequest(refusal);
            counters.failed(e);
            throw e;
        }
        if (timeoutNanos < 0) {
            throw new IllegalArgumentException("timeoutNanos must be >= 0, was " + timeoutNanos);
        }
        counters.started();
        try {
            Channel.Response response = channel.execute(new Call(null, workloadId, null, inputBytes, timeoutNanos));
            lease.lastChecksum = response.checksum();
            counters.completed();
            return response.output();
        } catch (OffloadException e) {
            counters.failed(e);
            throw e;
        } finally {
            counters.stopped();
        }
    }
}
