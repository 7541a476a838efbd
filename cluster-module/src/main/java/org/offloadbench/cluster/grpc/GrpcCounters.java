package org.offloadbench.cluster.grpc;

import io.grpc.Metadata;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The abandoned-task count of cluster/grpc's workers, as their trailers report it (every other counter is
 * core's lifecycle's).
 */
final class GrpcCounters {
    /** Per worker id (pid@host:port), the latest abandoned-thread count its trailers reported. */
    private final Map<String, Long> abandonedByWorker = new ConcurrentHashMap<>();
    private final String model;

    GrpcCounters(String model) {
        this.model = model;
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
