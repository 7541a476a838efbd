package org.offloadbench.core.offload.support;

/**
 * Where task timeouts and grace checks are scheduled. {@link Watchdog} is the real one; tests inject a manual
 * one that fires when told, so a timeout is tested without racing a clock.
 */
public interface TaskTimers {

    /** A scheduled action that can be called off. */
    @FunctionalInterface
    interface Timer {
        /** Calls the action off; harmless once it ran. */
        void cancel();
    }

    /**
     * Runs {@code action} after {@code delayNanos}; null when the timers are already stopped (close is in
     * progress and handles what is left itself).
     */
    Timer schedule(Runnable action, long delayNanos);

    /** Stops the timers; actions not yet run never run. */
    void stop() throws InterruptedException;
}
