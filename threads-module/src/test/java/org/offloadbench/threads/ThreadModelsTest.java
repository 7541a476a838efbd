package org.offloadbench.threads;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.offloadbench.core.conformance.Await;
import org.offloadbench.core.offload.FailureKind;
import org.offloadbench.core.offload.OffloadException;
import org.offloadbench.core.offload.Offloader;
import org.offloadbench.core.offload.OffloaderConfig;
import org.offloadbench.core.offload.OffloaderProvider;
import org.offloadbench.core.offload.OffloaderRegistry;
import org.offloadbench.core.offload.OffloaderStats;
import org.offloadbench.core.offload.Task;
import org.offloadbench.core.offload.TaskResult;
import org.offloadbench.core.offload.TransferableBuffer;
import org.offloadbench.core.workload.fault.FaultHang;
import org.offloadbench.core.workload.fault.FaultSleep;

/** What the kit leaves to each model: registration, options, zero-copy transfer, dispatch, abandonment. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class ThreadModelsTest {
    private static final List<String> NAMES = List.of(PlatformPoolOffloader.NAME, ForkJoinOffloader.NAME,
            VirtualThreadOffloader.NAME, MailboxOffloader.NAME);
    private static final FaultSleep SLEEP = new FaultSleep();

    static Stream<OffloaderProvider> providers() {
        OffloaderRegistry registry = OffloaderRegistry.load();
        return NAMES.stream().map(registry::get);
    }

    static Stream<OffloaderProvider> availableProviders() {
        return providers().filter(p -> p.availability().available());
    }

    @Test
    void allFourAreRegisteredWithHonestTraits() {
        OffloaderRegistry registry = OffloaderRegistry.load();
        assertTrue(registry.names().containsAll(NAMES), registry.names().toString());
        providers().forEach(p -> {
            assertEquals("threads", p.traits().family(), p.name());
            assertTrue(p.traits().zeroCopy(), p.name() + ": Task.transferring hands arrays over without a copy");
            assertFalse(p.description().isBlank(), p.name());
            assertFalse(p.traits().nodeAnalog().isBlank(), p.name());
        });
    }

    @Test
    void virtualThreadsAreAvailableExactlyOnJdk21AndNewer() {
        OffloaderProvider virtual = OffloaderRegistry.load().get(VirtualThreadOffloader.NAME);
        if (Runtime.version().feature() >= 21) {
            assertTrue(virtual.availability().available(), virtual.availability().reason());
            try (Offloader o = virtual.create(OffloaderConfig.of(1, 1))) {
                assertEquals(VirtualThreadOffloader.NAME, o.name());
            }
        } else {
            assertFalse(virtual.availability().available());
            assertTrue(virtual.availability().reason().contains("JDK 21"), virtual.availability().reason());
            OffloadException e = assertThrows(OffloadException.class, () -> virtual.create(OffloaderConfig.of(1, 1)));
            assertEquals(FailureKind.UNAVAILABLE, e.kind());
        }
    }

    @ParameterizedTest
    @MethodSource("availableProviders")
    void providerNamesMatchTheirOffloaders(OffloaderProvider provider) {
        try (Offloader o = provider.create(OffloaderConfig.of(2, 2))) {
            assertEquals(provider.name(), o.name());
            // pools start their threads up front; the virtual model has a thread only while a task lives
            int expected = provider.name().equals(VirtualThreadOffloader.NAME) ? 0 : 2;
            assertEquals(expected, o.stats().workers(), o.stats().toString());
        }
    }

    @Test
    void badOptionValuesNameTheValidChoices() {
        var dispatch = assertThrows(IllegalArgumentException.class,
                () -> new MailboxOffloader(OffloaderConfig.of(1, 1).withOption(MailboxOffloader.DISPATCH, "random")));
        assertTrue(dispatch.getMessage().contains("least-loaded, round-robin"), dispatch.getMessage());
        var grace = assertThrows(IllegalArgumentException.class,
                () -> new PlatformPoolOffloader(OffloaderConfig.of(1, 1).withOption("abandonGraceMillis", "soon")));
        assertTrue(grace.getMessage().contains("abandonGraceMillis") && grace.getMessage().contains("1..60000"),
                grace.getMessage());
        var unknown = assertThrows(IllegalArgumentException.class,
                () -> new ForkJoinOffloader(OffloaderConfig.of(1, 1).withOption("dispatch", "round-robin")));
        assertTrue(unknown.getMessage().contains("valid: abandonGraceMillis"), unknown.getMessage());
    }

    /** fault-sleep returns the very array it was given, so identity shows whether the model copied. */
    @ParameterizedTest
    @MethodSource("availableProviders")
    void transferHandsTheSameArrayToTheWorkerAndCopyDoesNot(OffloaderProvider provider) {
        try (Offloader o = provider.create(OffloaderConfig.of(1, 4))) {
            byte[] transferred = SLEEP.input(0);
            TaskResult viaTransfer = Await.result(
                    o.submit(Task.transferring(FaultSleep.ID, new TransferableBuffer(transferred))), "transfer");
            assertSame(transferred, viaTransfer.output(), "a transferred array must reach the worker uncopied");

            byte[] copied = SLEEP.input(0);
            TaskResult viaCopy = Await.result(o.submit(Task.of(FaultSleep.ID, copied)), "copy");
            assertNotSame(copied, viaCopy.output(), "copy on send must give the worker its own array");
            assertArrayEquals(copied, viaCopy.output());
        }
    }

    /** A timeout's interrupt must never reach the next task on the same thread, however close the race. */
    @ParameterizedTest
    @MethodSource("availableProviders")
    void aTimeoutInterruptNeverLeaksIntoTheNextTask(OffloaderProvider provider) {
        try (Offloader o = provider.create(OffloaderConfig.of(1, 4))) {
            for (int i = 0; i < 40; i++) {
                // runs about as long as its timeout: sometimes it finishes, sometimes it times out
                Task racing = Task.of(FaultSleep.ID, SLEEP.input(i % 2 == 0 ? 5 : 10_000))
                        .withTimeoutNanos(TimeUnit.MILLISECONDS.toNanos(5));
                CompletableFuture<TaskResult> first = o.submit(racing);
                first.handle((r, e) -> null).join();
                byte[] next = SLEEP.input(2);
                TaskResult result = Await.result(o.submit(Task.of(FaultSleep.ID, next)), "the task after a timeout");
                assertArrayEquals(next, result.output());
            }
            OffloaderStats s = o.stats();
            assertEquals(0, s.failed(), "no follow-up task may see a stray interrupt: " + s);
        }
    }

    @ParameterizedTest
    @MethodSource("availableProviders")
    void anAbandonedThreadIsCountedOnceAndItsPlaceRefilled(OffloaderProvider provider) {
        try (Offloader o = provider.create(OffloaderConfig.of(2, 4).withOption("abandonGraceMillis", "50"))) {
            Task hang = Task.of(FaultHang.ID, new FaultHang().input(20_000)).withTimeoutNanos(TimeUnit.MILLISECONDS.toNanos(50));
            assertEquals(FailureKind.TIMED_OUT, Await.failure(o.submit(hang), "fault-hang").kind());
            Await.until("abandoned == 1", () -> o.stats().abandoned() == 1, () -> o.stats().toString());
            // both places work again: two sleeps run side by side on a two-worker model
            List<CompletableFuture<TaskResult>> two = new ArrayList<>();
            for (int i = 0; i < 2; i++) {
                two.add(o.submit(Task.of(FaultSleep.ID, SLEEP.input(1_000))));
            }
            Await.until("two in flight at once", () -> o.stats().inFlight() == 2, () -> o.stats().toString());
            two.forEach(f -> Await.result(f, "sleep after the abandonment"));
            OffloaderStats s = o.stats();
            assertEquals(1, s.abandoned(), s.toString());
            assertEquals(1, s.timedOut(), s.toString());
            if (!provider.name().equals(VirtualThreadOffloader.NAME)) {
                assertEquals(1, s.respawned(), "a replacement thread (or pool) per abandonment: " + s);
            }
        }
    }

    @Test
    void roundRobinMailboxesTakeTurns() {
        try (Offloader o = new MailboxOffloader(OffloaderConfig.of(4, 8).withOption("dispatch", "round-robin"))) {
            List<CompletableFuture<TaskResult>> futures = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                futures.add(o.submit(Task.of(FaultSleep.ID, SLEEP.input(20))));
            }
            Map<String, Integer> perWorker = new TreeMap<>();
            futures.forEach(f -> perWorker.merge(Await.result(f, "sleep").workerId(), 1, Integer::sum));
            assertEquals(Map.of("threads/mailbox-worker-1", 2, "threads/mailbox-worker-2", 2,
                    "threads/mailbox-worker-3", 2, "threads/mailbox-worker-4", 2), perWorker);
        }
    }

    @Test
    void leastLoadedMailboxAvoidsTheBusyWorker() {
        try (Offloader o = new MailboxOffloader(OffloaderConfig.of(2, 8))) {
            // occupies one worker until cancelled: a quick task sent to its inbox would wait behind it
            CompletableFuture<TaskResult> busy = o.submit(Task.of(FaultSleep.ID, SLEEP.input(60_000)));
            Await.until("one running", () -> o.stats().inFlight() == 1, () -> o.stats().toString());
            List<String> quickWorkers = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                quickWorkers.add(Await.result(o.submit(Task.of(FaultSleep.ID, SLEEP.input(1))), "quick task").workerId());
            }
            assertEquals(1, quickWorkers.stream().distinct().count(), "all went to the one idle worker: " + quickWorkers);
            assertFalse(busy.isDone());
            busy.cancel(true);
        }
    }
}
