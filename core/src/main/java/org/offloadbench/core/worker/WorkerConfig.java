package org.offloadbench.core.worker;

import java.util.Objects;
import org.offloadbench.core.wire.FrameLimits;

/**
 * How a {@link WorkerLoop} runs.
 *
 * @param concurrency        requests the worker runs at once (its fixed pool of task threads)
 * @param maxQueuedRequests  requests accepted beyond those running; more are answered REJECTED
 * @param limits             frame size limit for both directions
 * @param endOfInputGraceNanos after the input ends (the parent died or closed the pipe), how long in-flight
 *                           requests may still finish before they are abandoned
 * @param shutdownGraceNanos after a SHUTDOWN frame, how long in-flight requests may take to finish
 */
public record WorkerConfig(int concurrency, int maxQueuedRequests, FrameLimits limits, long endOfInputGraceNanos,
                           long shutdownGraceNanos) {

    public static final int DEFAULT_CONCURRENCY = 1;
    public static final int DEFAULT_MAX_QUEUED_REQUESTS = 1024;
    public static final long DEFAULT_END_OF_INPUT_GRACE_NANOS = 1_000_000_000L;
    public static final long DEFAULT_SHUTDOWN_GRACE_NANOS = 30_000_000_000L;

    public WorkerConfig {
        Objects.requireNonNull(limits, "limits");
        if (concurrency < 1 || concurrency > 1024) {
            throw new IllegalArgumentException("concurrency must be 1 .. 1024, was " + concurrency);
        }
        if (maxQueuedRequests < 0) {
            throw new IllegalArgumentException("maxQueuedRequests must be >= 0, was " + maxQueuedRequests);
        }
        if (endOfInputGraceNanos < 0 || shutdownGraceNanos < 0) {
            throw new IllegalArgumentException("grace periods must be >= 0, were " + endOfInputGraceNanos
                    + " and " + shutdownGraceNanos + " ns");
        }
    }

    public static WorkerConfig defaults() {
        return new WorkerConfig(DEFAULT_CONCURRENCY, DEFAULT_MAX_QUEUED_REQUESTS, FrameLimits.DEFAULT,
                DEFAULT_END_OF_INPUT_GRACE_NANOS, DEFAULT_SHUTDOWN_GRACE_NANOS);
    }

    public WorkerConfig withConcurrency(int value) {
        return new WorkerConfig(value, maxQueuedRequests, limits, endOfInputGraceNanos, shutdownGraceNanos);
    }

    public WorkerConfig withMaxQueuedRequests(int value) {
        return new WorkerConfig(concurrency, value, limits, endOfInputGraceNanos, shutdownGraceNanos);
    }

    public WorkerConfig withLimits(FrameLimits value) {
        return new WorkerConfig(concurrency, maxQueuedRequests, value, endOfInputGraceNanos, shutdownGraceNanos);
    }

    public WorkerConfig withEndOfInputGraceNanos(long value) {
        return new WorkerConfig(concurrency, maxQueuedRequests, limits, value, shutdownGraceNanos);
    }

    public WorkerConfig withShutdownGraceNanos(long value) {
        return new WorkerConfig(concurrency, maxQueuedRequests, limits, endOfInputGraceNanos, value);
    }
}
