package org.offloadbench.core.offload.transport;

import java.util.concurrent.TimeUnit;

import org.offloadbench.core.measure.NanoClock;
import org.offloadbench.core.worker.StartRetry;

/**
 * What an out-of-process pool does when a worker dies, hangs or will not start. Pure decisions, so they are
 * tested without a worker; {@link TransportPool} applies them.
 *
 * <ul>
 *   <li>Retry once: a task whose worker died (or was killed on purpose for a neighbour's timeout or cancel)
 *       is sent again on another worker, once; workloads are pure, so a second run is harmless. With retry
 *       off, or on the second loss, it fails WORKER_CRASHED.</li>
 *   <li>Respawn with backoff: a lost worker is replaced at once; after a failed start the next attempt waits
 *       {@code respawnBackoffNanos}, doubled per further consecutive failure up to {@code maxRespawnBackoffNanos}.</li>
 *   <li>Stop after repeated start failures: after {@code maxStartFailures} consecutive failed starts the pool
 *       stops respawning; once no worker is left, every waiting and later task fails UNAVAILABLE.</li>
 *   <li>Backstop: a worker that times its tasks itself but neither answers nor reports a timeout well after
 *       it ({@link #backstopNanos}) is killed, and its task fails TIMED_OUT.</li>
 *   <li>Replace after a timeout: the thread that ran a timed-out task may still burn CPU, and nothing inside
 *       a JVM can stop it, so with {@code replaceAfterTimeout} its worker is killed and replaced.</li>
 * </ul>
 *
 * @param retryOnce              send a lost worker's tasks once more to another worker
 * @param maxStartFailures       consecutive failed starts after which the pool stops respawning (at least 1)
 * @param respawnBackoffNanos    the wait before the attempt after a failed start
 * @param maxRespawnBackoffNanos the longest wait between two attempts
 * @param replaceAfterTimeout    kill and replace a worker that answered TIMED_OUT
 * @param backstopMinGraceNanos  the least a backstop waits beyond the task's own timeout
 */
public record RecoveryPolicy(boolean retryOnce, int maxStartFailures, long respawnBackoffNanos,
                             long maxRespawnBackoffNanos, boolean replaceAfterTimeout, long backstopMinGraceNanos) {

    /** Longest delay between two respawn attempts by default. */
    public static final long MAX_RESPAWN_BACKOFF_NANOS = TimeUnit.SECONDS.toNanos(2);
    public static final long BACKSTOP_MIN_GRACE_NANOS = TimeUnit.SECONDS.toNanos(1);
    /** A task is sent at most this often: the first time and its one retry. */
    public static final int MAX_SENDS = 2;

    public RecoveryPolicy {
        if (maxStartFailures < 1) {
            throw new IllegalArgumentException("maxStartFailures must be >= 1, was " + maxStartFailures);
        }
        if (respawnBackoffNanos < 0 || maxRespawnBackoffNanos < 0 || backstopMinGraceNanos < 0) {
            throw new IllegalArgumentException("backoffs and grace must be >= 0: " + respawnBackoffNanos + ", "
                    + maxRespawnBackoffNanos + ", " + backstopMinGraceNanos);
        }
    }

    /** process/pipes' policy: retry once (unless off), the given start guard, replace after a timeout. */
    public static RecoveryPolicy of(boolean retryOnce, int maxStartFailures, long respawnBackoffNanos) {
        return new RecoveryPolicy(retryOnce, maxStartFailures, respawnBackoffNanos,
                Math.max(respawnBackoffNanos, MAX_RESPAWN_BACKOFF_NANOS), true, BACKSTOP_MIN_GRACE_NANOS);
    }

    /** Whether a task that has been sent {@code sends} times and lost its worker goes out once more. */
    public boolean mayRetry(int sends, boolean closing) {
        return retryOnce && sends < MAX_SENDS && !closing;
    }

    /** The wait before the next start after {@code consecutiveStartFailures} failed ones in a row. */
    public long respawnDelayNanos(int consecutiveStartFailures) {
        if (consecutiveStartFailures <= 0) {
            return 0L;
        }
        long doubled = respawnBackoffNanos << Math.min(20, consecutiveStartFailures - 1);
        return Math.min(Math.max(respawnBackoffNanos, maxRespawnBackoffNanos), doubled);
    }

    /** Whether the pool stops respawning after {@code consecutiveStartFailures} failed starts in a row. */
    public boolean givesUp(int consecutiveStartFailures) {
        return consecutiveStartFailures >= maxStartFailures;
    }

    /**
     * How long after sending a task with {@code timeoutNanos} the pool stops waiting for the worker's own
     * answer: twice the timeout, at least the timeout plus {@link #backstopMinGraceNanos}.
     */
    public long backstopNanos(long timeoutNanos) {
        return timeoutNanos + Math.max(backstopMinGraceNanos, timeoutNanos);
    }

    /** The guard of the first starts (warm-up): the same attempts and backoff as a respawn. */
    public StartRetry warmUpRetry(NanoClock clock) {
        return new StartRetry(maxStartFailures, respawnBackoffNanos,
                Math.max(respawnBackoffNanos, maxRespawnBackoffNanos), clock);
    }

    /** The suffix of a WORKER_CRASHED message, saying why the task was not retried. */
    public String noRetryReason() {
        return retryOnce ? " (it had already been retried once)" : " (retry=off)";
    }
}
