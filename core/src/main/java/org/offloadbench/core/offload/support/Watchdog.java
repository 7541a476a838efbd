package org.offloadbench.core.offload.support;

import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * One timer thread per offloader for task timeouts and grace checks. The thread starts on the first schedule
 * (a run without timeouts never creates it) and stops at close. Cancelled timers are removed at once, so a
 * long benchmark that finishes every task in time does not accumulate them.
 */
public final class Watchdog implements TaskTimers {
    private final ScheduledThreadPoolExecutor timer;

    public Watchdog(String threadName) {
        timer = new ScheduledThreadPoolExecutor(1, r -> {
            Thread t = new Thread(r, threadName);
            t.setDaemon(true);
            return t;
        });
        timer.setRemoveOnCancelPolicy(true);
    }

    @Override
    public Timer schedule(Runnable action, long delayNanos) {
        try {
            ScheduledFuture<?> f = timer.schedule(() -> report(action), delayNanos, TimeUnit.NANOSECONDS);
            return () -> f.cancel(false);
        } catch (RejectedExecutionException stopped) {
            if (!timer.isShutdown()) {
                throw stopped;
            }
            return null;
        }
    }

    // a ScheduledExecutor would keep an exception in a future nobody reads: hand it to the thread's handler
    private static void report(Runnable action) {
        try {
            action.run();
        } catch (Throwable t) {
            Thread self = Thread.currentThread();
            self.getUncaughtExceptionHandler().uncaughtException(self, t);
        }
    }

    @Override
    public void stop() throws InterruptedException {
        timer.shutdownNow();
        timer.awaitTermination(5, TimeUnit.SECONDS);
    }
}
