package org.offloadbench.core.worker;

import java.io.IOException;
import java.util.concurrent.TimeUnit;
import org.offloadbench.core.measure.NanoClock;

/**
 * The startup-failure guard of out-of-process models: a worker that dies or fails while starting (killed by
 * a signal, a port taken, a slow machine) is started again after a backoff that doubles, and the model gives
 * up only after {@code maxAttempts} consecutive failures, with the last failure as the reason and the earlier
 * ones attached as suppressed. The same policy {@code process/pipes} applies to its respawns.
 *
 * @param maxAttempts       starts tried before giving up (at least 1)
 * @param firstBackoffNanos wait before the second attempt; doubled before each further one
 * @param maxBackoffNanos   the longest wait between two attempts
 */
public record StartRetry(int maxAttempts, long firstBackoffNanos, long maxBackoffNanos, NanoClock clock) {

    /** Three attempts, 50 ms then 100 ms apart: a child killed while starting costs one JVM start more. */
    public static final StartRetry DEFAULT = new StartRetry(3, TimeUnit.MILLISECONDS.toNanos(50),
            TimeUnit.SECONDS.toNanos(2), NanoClock.system());

    public StartRetry {
        if (maxAttempts < 1 || firstBackoffNanos < 0 || maxBackoffNanos < firstBackoffNanos || clock == null) {
            throw new IllegalArgumentException("need maxAttempts >= 1, 0 <= firstBackoffNanos <= maxBackoffNanos"
                    + " and a clock: " + maxAttempts + ", " + firstBackoffNanos + ", " + maxBackoffNanos);
        }
    }

    /** One start attempt: returns the started worker or throws why it did not start. */
    @FunctionalInterface
    public interface Attempt<T> {
        T start(int attempt) throws IOException;
    }

    /** Called after each failed attempt that will be retried (for a line on stderr, a counter). */
    @FunctionalInterface
    public interface Listener {
        void failed(int attempt, Exception failure);
    }

    /**
     * Starts with retries.
     *
     * @throws IOException or RuntimeException: the last attempt's failure, the earlier ones suppressed in it
     * @throws java.io.InterruptedIOException when interrupted during a backoff (the interrupt flag is kept)
     */
    public <T> T start(Attempt<T> attempt, Listener listener) throws IOException {
        Exception previous = null;
        long backoff = firstBackoffNanos;
        for (int n = 1; ; n++) {
            try {
                return attempt.start(n);
            } catch (IOException | RuntimeException e) {
                if (previous != null && previous != e) {
                    e.addSuppressed(previous);
                }
                if (n >= maxAttempts) {
                    throw e;
                }
                previous = e;
                listener.failed(n, e);
            }
            try {
                clock.sleepNanos(backoff);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                java.io.InterruptedIOException stop = new java.io.InterruptedIOException(
                        "interrupted while waiting to start a worker again");
                stop.addSuppressed(previous);
                throw stop;
            }
            backoff = Math.min(maxBackoffNanos, backoff * 2);
        }
    }
}
