package org.offloadbench.shm;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.offloadbench.core.offload.FailureKind;
import org.offloadbench.core.offload.OffloadException;
import org.offloadbench.core.offload.Offloader;
import org.offloadbench.core.offload.OffloaderConfig;
import org.offloadbench.core.offload.OffloaderRegistry;
import org.offloadbench.core.offload.Task;
import org.offloadbench.core.offload.TaskResult;
import org.offloadbench.core.offload.ZeroCopyLease;
import org.offloadbench.core.offload.ZeroCopyOffloader;
import org.offloadbench.core.workload.Checksums;
import org.offloadbench.core.workload.InputSpec;
import org.offloadbench.core.workload.Workload;
import org.offloadbench.core.workload.WorkloadCatalogue;

/** Every shared-memory model and wait strategy gives the bytes of a direct run, and respects its limits. */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class ShmModelsTest {

    private final WorkloadCatalogue catalogue = WorkloadCatalogue.load();

    static Offloader create(String model, int workers, String wait, int slotBytes) {
        OffloaderConfig config = OffloaderConfig.of(workers, 64).withOption(ShmSettings.WAIT, wait)
                .withOption(ShmSettings.SLOT_BYTES, Integer.toString(slotBytes));
        if (!model.equals(ShmInProcessProvider.NAME)) {
            config = config.withOption(ShmSettings.JVM_OPTIONS, ShmTestSupport.CHILD_JVM_OPTIONS);
        }
        return OffloaderRegistry.load().get(model).create(config);
    }

    @ParameterizedTest(name = "{0} wait={1}")
    @CsvSource({"shm/in-process,spin", "shm/in-process,backoff", "shm/in-process,park",
            "shm/copy,backoff", "shm/copy,park", "shm/zero-copy,spin"})
    void echoAndSha256MatchADirectRun(String model, String wait) {
        Path file;
        try (Offloader offloader = create(model, 2, wait, 1 << 20)) {
            file = ((ShmOffloader) offloader).region().file();
            assertTrue(Files.exists(file));
            List<CompletableFuture<TaskResult>> futures = new ArrayList<>();
            List<byte[]> expected = new ArrayList<>();
            for (String id : List.of("echo", "sha256", "noop")) {
                Workload workload = catalogue.get(id);
                for (int size : new int[] {0, 1, 64, 4096, 1 << 20}) {
                    byte[] input = workload.generateInput(InputSpec.of(size + 3, size));
                    expected.add(workload.execute(input.clone()));
                    futures.add(offloader.submit(Task.of(id, input)));
                }
            }
            for (int i = 0; i < futures.size(); i++) {
                TaskResult result = futures.get(i).join();
                assertArrayEquals(expected.get(i), result.output(), "task " + i);
                assertEquals(Checksums.of(expected.get(i)), result.checksum(), "task " + i);
            }
        }
        assertFalse(Files.exists(file), "the region file must be gone after close");
        assertFalse(Files.exists(file.getParent()), "the region folder must be gone after close");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({"shm/in-process", "shm/copy"})
    void aPayloadAtTheSlotSizeRunsAndOneByteMoreIsRefusedNamingTheLimit(String model) {
        int slotBytes = 8192;
        try (Offloader offloader = create(model, 1, "backoff", slotBytes)) {
            byte[] atLimit = catalogue.get("echo").generateInput(InputSpec.of(1, slotBytes));
            assertArrayEquals(atLimit, offloader.submit(Task.of("echo", atLimit)).join().output());
            CompletableFuture<TaskResult> over = offloader.submit(Task.of("echo", new byte[slotBytes + 1]));
            OffloadException e = failure(over);
            assertEquals(FailureKind.BAD_REQUEST, e.kind(), e.toString());
            assertTrue(e.getMessage().contains("8193") && e.getMessage().contains("8192")
                    && e.getMessage().contains(ShmSettings.SLOT_BYTES), e.getMessage());
            assertEquals(1, offloader.stats().failed());
        }
    }

    @Test
    void zeroCopyLeaseRunsOnTheInputInPlaceAndRefusesOversizedInput() {
        Workload sha = catalogue.get("sha256");
        Workload echo = catalogue.get("echo");
        try (ZeroCopyOffloader offloader = (ZeroCopyOffloader) create("shm/zero-copy", 1, "backoff", 1 << 16)) {
            assertEquals(1 << 16, offloader.maxPayloadBytes());
            try (ZeroCopyLease lease = offloader.lease(Duration.ofSeconds(30))) {
                byte[] input = sha.generateInput(InputSpec.of(5, 1 << 16));
                lease.input().put(input);
                ByteBuffer digest = lease.call("sha256", input.length, 0L);
                assertArrayEquals(sha.execute(input), bytes(digest));
                assertTrue(digest.isReadOnly(), "the output view must be read-only");
                // the same input, still in place, through another workload
                ByteBuffer echoed = lease.call("echo", input.length, 0L);
                assertArrayEquals(echo.execute(input), bytes(echoed));
                assertEquals(Checksums.of(input), lease.lastChecksum());

                OffloadException tooBig = assertThrows(OffloadException.class,
                        () -> lease.call("echo", (1 << 16) + 1, 0L));
                assertEquals(FailureKind.BAD_REQUEST, tooBig.kind());
                assertTrue(tooBig.getMessage().contains("65536"), tooBig.getMessage());
            }
            assertEquals(3, offloader.stats().completed() + offloader.stats().failed());
        }
    }

    @Test
    void aReleasedLeaseRefusesCalls() {
        try (ZeroCopyOffloader offloader = (ZeroCopyOffloader) create("shm/zero-copy", 1, "park", 4096)) {
            ZeroCopyLease lease = offloader.lease(Duration.ofSeconds(30));
            lease.close();
            assertEquals(FailureKind.CLOSED, assertThrows(OffloadException.class,
                    () -> lease.call("noop", 0, 0L)).kind());
            // the slot went back: a second lease is granted
            try (ZeroCopyLease again = offloader.lease(Duration.ofSeconds(30))) {
                assertEquals(0, again.call("noop", 64, 0L).remaining());
            }
        }
    }

    @Test
    void badOptionsAreRefusedByName() {
        IllegalArgumentException wait = assertThrows(IllegalArgumentException.class,
                () -> create("shm/in-process", 1, "nap", 4096));
        assertTrue(wait.getMessage().contains("nap") && wait.getMessage().contains("spin, backoff, park"),
                wait.getMessage());
        IllegalArgumentException slot = assertThrows(IllegalArgumentException.class,
                () -> create("shm/in-process", 1, "spin", 0));
        assertTrue(slot.getMessage().contains(ShmSettings.SLOT_BYTES), slot.getMessage());
        IllegalArgumentException jvm = assertThrows(IllegalArgumentException.class, () -> OffloaderRegistry.load()
                .get("shm/in-process").create(OffloaderConfig.of(1, 1).withOption(ShmSettings.JVM_OPTIONS, "-Xmx1g")));
        assertTrue(jvm.getMessage().contains(ShmSettings.JVM_OPTIONS), jvm.getMessage());
    }

    @Test
    void childrenThatCannotStartMakeCreateFailClearlyAndLeaveNothing() throws Exception {
        Path base = Files.createTempDirectory("shm-start-failure");
        try {
            OffloadException e = assertThrows(OffloadException.class, () -> new ShmCopyProvider().create(
                    OffloaderConfig.of(2, 4).withOption(ShmSettings.DIR, base.toString())
                            .withOption(ShmSettings.JVM_OPTIONS, "-XX:+NoSuchJvmFlagAtAll")));
            assertEquals(FailureKind.UNAVAILABLE, e.kind());
            assertTrue(e.getMessage().contains("did not start"), e.getMessage());
            try (var left = Files.list(base)) {
                assertEquals(0, left.count(), "a failed create must remove its region");
            }
        } finally {
            Files.deleteIfExists(base);
        }
    }

    static OffloadException failure(CompletableFuture<?> future) {
        CompletionException e = assertThrows(CompletionException.class, future::join);
        OffloadException oe = OffloadException.find(e);
        if (oe == null) {
            throw new AssertionError("expected an OffloadException, got " + e, e);
        }
        return oe;
    }

    static byte[] bytes(ByteBuffer view) {
        byte[] out = new byte[view.remaining()];
        view.duplicate().get(out);
        return out;
    }
}
