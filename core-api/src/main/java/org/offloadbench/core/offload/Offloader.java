package org.offloadbench.core.offload;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;

/**
 * One way of running work off the caller's thread: a thread pool, child JVMs, a cluster, shared memory.
 *
 * <p>Contract (checked by the conformance kit in core's test-jar):
 * <ul>
 *   <li>{@link #submit} never blocks for long and never throws for a per-task problem: the returned future
 *       fails with an {@link OffloadException} whose {@link FailureKind} says what happened (queue full,
 *       timeout, crash, workload error, bad request, closed).</li>
 *   <li>A task's timeout runs from the start of its execution, not from when it was queued.</li>
 *   <li>Cancelling the returned future cancels the task: a queued task never runs; a running one is
 *       interrupted, or its worker is replaced when it cannot be.</li>
 *   <li>After {@link #close(Duration)} every future submitted before it has completed, and nothing the
 *       offloader started (thread, process, server, file) is left behind.</li>
 * </ul>
 */
public interface Offloader extends AutoCloseable {

    /** The model's name as it appears in results, e.g. {@code threads/platform-pool}. */
    String name();

    /** Hands a task over. The future completes with the result or an {@link OffloadException}. */
    CompletableFuture<TaskResult> submit(Task task);

    /** A consistent-enough snapshot of the live counters. */
    OffloaderStats stats();

    /**
     * Stops accepting work, lets running and queued tasks finish until {@code timeout}, then fails whatever
     * is left with {@link FailureKind#CLOSED} and releases every resource.
     *
     * @return true when everything finished within the timeout, false when tasks had to be failed
     */
    boolean close(Duration timeout);

    /**
     * The operating-system process ids of the processes doing this offloader's work outside the caller's
     * JVM now (child JVMs, cluster workers, a balancer such as nginx), so the runner can account for the CPU
     * they spend per task. Empty when every worker runs inside the caller's JVM. A snapshot: a worker that
     * is replaced later gets a new pid.
     */
    default java.util.List<Long> workerPids() {
        return java.util.List.of();
    }

    /** Closes with a ten-second grace period. */
    @Override
    default void close() {
        close(Duration.ofSeconds(10));
    }
}
