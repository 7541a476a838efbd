package org.offloadbench.cluster.worker;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Consumer;
import java.util.function.LongSupplier;

/**
 * One thread that acts on the requests running inline (on their connection's thread) when they are due: a
 * request still running after the hand-off delay gets a new reader for its connection, one past its timeout
 * gets its 504. It replaces one timer per request.
 *
 * <p>Why not a {@code ScheduledExecutorService}: scheduling a task that becomes the queue's head wakes the
 * timer thread, so with a few requests in flight every request paid a cross-thread wake-up on its critical
 * path. Here the thread ticks while requests come in (every {@code tickNanos}, sooner when something is due
 * sooner), so {@link #watch} only wakes it after it has fallen asleep (no request for {@code lingerNanos}).
 * Due times are honoured within one tick.
 */
final class InlineWatchdog implements AutoCloseable {
    /** What {@link Watched#check} returns when nothing more is due. */
    static final long NOTHING_DUE = Long.MAX_VALUE;

    /** Something with due times. */
    interface Watched {
        /** Acts on what is due at {@code nowNanos}; returns the next due time or {@link #NOTHING_DUE}. */
        long check(long nowNanos);
    }

    private final Set<Watched> watched = ConcurrentHashMap.newKeySet();
    private final LongSupplier nanoTime;
    private final long tickNanos;
    private final long lingerNanos;
    private final Consumer<String> log;
    private final Thread thread;
    private volatile boolean asleep;
    private volatile long plannedWakeNanos;
    private volatile long lastWatchNanos;
    private volatile boolean closed;

    InlineWatchdog(String threadName, long tickNanos, long lingerNanos, LongSupplier nanoTime, Consumer<String> log) {
        this.tickNanos = tickNanos;
        this.lingerNanos = lingerNanos;
        this.nanoTime = nanoTime;
        this.log = log;
        this.lastWatchNanos = nanoTime.getAsLong();
        this.thread = new Thread(this::loop, threadName);
        thread.setDaemon(true);
        thread.start();
    }

    /** Starts watching {@code w}, first due at {@code dueNanos}. */
    void watch(Watched w, long nowNanos, long dueNanos) {
        watched.add(w);
        lastWatchNanos = nowNanos;
        if (asleep || dueNanos - plannedWakeNanos < 0) {
            LockSupport.unpark(thread);
        }
    }

    /** Stops watching {@code w} (it finished); no wake-up needed. */
    void unwatch(Watched w) {
        watched.remove(w);
    }

    private void loop() {
        while (!closed) {
            long now = nanoTime.getAsLong();
            long next = now + tickNanos;
            for (Watched w : watched) {
                long due;
                try {
                    due = w.check(now);
                } catch (RuntimeException e) {
                    log.accept("inline watchdog: a check failed, no longer watching that request: " + e);
                    due = NOTHING_DUE;
                }
                if (due == NOTHING_DUE) {
                    watched.remove(w);
                } else if (due - next < 0) {
                    next = due;
                }
            }
            if (watched.isEmpty() && now - lastWatchNanos > lingerNanos) {
                plannedWakeNanos = now + Long.MAX_VALUE / 2;
                asleep = true;
                if (watched.isEmpty() && !closed) { // re-check after publishing "asleep": watch() saw it or we see it
                    LockSupport.park(this);
                }
                asleep = false;
                continue;
            }
            plannedWakeNanos = next;
            LockSupport.parkNanos(this, Math.max(1L, next - now));
        }
    }

    @Override
    public void close() {
        closed = true;
        LockSupport.unpark(thread);
    }
}
