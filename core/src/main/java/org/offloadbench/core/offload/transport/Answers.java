package org.offloadbench.core.offload.transport;

import org.offloadbench.core.offload.FailureKind;

/**
 * Where a {@link TransportWorker} delivers what it hears, on its reading thread. A method that returns a
 * problem (not null) means the stream cannot be trusted any more (an answer to a request never sent): the
 * transport stops reading, kills the worker and reports {@link #gone} with that problem and {@code garbage}.
 */
public interface Answers {

    /** A result; the transport has checked the output against the worker's claimed checksum. */
    String result(long requestId, byte[] output, long checksum, long workerQueueNanos, long runNanos);

    /** A task failed on the worker (its workload threw, it timed out there, it was refused there). */
    String failed(long requestId, FailureKind kind, String message);

    /**
     * The worker says its connection is broken beyond one request (a request id of 0 on the wire), or sent
     * something a worker never sends: always a problem that ends it.
     */
    default String broken(String problem) {
        return problem;
    }

    /**
     * Its answer stream ended: it exited, was killed, or sent garbage. Called exactly once, last.
     *
     * @param problem why, or null for a plain end of stream
     * @param garbage whether it sent bytes that are not a valid answer (the pool kills it for that)
     */
    void gone(String problem, boolean garbage);
}
