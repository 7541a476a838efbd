package org.offloadbench.core.offload.transport;

import java.util.LinkedHashMap;
import java.util.Map;

/** One worker of a {@link TransportPool}: the transport's worker and what the pool knows of it. */
final class PoolWorker {

    /** Lifecycle as the pool sees it; changed under the pool's lock. */
    enum State {
        /** Takes tasks. */
        READY,
        /** Killed or closed on purpose by the pool (timeout, cancel, garbage, close); its exit is no crash. */
        RETIRING,
        /** Gone and accounted for. */
        DEAD
    }

    final TransportWorker worker;
    final long spawnNanos;
    final long readyNanos;
    /** Guarded by the pool's lock. */
    final Map<Long, SentTask> inFlight = new LinkedHashMap<>();
    /** Guarded by the pool's lock. */
    State state = State.READY;
    /** Why the pool retired it, for the messages of tasks it had; guarded by the pool's lock. */
    String retireReason;
    /** Whether a replacement was already asked for; guarded by the pool's lock. */
    boolean replacementScheduled;
    volatile long firstResultNanos = -1L;

    PoolWorker(TransportWorker worker, long spawnNanos, long readyNanos) {
        this.worker = worker;
        this.spawnNanos = spawnNanos;
        this.readyNanos = readyNanos;
    }

    long pid() {
        return worker.pid();
    }

    @Override
    public String toString() {
        return worker.toString();
    }
}
