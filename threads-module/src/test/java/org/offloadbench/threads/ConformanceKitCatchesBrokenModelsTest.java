package org.offloadbench.threads;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectMethod;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.platform.launcher.LauncherDiscoveryRequest;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;
import org.junit.platform.launcher.listeners.SummaryGeneratingListener;
import org.junit.platform.launcher.listeners.TestExecutionSummary;
import org.offloadbench.core.conformance.OffloaderConformanceKit;
import org.offloadbench.core.offload.FailureKind;
import org.offloadbench.core.offload.OffloadException;
import org.offloadbench.core.offload.Offloader;
import org.offloadbench.core.offload.OffloaderConfig;
import org.offloadbench.core.offload.OffloaderStats;
import org.offloadbench.core.offload.Task;
import org.offloadbench.core.offload.TaskResult;

/**
 * A kit whose tests cannot fail would pass any model. Each case here runs one kit test against a model with
 * one deliberate bug (a decorator around the platform pool) and requires that test, and only it, to fail
 * for the right reason; the same kit test against the unbroken pool must pass, so the failure is the bug's.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class ConformanceKitCatchesBrokenModelsTest {

    private static final List<Offloader> CREATED = new CopyOnWriteArrayList<>();

    @AfterEach
    void closeWhatTheBrokenModelsLeft() {
        for (Offloader o : CREATED) {
            if (o instanceof Decorator d) {
                d.inner.close(Duration.ofMillis(300)); // the forgetful one never closed its pool
            }
        }
        CREATED.clear();
    }

    @ParameterizedTest(name = "{0} must fail {1}")
    @CsvSource({
            "CorruptingKit, everyWorkloadMatchesADirectRun, output differs from a direct in-thread run",
            "CorruptingKit, manyConcurrentSubmittersAllGetTheirOwnResults, output differs from a direct in-thread run",
            "TimeoutFromEnqueueKit, aTimeoutCountsFromTheStartOfExecutionNotFromEnqueue, TIMED_OUT",
            "ThrowingRejectKit, aFullQueueRejectsThroughTheFutureWithoutThrowing, submit must not throw",
            "ForgetfulCloseKit, closeWhileBusyCompletesEveryFutureAndLeavesNothingRunning, close must report false",
            "MiscountingKit, aThrowingWorkloadFailsWithItsOwnMessageAndTheModelKeepsWorking, counted more than once",
            "CopyingTransferKit, copyOnSendLeavesTheCallerFreeToReuseItsArray, output differs from a direct in-thread run",
    })
    void theKitCatchesTheBug(String brokenKit, String kitTest, String expectedReason) throws Exception {
        TestExecutionSummary control = run(GoodKit.class, kitTest);
        assertEquals(1, control.getTestsSucceededCount(), () -> "control: " + kitTest + " must pass on the real pool: "
                + describe(control));

        Class<?> kit = Class.forName(getClass().getName() + "$" + brokenKit);
        TestExecutionSummary summary = run(kit, kitTest);
        assertEquals(1, summary.getTotalFailureCount(), () -> brokenKit + " passed " + kitTest + ": " + describe(summary));
        String reason = summary.getFailures().get(0).getException().toString();
        assertTrue(reason.contains(expectedReason), () -> kitTest + " failed for another reason: " + reason);
    }

    private static TestExecutionSummary run(Class<?> kit, String method) {
        LauncherDiscoveryRequest request = LauncherDiscoveryRequestBuilder.request()
                .selectors(selectMethod(kit, method))
                .build();
        SummaryGeneratingListener listener = new SummaryGeneratingListener();
        LauncherFactory.create().execute(request, listener);
        return listener.getSummary();
    }

    private static String describe(TestExecutionSummary s) {
        return "found " + s.getTestsFoundCount() + ", succeeded " + s.getTestsSucceededCount() + ", skipped "
                + s.getTestsSkippedCount() + ", failures " + s.getFailures().stream()
                .map(f -> f.getException().toString()).toList();
    }

    private static Offloader track(Offloader o) {
        CREATED.add(o);
        return o;
    }

    // ---- the kits: one per bug; nested, so surefire does not run them on their own ----

    static class GoodKit extends OffloaderConformanceKit {
        @Override
        protected Offloader create(OffloaderConfig config) {
            return track(new PlatformPoolOffloader(config));
        }
    }

    static class CorruptingKit extends OffloaderConformanceKit {
        @Override
        protected Offloader create(OffloaderConfig config) {
            return track(new Decorator(new PlatformPoolOffloader(config)) {
                @Override
                public CompletableFuture<TaskResult> submit(Task task) {
                    return inner.submit(task).thenApply(r -> {
                        byte[] out = r.output().clone();
                        if (out.length > 0) {
                            out[out.length - 1] ^= 1; // one flipped bit, checksum recomputed to match it
                        }
                        return new TaskResult(out, org.offloadbench.core.workload.Checksums.of(out), r.queueNanos(),
                                r.runNanos(), r.workerId());
                    });
                }
            });
        }
    }

    static class TimeoutFromEnqueueKit extends OffloaderConformanceKit {
        @Override
        protected Offloader create(OffloaderConfig config) {
            return track(new Decorator(new PlatformPoolOffloader(config)) {
                @Override
                public CompletableFuture<TaskResult> submit(Task task) {
                    if (!task.hasTimeout()) {
                        return inner.submit(task);
                    }
                    // the classic mistake: the clock starts at submit, so queue time eats the budget
                    return inner.submit(task.withTimeoutNanos(0))
                            .orTimeout(task.timeoutNanos(), TimeUnit.NANOSECONDS)
                            .exceptionally(e -> {
                                if (e instanceof TimeoutException || e.getCause() instanceof TimeoutException) {
                                    throw OffloadException.timedOut("timed out from enqueue");
                                }
                                throw new IllegalStateException(e);
                            });
                }
            });
        }
    }

    static class ThrowingRejectKit extends OffloaderConformanceKit {
        @Override
        protected Offloader create(OffloaderConfig config) {
            return track(new Decorator(new PlatformPoolOffloader(config)) {
                @Override
                public CompletableFuture<TaskResult> submit(Task task) {
                    CompletableFuture<TaskResult> f = inner.submit(task);
                    if (f.isCompletedExceptionally()) {
                        OffloadException e = OffloadException.find(f.handle((r, t) -> t).join());
                        if (e != null && e.kind() == FailureKind.REJECTED) {
                            throw e;
                        }
                    }
                    return f;
                }
            });
        }
    }

    static class ForgetfulCloseKit extends OffloaderConformanceKit {
        @Override
        protected Offloader create(OffloaderConfig config) {
            return track(new Decorator(new PlatformPoolOffloader(config)) {
                @Override
                public boolean close(Duration timeout) {
                    return true; // forgets to close its pool
                }
            });
        }
    }

    static class MiscountingKit extends OffloaderConformanceKit {
        @Override
        protected Offloader create(OffloaderConfig config) {
            return track(new Decorator(new PlatformPoolOffloader(config)) {
                @Override
                public OffloaderStats stats() {
                    OffloaderStats s = inner.stats();
                    // counts a failed task as completed too
                    return new OffloaderStats(s.workers(), s.queueDepth(), s.inFlight(), s.completed() + s.failed(),
                            s.failed(), s.timedOut(), s.rejected(), s.cancelled(), s.respawned(), s.abandoned());
                }
            });
        }
    }

    static class CopyingTransferKit extends OffloaderConformanceKit {
        @Override
        protected Offloader create(OffloaderConfig config) {
            return track(new Decorator(new PlatformPoolOffloader(config)) {
                @Override
                public CompletableFuture<TaskResult> submit(Task task) {
                    // ignores COPY: hands the caller's own array over, so later writes by the caller leak in
                    return inner.submit(new Task(task.workloadId(), task.input(), task.timeoutNanos(),
                            Task.Handoff.TRANSFER));
                }
            });
        }
    }

    /** Passes everything through; each broken kit overrides one method. */
    private static class Decorator implements Offloader {
        final Offloader inner;

        Decorator(Offloader inner) {
            this.inner = inner;
        }

        @Override
        public String name() {
            return inner.name();
        }

        @Override
        public CompletableFuture<TaskResult> submit(Task task) {
            return inner.submit(task);
        }

        @Override
        public OffloaderStats stats() {
            return inner.stats();
        }

        @Override
        public boolean close(Duration timeout) {
            return inner.close(timeout);
        }
    }
}
