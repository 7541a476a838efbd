package org.offloadbench.core.offload.support;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.offloadbench.core.offload.TaskResult;

/**
 * The future {@code submit} returns. A caller that blocks in {@link #get()}, {@link #get(long, TimeUnit)} or
 * {@link #join()} may first spin on {@link #isDone()} before it parks, as its model's {@link SpinGate} allows
 * (by default only while a core is free; the gate explains why). Dependent stages ({@code thenApply} ...)
 * are plain CompletableFutures and never spin.
 */
public final class SpinningFuture extends CompletableFuture<TaskResult> {

    private final SpinGate gate;

    public SpinningFuture(SpinGate gate) {
        this.gate = gate;
    }

    @Override
    public TaskResult get() throws InterruptedException, ExecutionException {
        spin(Long.MAX_VALUE);
        return super.get();
    }

    @Override
    public TaskResult get(long timeout, TimeUnit unit)
            throws InterruptedException, ExecutionException, TimeoutException {
        spin(unit.toNanos(timeout));
        return super.get(timeout, unit);
    }

    @Override
    public TaskResult join() {
        spin(Long.MAX_VALUE);
        return super.join();
    }

    @Override
    public <U> CompletableFuture<U> newIncompleteFuture() {
        return new CompletableFuture<>();
    }

    private void spin(long limitNanos) {
        if (limitNanos <= 0 || isDone()) {
            return;
        }
        long allowed = gate.enter();
        if (allowed <= 0) {
            return;
        }
        try {
            long nanos = Math.min(allowed, limitNanos);
            long start = System.nanoTime();
            while (!isDone() && System.nanoTime() - start < nanos && !Thread.currentThread().isInterrupted()) {
                Thread.onSpinWait();
            }
        } finally {
            gate.leave(isDone());
        }
    }
}
