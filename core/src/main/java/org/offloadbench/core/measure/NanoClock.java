package org.offloadbench.core.measure;

import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * Time as the measuring code sees it: a monotonic nanosecond counter and a way to wait on it. Injected
 * everywhere a measurement reads time, so scheduling math and percentiles are tested with a fake clock
 * instead of by racing the real one on a noisy machine.
 */
public interface NanoClock {

    /** A monotonic reading in nanoseconds; only differences mean anything. */
    long nanoTime();

    /**
     * Returns once {@link #nanoTime()} has reached {@code deadlineNanos} (at once when it already has).
     *
     * @throws InterruptedException when the waiting thread is interrupted
     */
    void sleepUntil(long deadlineNanos) throws InterruptedException;

    default void sleepNanos(long nanos) throws InterruptedException {
        sleepUntil(nanoTime() + nanos);
    }

    /**
     * Takes a permit from {@code permits}, waiting until {@link #nanoTime()} reaches {@code deadlineNanos} at
     * most. This default polls on {@link #sleepUntil} (so a fake clock jumps ahead instead of blocking); the
     * system clock blocks on the semaphore itself and wakes as soon as a permit is released.
     *
     * @return whether a permit was taken
     * @throws InterruptedException when the waiting thread is interrupted
     */
    default boolean acquireUntil(Semaphore permits, long deadlineNanos) throws InterruptedException {
        while (!permits.tryAcquire()) {
            long now = nanoTime();
            if (now >= deadlineNanos) {
                return false;
            }
            sleepUntil(Math.min(deadlineNanos, now + TimeUnit.MICROSECONDS.toNanos(100)));
        }
        return true;
    }

    /** {@link System#nanoTime()}, parking for long waits and yielding for the last stretch. */
    static NanoClock system() {
        return SystemNanoClock.INSTANCE;
    }
}

/** Parks while far from the deadline; the last ~100 us are yielded away, because a park overshoots by
 * 50 us or more on Linux and a pure spin would burn a whole core of a two-core machine. */
enum SystemNanoClock implements NanoClock {
    INSTANCE;

    private static final long SPIN_THRESHOLD_NANOS = 100_000;

    @Override
    public long nanoTime() {
        return System.nanoTime();
    }

    @Override
    public void sleepUntil(long deadlineNanos) throws InterruptedException {
        while (true) {
            if (Thread.interrupted()) {
                throw new InterruptedException("interrupted while waiting for the clock");
            }
            long remaining = deadlineNanos - System.nanoTime();
            if (remaining <= 0) {
                return;
            }
            if (remaining > SPIN_THRESHOLD_NANOS) {
                LockSupport.parkNanos(remaining - SPIN_THRESHOLD_NANOS);
            } else {
                Thread.yield();
            }
        }
    }

    @Override
    public boolean acquireUntil(Semaphore permits, long deadlineNanos) throws InterruptedException {
        return permits.tryAcquire() || permits.tryAcquire(Math.max(0, deadlineNanos - System.nanoTime()),
                TimeUnit.NANOSECONDS);
    }
}
