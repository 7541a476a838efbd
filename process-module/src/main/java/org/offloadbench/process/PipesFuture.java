package org.offloadbench.process;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.offloadbench.core.offload.TaskResult;

/**
 * The future {@code submit} returns. With {@code awaitSpinMicros > 0}, a caller that blocks in {@link #get()},
 * {@link #get(long, TimeUnit)} or {@link #join()} first spins that long on {@link #isDone()} before it parks.
 *
 * <p>Why: a parked caller is woken by the reader thread that completes the future, a hand-off that a C
 * ping-pong over pipes does not have (several microseconds across cores on a VM). Spinning trades a core for
 * that wake-up, which pays only while a core is free: so it is off by default, and a figure measured with it
 * says so. Dependent stages ({@code thenApply} ...) are plain CompletableFutures.
 */
final class PipesFuture extends CompletableFuture<TaskResult> {

    private final long spinNanos;

    PipesFuture(long spinNanos) {
        this.spinNanos = spinNanos;
    }

    @Override
    public TaskResult get() throws InterruptedException, ExecutionException {
        spin(spinNanos);
        return super.get();
    }

    @Override
    public TaskResult get(long timeout, TimeUnit unit)
            throws InterruptedException, ExecutionException, TimeoutException {
        spin(Math.min(spinNanos, unit.toNanos(timeout)));
        return super.get(timeout, unit);
    }

    @Override
    public TaskResult join() {
        spin(spinNanos);
        return super.join();
    }

    @Override
    public <U> CompletableFuture<U> newIncompleteFuture() {
        return new CompletableFuture<>();
    }

    private void spin(long nanos) {
        if (nanos <= 0 || isDone()) {
            return;
        }
        long start = System.nanoTime();
        while (!isDone() && System.nanoTime() - start < nanos && !Thread.currentThread().isInterrupted()) {
            Thread.onSpinWait();
        }
    }
}
