package org.offloadbench.core.measure;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.offloadbench.core.offload.OffloadException;
import org.offloadbench.core.offload.Offloader;
import org.offloadbench.core.offload.OffloaderStats;
import org.offloadbench.core.offload.Task;
import org.offloadbench.core.offload.TaskResult;
import org.offloadbench.core.workload.Checksums;

@Timeout(60)
class ClosedLoopDriverTest {
    private static final long MS = TimeUnit.MILLISECONDS.toNanos(1);

    /** Runs "reverse the bytes" on a small pool, optionally mangling replies; counts peak concurrency. */
    static class PoolOffloader implements Offloader {
        final ExecutorService pool = Executors.newFixedThreadPool(4);
        final AtomicInteger inFlight = new AtomicInteger();
        final AtomicInteger peak = new AtomicInteger();
        final UnaryOperator<byte[]> mangle;

        PoolOffloader(UnaryOperator<byte[]> mangle) {
            this.mangle = mangle;
        }

        @Override
        public String name() {
            return "test/pool";
        }

        @Override
        public CompletableFuture<TaskResult> submit(Task task) {
            peak.accumulateAndGet(inFlight.incrementAndGet(), Math::max);
            return CompletableFuture.supplyAsync(() -> {
                byte[] out = reverse(task.input());
                inFlight.decrementAndGet();
                return new TaskResult(mangle.apply(out), Checksums.of(out), 0, 0, "w");
            }, pool);
        }

        @Override
        public OffloaderStats stats() {
            return new OffloaderStats(4, 0, inFlight.get(), 0, 0, 0, 0, 0, 0, 0);
        }

        @Override
        public boolean close(Duration timeout) {
            pool.shutdownNow();
            return true;
        }
    }

    static byte[] reverse(byte[] in) {
        byte[] out = new byte[in.length];
        for (int i = 0; i < in.length; i++) {
            out[i] = in[in.length - 1 - i];
        }
        return out;
    }

    private final byte[] input = {1, 2, 3, 4, 5};
    private final ReplyVerifier verifier = new ReplyVerifier("test/pool", "reverse", Checksums.of(reverse(input)));

    @Test
    void keepsKTasksInFlightUntilTheCountBound() throws Exception {
        try (PoolOffloader offloader = new PoolOffloader(b -> b)) {
            ClosedLoopResult result = new ClosedLoopDriver(NanoClock.system())
                    .run(offloader, Task.of("reverse", input), verifier, 3, 60_000 * MS, 2_000, 10_000 * MS);
            assertEquals(2_000, result.completed());
            assertEquals(0, result.failed());
            assertEquals(0, result.unfinished());
            assertTrue(offloader.peak.get() <= 3, "more than K in flight: " + offloader.peak.get());
            assertTrue(result.throughputPerSecond() > 0);
        }
    }

    @Test
    void throughputIsCompletedOverElapsedClockTime() throws Exception {
        FakeNanoClock clock = new FakeNanoClock();
        Offloader inline = new PoolOffloader(b -> b) {
            @Override
            public CompletableFuture<TaskResult> submit(Task task) {
                clock.advance(MS); // each task "takes" 1 ms of clock time
                byte[] out = reverse(task.input());
                return CompletableFuture.completedFuture(new TaskResult(out, Checksums.of(out), 0, 0, "w"));
            }
        };
        ClosedLoopResult result = new ClosedLoopDriver(clock)
                .run(inline, Task.of("reverse", input), verifier, 1, 60_000 * MS, 500, 1_000 * MS);
        inline.close();
        assertEquals(500, result.completed());
        assertEquals(500 * MS, result.elapsedNanos());
        assertEquals(1000.0, result.throughputPerSecond(), 1e-9);
    }

    @Test
    void wrongBytesFailTheRunInsteadOfLookingFast() {
        try (PoolOffloader offloader = new PoolOffloader(b -> new byte[] {9})) {
            ChecksumMismatchException e = assertThrows(ChecksumMismatchException.class,
                    () -> new ClosedLoopDriver(NanoClock.system())
                            .run(offloader, Task.of("reverse", input), verifier, 2, 60_000 * MS, 100, 10_000 * MS));
            assertTrue(e.getMessage().contains("test/pool returned wrong bytes for reverse"), e.getMessage());
        }
    }

    @Test
    void failuresAreCountedAndTheTimeBoundHolds() throws Exception {
        Offloader failing = new PoolOffloader(b -> b) {
            @Override
            public CompletableFuture<TaskResult> submit(Task task) {
                return CompletableFuture.failedFuture(OffloadException.rejected("queue full (capacity 0)"));
            }
        };
        ClosedLoopResult result = new ClosedLoopDriver(NanoClock.system())
                .run(failing, Task.of("reverse", input), verifier, 2, 50 * MS, Long.MAX_VALUE, 1_000 * MS);
        failing.close();
        assertEquals(0, result.completed());
        assertTrue(result.failed() > 0);
        assertTrue(result.firstFailure().contains("queue full"), result.firstFailure());
    }
}
