package org.offloadbench.core.offload;

import java.nio.ByteBuffer;

/**
 * One worker's shared buffer, held by one caller thread. Write the input into {@link #input()}, then
 * {@link #call}: the worker runs the workload where the input lies and the result is a read-only view of
 * its output in place. A view is valid until the next call or {@link #close()}; copy what must outlive it.
 */
public interface ZeroCopyLease extends AutoCloseable {

    /** The shared input area: position 0, capacity {@link ZeroCopyOffloader#maxPayloadBytes()}. */
    ByteBuffer input();

    /**
     * Runs {@code workloadId} on the first {@code inputBytes} bytes of {@link #input()} and waits for it in
     * the calling thread.
     *
     * @param timeoutNanos counted from the start of execution; 0 means none
     * @return the output, read-only, valid until the next call or close
     * @throws OffloadException for every failure, with its {@link FailureKind}; an input larger than the
     *                          buffer is a BAD_REQUEST naming the limit
     */
    ByteBuffer call(String workloadId, int inputBytes, long timeoutNanos);

    /** The worker's checksum of the last call's output ({@link org.offloadbench.core.workload.Checksums}). */
    long lastChecksum();

    /** Gives the worker back; later calls fail with CLOSED. Idempotent. */
    @Override
    void close();
}
