package org.offloadbench.shm;

import java.nio.ByteBuffer;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.offloadbench.core.offload.OffloadException;
import org.offloadbench.core.offload.ZeroCopyLease;

/**
 * A slot held by one caller thread: the input is written into the mapped request area and the output is
 * read from the mapped response area, with no copy on the parent's side. Not thread-safe (one holder).
 */
final class ShmLease implements ZeroCopyLease {
    private final LeasePath owner;
    private final Channel channel;
    private final CountDownLatch released = new CountDownLatch(1);
    private volatile boolean closed;
    volatile long lastChecksum;

    ShmLease(LeasePath owner, Channel channel) {
        this.owner = owner;
        this.channel = channel;
    }

    @Override
    public ByteBuffer input() {
        requireOpen();
        return channel.slot().requestArea();
    }

    @Override
    public ByteBuffer call(String workloadId, int inputBytes, long timeoutNanos) {
        requireOpen();
        return owner.call(this, channel, workloadId, inputBytes, timeoutNanos);
    }

    @Override
    public long lastChecksum() {
        return lastChecksum;
    }

    @Override
    public void close() {
        closed = true;
        released.countDown();
    }

    void forceClose() {
        close();
    }

    /** Blocks the channel's driver while the caller holds the slot, until released or the offloader stops. */
    void awaitReleased(BooleanSupplier stopping) {
        try {
            while (!released.await(100, TimeUnit.MILLISECONDS)) {
                if (stopping.getAsBoolean()) {
                    return;
                }
            }
        } catch (InterruptedException e) {
            // close interrupts drivers; the lease is force-closed by the caller of this method
        }
    }

    private void requireOpen() {
        if (closed) {
            throw OffloadException.closed("this " + owner.name() + " lease was released (or the offloader closed)");
        }
    }
}
