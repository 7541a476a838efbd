package org.offloadbench.core.measure;

import java.util.ArrayDeque;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import org.offloadbench.core.offload.Offloader;
import org.offloadbench.core.offload.Task;
import org.offloadbench.core.offload.TaskResult;

/**
 * A fixed number of tasks kept in flight, for a JMH throughput benchmark whose operation is "one task
 * completes": {@link #completeOne} waits for the oldest, checks its bytes against a direct run and submits a
 * replacement, so the model never runs dry between operations and no reply goes unchecked. Not thread-safe:
 * one benchmark thread owns it.
 */
public final class VerifiedWindow {
    private final Offloader offloader;
    private final Task task;
    private final ReplyVerifier verifier;
    private final ArrayDeque<CompletableFuture<TaskResult>> inFlight = new ArrayDeque<>();

    /** Submits {@code size} copies of {@code task} at once. */
    public VerifiedWindow(Offloader offloader, Task task, ReplyVerifier verifier, int size) {
        if (size < 1) {
            throw new IllegalArgumentException("size must be at least 1, was " + size);
        }
        this.offloader = offloader;
        this.task = task;
        this.verifier = verifier;
        for (int i = 0; i < size; i++) {
            inFlight.add(offloader.submit(task));
        }
    }

    /**
     * Waits for the oldest task, verifies it and submits another.
     *
     * @return the reply's checksum (for the benchmark to return, so nothing is dead code)
     * @throws ChecksumMismatchException when the reply's bytes differ from the direct run's
     * @throws ExecutionException        when the task failed
     */
    public long completeOne() throws InterruptedException, ExecutionException {
        long checksum = verifier.verify(inFlight.poll().get()).checksum();
        inFlight.add(offloader.submit(task));
        return checksum;
    }

    /** Waits for and verifies every task still in flight (a trial's tear-down). */
    public void drain() throws InterruptedException, ExecutionException {
        while (!inFlight.isEmpty()) {
            verifier.verify(inFlight.poll().get());
        }
    }
}
