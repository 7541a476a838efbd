package org.offloadbench.core.offload.support;

import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.offloadbench.core.offload.TaskResult;

/** Liveness only: a spinning get still returns the result, still times out, and still parks when nothing comes. */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class SpinningFutureTest {

    private static final TaskResult RESULT = new TaskResult(new byte[] {1}, 0L, 0L, 0L, "test");

    @Test
    void aSpinningCallerGetsTheResultCompletedByAnotherThread() throws Exception {
        for (long spinNanos : new long[] {0L, TimeUnit.MICROSECONDS.toNanos(50), TimeUnit.SECONDS.toNanos(1)}) {
            SpinningFuture f = new SpinningFuture(SpinGate.fixed(spinNanos));
            Thread completer = new Thread(() -> f.complete(RESULT));
            completer.start();
            assertSame(RESULT, f.get());
            assertSame(RESULT, f.join());
            completer.join();
        }
    }

    @Test
    void aTimedGetNeverSpinsPastItsTimeoutAndAnUnansweredGetParksAfterTheSpin() throws Exception {
        SpinningFuture f = new SpinningFuture(SpinGate.fixed(TimeUnit.SECONDS.toNanos(1)));
        assertThrows(TimeoutException.class, () -> f.get(1, TimeUnit.MILLISECONDS));
        Thread late = new Thread(() -> {
            try {
                Thread.sleep(1_500); // after the spin: the caller must have parked and still be woken
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            f.complete(RESULT);
        });
        late.start();
        assertSame(RESULT, f.get());
        late.join();
    }

    @Test
    void dependentStagesArePlainFutures() {
        SpinningFuture f = new SpinningFuture(SpinGate.fixed(1_000L));
        CompletableFuture<Integer> next = f.thenApply(r -> r.output().length);
        assertSame(CompletableFuture.class, next.getClass());
        f.complete(RESULT);
        assertSame(1, next.join());
    }
}
