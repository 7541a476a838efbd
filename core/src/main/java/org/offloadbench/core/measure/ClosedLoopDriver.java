package org.offloadbench.core.measure;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.offloadbench.core.offload.Offloader;
import org.offloadbench.core.offload.Task;
import org.offloadbench.core.offload.TaskResult;

/**
 * Saturated throughput: keeps exactly {@code outstanding} tasks in flight - a new one goes out when one
 * comes back - until the time or count bound, and verifies every reply. It is closed-loop on purpose
 * (it measures capacity, not latency under load; that is {@link OpenLoopRunner}'s job).
 */
public final class ClosedLoopDriver {
    private static final long PERMIT_POLL_MILLIS = 50;

    private final NanoClock clock;

    public ClosedLoopDriver(NanoClock clock) {
        this.clock = clock;
    }

    /**
     * @param outstanding       tasks kept in flight
     * @param durationNanos     stop submitting after this long
     * @param maxOps            stop submitting after this many
     * @param drainTimeoutNanos how long to wait for the last replies
     * @throws ChecksumMismatchException when any reply's bytes differ from the expected (the run is void)
     * @throws InterruptedException      when the caller is interrupted
     */
    public ClosedLoopResult run(Offloader offloader, Task task, ReplyVerifier verifier, int outstanding,
                                long durationNanos, long maxOps, long drainTimeoutNanos) throws InterruptedException {
        if (outstanding < 1 || durationNanos <= 0 || maxOps < 1) {
            throw new IllegalArgumentException("outstanding, durationNanos and maxOps must be positive");
        }
        Semaphore permits = new Semaphore(outstanding);
        AtomicLong completed = new AtomicLong();
        AtomicLong failed = new AtomicLong();
        AtomicLong lastReplyNanos = new AtomicLong();
        AtomicReference<String> firstFailure = new AtomicReference<>();
        AtomicReference<ChecksumMismatchException> mismatch = new AtomicReference<>();

        long start = clock.nanoTime();
        lastReplyNanos.set(start);
        long submitted = 0;
        while (submitted < maxOps && clock.nanoTime() - start < durationNanos && mismatch.get() == null) {
            if (!permits.tryAcquire(PERMIT_POLL_MILLIS, TimeUnit.MILLISECONDS)) {
                continue; // re-check the time bound: a stuck model must not hold the run past its budget
            }
            submitted++;
            CompletableFuture<TaskResult> future;
            try {
                future = offloader.submit(task);
            } catch (RuntimeException e) {
                permits.release();
                failed.incrementAndGet();
                firstFailure.compareAndSet(null, e.toString());
                continue;
            }
            future.whenComplete((result, error) -> {
                try {
                    if (error != null) {
                        failed.incrementAndGet();
                        firstFailure.compareAndSet(null, String.valueOf(error.getMessage()));
                    } else {
                        verifier.verify(result);
                        completed.incrementAndGet();
                    }
                } catch (ChecksumMismatchException e) {
                    mismatch.compareAndSet(null, e);
                } finally {
                    lastReplyNanos.accumulateAndGet(clock.nanoTime(), Math::max);
                    permits.release();
                }
            });
        }
        // the drain is bounded in real time, so even a fake clock that never moves cannot hang here
        if (permits.tryAcquire(outstanding, drainTimeoutNanos, TimeUnit.NANOSECONDS)) {
            permits.release(outstanding);
        }
        if (mismatch.get() != null) {
            throw mismatch.get();
        }
        long unfinished = outstanding - permits.availablePermits();
        long end = unfinished > 0 ? clock.nanoTime() : lastReplyNanos.get();
        return new ClosedLoopResult(completed.get(), failed.get(), unfinished, end - start, firstFailure.get());
    }
}
