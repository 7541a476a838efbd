package org.offloadbench.core.offload.transport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.offloadbench.core.measure.FakeNanoClock;
import org.offloadbench.core.worker.StartRetry;

class RecoveryPolicyTest {
    private static final long MS = TimeUnit.MILLISECONDS.toNanos(1);

    @Test
    void aTaskIsRetriedOnceAndOnlyWhileOpen() {
        RecoveryPolicy on = RecoveryPolicy.of(true, 3, 50 * MS);
        assertTrue(on.mayRetry(1, false), "the first loss: once more");
        assertFalse(on.mayRetry(2, false), "the second loss: no more");
        assertFalse(on.mayRetry(1, true), "never while closing");
        RecoveryPolicy off = RecoveryPolicy.of(false, 3, 50 * MS);
        assertFalse(off.mayRetry(1, false));
        assertTrue(on.noRetryReason().contains("already been retried once"));
        assertTrue(off.noRetryReason().contains("retry=off"));
    }

    @Test
    void respawnIsImmediateThenBacksOffDoublingUpToTheCap() {
        RecoveryPolicy p = RecoveryPolicy.of(true, 10, 50 * MS);
        assertEquals(0, p.respawnDelayNanos(0), "a lost worker is replaced at once");
        assertEquals(50 * MS, p.respawnDelayNanos(1));
        assertEquals(100 * MS, p.respawnDelayNanos(2));
        assertEquals(200 * MS, p.respawnDelayNanos(3));
        assertEquals(RecoveryPolicy.MAX_RESPAWN_BACKOFF_NANOS, p.respawnDelayNanos(7));
        assertEquals(RecoveryPolicy.MAX_RESPAWN_BACKOFF_NANOS, p.respawnDelayNanos(1000), "no overflow");
        assertEquals(0, RecoveryPolicy.of(true, 3, 0).respawnDelayNanos(5), "backoff 0: always at once");
    }

    @Test
    void startingStopsAfterTheConfiguredRunOfFailures() {
        RecoveryPolicy p = RecoveryPolicy.of(true, 3, 0);
        assertFalse(p.givesUp(2));
        assertTrue(p.givesUp(3));
        assertThrows(IllegalArgumentException.class, () -> RecoveryPolicy.of(true, 0, 0));
    }

    @Test
    void theBackstopWaitsTwiceTheTimeoutAndAtLeastASecondBeyondIt() {
        RecoveryPolicy p = RecoveryPolicy.of(true, 3, 0);
        assertEquals(10 * MS + TimeUnit.SECONDS.toNanos(1), p.backstopNanos(10 * MS));
        assertEquals(TimeUnit.SECONDS.toNanos(10), p.backstopNanos(TimeUnit.SECONDS.toNanos(5)));
    }

    @Test
    void theWarmUpGuardTriesAsOftenAndBacksOffOnTheInjectedClock() throws IOException {
        FakeNanoClock clock = new FakeNanoClock();
        StartRetry retry = RecoveryPolicy.of(true, 3, 50 * MS).warmUpRetry(clock);
        List<Long> attemptsAt = new ArrayList<>();
        IOException e = assertThrows(IOException.class, () -> retry.start(attempt -> {
            attemptsAt.add(clock.nanoTime());
            throw new IOException("attempt " + attempt + " failed");
        }, (attempt, failure) -> { }));
        assertEquals(3, attemptsAt.size());
        assertEquals(50 * MS, attemptsAt.get(1) - attemptsAt.get(0));
        assertEquals(100 * MS, attemptsAt.get(2) - attemptsAt.get(1));
        assertTrue(e.getMessage().contains("attempt 3"), e.getMessage());
    }
}
