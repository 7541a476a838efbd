package org.offloadbench.core.offload.transport;

import java.io.IOException;

import org.offloadbench.core.offload.Task;

/**
 * The narrow SPI of an out-of-process model: how to start a worker. Everything else a worker does (send a
 * request, answer on a callback, tell alive from dead, be killed and replaced) is {@link TransportWorker}'s;
 * admission, completion, timeouts, cancel, counters, retry, respawn and close are {@link TransportPool}'s, so a
 * model is a transport plus a {@link RecoveryPolicy}.
 */
public interface Transport {

    /**
     * Begins starting the {@code n}-th worker of the pool (n from 0, counting respawns) and returns without
     * waiting for it, so that several workers boot in parallel.
     *
     * @throws IOException when the worker cannot even be started (no such command, no port)
     */
    Launch launch(int n) throws IOException;

    /**
     * Why a task cannot be sent at all (too large for a frame, an id the wire cannot carry), or null: the pool
     * refuses it with BAD_REQUEST before accepting it.
     */
    default String checkRequest(Task task) {
        return null;
    }

    /** Releases what the transport holds beyond its workers (an archive, a temp folder); after every worker. */
    default void close() {
    }

    /** A worker on its way up. */
    interface Launch {
        /** When the start began, on the pool's clock. */
        long spawnNanos();

        /**
         * Waits until the worker can take requests. On failure the transport has already killed and reaped
         * what it started.
         */
        TransportWorker awaitReady() throws IOException;

        /** Kills a worker that will not be waited for (another one failed to start). */
        void abort();
    }
}
