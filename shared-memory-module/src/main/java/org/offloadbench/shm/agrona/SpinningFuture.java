package org.offloadbench.shm.agrona;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The future a {@code shm/agrona} submit returns: a caller blocked in {@link #get()} or {@link #join()} first
 * spins for up to {@code spinNanos} (the wait strategy's share of the caller's side), then parks as usual.
 * With {@code wait=busy-spin} the driver's completion then needs no futex wake-up of the caller, which is
 * most of a small task's round trip on a virtual machine. Dependent stages are plain futures.
 */
final class SpinningFuture<T> extends CompletableFuture<T> {
    private final long spinNanos;

    SpinningFuture(long spinNanos) {
        this.spinNanos = spinNanos;
    }

    /** Spins until done or {@code limitNanos} have passed; true when done. */
    private boolean spin(long limitNanos) {
        if (limitNanos <= 0 || isDone()) {
            return isDone();
        }
        long start = System.nanoTime();
        while (!isDone()) {
            if (System.nanoTime() - start > limitNanos) {
                return false;
            }
            Thread.onSpinWait();
        }
        return true;
    }

    @Override
    public T get() throws InterruptedException, ExecutionException {
        spin(spinNanos);
        return super.get();
    }

    @Override
    public T get(long timeout, TimeUnit unit) throws InterruptedException, ExecutionException, TimeoutException {
        long limit = unit.toNanos(timeout);
        long start = System.nanoTime();
        spin(Math.min(spinNanos, limit));
        return super.get(Math.max(0L, limit - (System.nanoTime() - start)), TimeUnit.NANOSECONDS);
    }

    @Override
    public T join() {
        spin(spinNanos);
        return super.join();
    }

    @Override
    public <U> CompletableFuture<U> newIncompleteFuture() {
        return new CompletableFuture<>();
    }
}
