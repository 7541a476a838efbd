package org.offloadbench.core.worker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.offloadbench.core.measure.FakeNanoClock;

class StartRetryTest {
    private static final long MS = TimeUnit.MILLISECONDS.toNanos(1);
    private final FakeNanoClock clock = new FakeNanoClock();
    private final StartRetry retry = new StartRetry(3, 50 * MS, 80 * MS, clock);

    @Test
    void aWorkerThatDiesWhileStartingIsStartedAgainAfterABackoff() throws Exception {
        List<Integer> failedAttempts = new ArrayList<>();
        long before = clock.nanoTime();
        String worker = retry.start(n -> {
            if (n < 3) {
                throw new IOException("killed while starting (" + n + ")");
            }
            return "worker " + n;
        }, (n, e) -> failedAttempts.add(n));
        assertEquals("worker 3", worker);
        assertEquals(List.of(1, 2), failedAttempts);
        assertEquals(50 * MS + 80 * MS, clock.nanoTime() - before, "50 ms, then doubled but capped at 80 ms");
    }

    @Test
    void repeatedFailuresGiveUpWithTheLastFailureAndTheEarlierOnesAttached() {
        List<Integer> attempts = new ArrayList<>();
        IOException last = assertThrows(IOException.class, () -> retry.start(n -> {
            attempts.add(n);
            throw new IOException("no start " + n);
        }, (n, e) -> { }));
        assertEquals(List.of(1, 2, 3), attempts, "exactly maxAttempts starts, no more");
        assertEquals("no start 3", last.getMessage());
        assertEquals("no start 2", last.getSuppressed()[0].getMessage());
        assertEquals("no start 1", last.getSuppressed()[0].getSuppressed()[0].getMessage());
    }

    @Test
    void aFirstStartThatWorksNeitherWaitsNorRetries() throws Exception {
        long before = clock.nanoTime();
        Object started = new Object();
        assertSame(started, retry.start(n -> started, (n, e) -> {
            throw new AssertionError("no failure expected");
        }));
        assertEquals(before, clock.nanoTime());
    }

    @Test
    void badPoliciesAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> new StartRetry(0, MS, MS, clock));
        assertThrows(IllegalArgumentException.class, () -> new StartRetry(2, 2 * MS, MS, clock));
    }
}
