package org.offloadbench.cluster.grpc;

import io.grpc.Metadata;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;
import org.offloadbench.core.offload.OffloadException;

/** cluster/grpc's cumulative counters: every task lands in exactly one of completed, failed, timedOut, rejected, cancelled. */
final class GrpcCounters {
    final LongAdder completed = new LongAdder();
    final LongAdder failed = new LongAdder();
    final LongAdder timedOut = new LongAdder();
    final LongAdder rejected = new LongAdder();
    final LongAdder cancelled = new LongAdder();
    final LongAdder retried = new LongAdder();
    /** Per worker id (pid@host:port), the latest abandoned-thread count its trailers reported. */
    private final Map<String, Long> abandonedByWorker = new ConcurrentHashMap<>();
    private final String model;

    GrpcCounters(String model) {
        this.model = model;
    }

    /** Counts a decided task: a result, or a failure by its kind. */
    void count(OffloadException failure) {
        if (failure == null) {
            completed.increment();
            return;
        }
        switch (failure.kind()) {
            case TIMED_OUT -> timedOut.increment();
            case REJECTED -> rejected.increment();
            default -> failed.increment();
        }
    }

    /** A worker's trailers carry its abandoned count so far; a respawned worker has a new id and starts at 0. */
    void noteAbandoned(String worker, Metadata trailers) {
        String v = trailers == null ? null : trailers.get(GrpcWire.ABANDONED);
        if (worker != null && v != null) {
            try {
                abandonedByWorker.merge(worker, Long.parseLong(v), Math::max);
            } catch (NumberFormatException e) {
                System.err.println(model + ": worker " + worker + " sent a malformed abandoned count '" + v + "'");
            }
        }
    }

    long abandoned() {
        return abandonedByWorker.values().stream().mapToLong(Long::longValue).sum();
    }
}
