package org.offloadbench.core.offload.support;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/** Timers that fire only when a test says so, and a clock that moves only when told: no race with real time. */
public final class ManualTimers implements TaskTimers {
    /** One scheduled action: when it was scheduled (on the fake clock), its delay, whether it is still due. */
    public final class Scheduled implements Timer {
        public final long scheduledAtNanos;
        public final long delayNanos;
        private final Runnable action;
        private boolean cancelled;
        private boolean ran;

        Scheduled(long scheduledAtNanos, long delayNanos, Runnable action) {
            this.scheduledAtNanos = scheduledAtNanos;
            this.delayNanos = delayNanos;
            this.action = action;
        }

        @Override
        public synchronized void cancel() {
            cancelled = true;
        }

        public synchronized boolean isCancelled() {
            return cancelled;
        }

        /** Runs the action now, unless cancelled or already run. */
        public void fire() {
            synchronized (this) {
                if (cancelled || ran) {
                    return;
                }
                ran = true;
            }
            action.run();
        }
    }

    public final AtomicLong clock = new AtomicLong(1_000_000_000L);
    private final List<Scheduled> scheduled = new ArrayList<>();
    private boolean stopped;

    @Override
    public synchronized Timer schedule(Runnable action, long delayNanos) {
        if (stopped) {
            return null;
        }
        Scheduled s = new Scheduled(clock.get(), delayNanos, action);
        scheduled.add(s);
        return s;
    }

    @Override
    public synchronized void stop() {
        stopped = true;
    }

    public synchronized List<Scheduled> scheduled() {
        return List.copyOf(scheduled);
    }

    public synchronized boolean isStopped() {
        return stopped;
    }

    public long nanoTime() {
        return clock.get();
    }
}
