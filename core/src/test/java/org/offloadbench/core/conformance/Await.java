package org.offloadbench.core.conformance;

import static org.junit.jupiter.api.Assertions.fail;

import java.time.Duration;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

import org.offloadbench.core.offload.OffloadException;
import org.offloadbench.core.offload.TaskResult;

/**
 * Liveness waits for the kit. Every wait is bounded and its failure message says what was awaited and what
 * the state was; none of them is a performance assertion (limits are many times the expected time).
 */
public final class Await {
    /** The most any single future or condition may take in the kit; liveness only. */
    public static final Duration LIVENESS = Duration.ofSeconds(30);

    private Await() {
    }

    public static void until(String what, BooleanSupplier condition, Supplier<String> state) {
        long deadline = System.nanoTime() + LIVENESS.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() - deadline > 0) {
                fail("gave up after " + LIVENESS.toSeconds() + " s waiting for " + what + "; state: " + state.get());
            }
            try {
                Thread.sleep(2);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                fail("interrupted while waiting for " + what, e);
            }
        }
    }

    /** The result of a future that must succeed. */
    public static TaskResult result(CompletableFuture<TaskResult> future, String what) {
        try {
            return future.get(LIVENESS.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            return fail(what + " failed: " + e.getCause(), e.getCause());
        } catch (TimeoutException e) {
            return fail(what + " did not complete within " + LIVENESS.toSeconds() + " s");
        } catch (CancellationException e) {
            return fail(what + " was cancelled", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return fail("interrupted while waiting for " + what, e);
        }
    }

    /** The OffloadException of a future that must fail. */
    public static OffloadException failure(CompletableFuture<TaskResult> future, String what) {
        try {
            TaskResult r = future.get(LIVENESS.toMillis(), TimeUnit.MILLISECONDS);
            return fail(what + " should have failed but returned " + r.output().length + " bytes from "
                    + r.workerId());
        } catch (ExecutionException e) {
            OffloadException oe = OffloadException.find(e);
            if (oe == null) {
                return fail(what + " failed with " + e.getCause() + " instead of an OffloadException", e.getCause());
            }
            return oe;
        } catch (TimeoutException e) {
            return fail(what + " did not complete within " + LIVENESS.toSeconds() + " s");
        } catch (CancellationException e) {
            return fail(what + " was cancelled", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return fail("interrupted while waiting for " + what, e);
        }
    }
}
