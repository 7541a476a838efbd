package org.offloadbench.shm.agrona;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(30)
class SpinningFutureTest {

    @Test
    void aSpinningWaiterGetsTheValueOrTheFailureLikeAnyFuture() throws Exception {
        SpinningFuture<String> f = new SpinningFuture<>(TimeUnit.MILLISECONDS.toNanos(1));
        Thread completer = new Thread(() -> f.complete("done"));
        completer.start();
        assertEquals("done", f.get()); // spun a little, then parked until the completer ran
        completer.join();
        SpinningFuture<String> failed = new SpinningFuture<>(1_000L);
        failed.completeExceptionally(new IllegalStateException("boom"));
        assertEquals("boom", assertThrows(ExecutionException.class, failed::get).getCause().getMessage());
        assertEquals("boom", assertThrows(CompletionException.class, failed::join).getCause().getMessage());
    }

    @Test
    void aTimedGetStillTimesOutAndDependentStagesArePlainFutures() {
        SpinningFuture<String> never = new SpinningFuture<>(TimeUnit.SECONDS.toNanos(10));
        assertThrows(TimeoutException.class, () -> never.get(5, TimeUnit.MILLISECONDS),
                "the spin must stay within the caller's own timeout");
        CompletableFuture<Integer> dependent = never.thenApply(String::length);
        assertSame(CompletableFuture.class, dependent.getClass());
    }
}
