package org.offloadbench.core.measure;

import java.util.concurrent.atomic.AtomicLong;

/** A clock that moves only when told to, or when someone sleeps on it (the sleep jumps to its deadline). */
public final class FakeNanoClock implements NanoClock {
    private final AtomicLong now = new AtomicLong(1_000_000_000L);

    @Override
    public long nanoTime() {
        return now.get();
    }

    @Override
    public void sleepUntil(long deadlineNanos) throws InterruptedException {
        if (Thread.interrupted()) {
            throw new InterruptedException("interrupted");
        }
        now.accumulateAndGet(deadlineNanos, Math::max);
    }

    public void advance(long nanos) {
        now.addAndGet(nanos);
    }
}
