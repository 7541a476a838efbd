package org.offloadbench.core.offload;

import java.time.Duration;

/**
 * An offloader whose caller can hand work over without copying it: it writes its input straight into
 * memory the worker reads, and reads the output where the worker wrote it (the JVM analog of a
 * {@code SharedArrayBuffer} shared with a worker). Suites detect it with {@code instanceof} and measure
 * this path beside the ordinary byte-array one.
 */
public interface ZeroCopyOffloader extends Offloader {

    /** The largest input, and the largest output, one lease holds. */
    int maxPayloadBytes();

    /**
     * Reserves a worker and its shared buffer for the calling thread until the lease is closed.
     *
     * @throws OffloadException REJECTED when none is free within {@code wait}, CLOSED after close
     */
    ZeroCopyLease lease(Duration wait);
}
