package org.offloadbench.shm.agrona;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.offloadbench.core.conformance.Await;
import org.offloadbench.core.offload.FailureKind;
import org.offloadbench.core.offload.OffloadException;
import org.offloadbench.core.offload.OffloaderConfig;
import org.offloadbench.core.offload.Task;
import org.offloadbench.core.offload.TaskResult;
import org.offloadbench.core.workload.Checksums;
import org.offloadbench.core.workload.InputSpec;
import org.offloadbench.core.workload.Workload;
import org.offloadbench.core.workload.WorkloadCatalogue;
import org.offloadbench.core.workload.fault.FaultSleep;
import org.offloadbench.core.workload.fault.FaultWorkload;

/**
 * A child SIGKILLed while it runs a task (retry on: the task runs again on another child and gives the right
 * bytes; retry off: WORKER_CRASHED saying so), payloads beyond a ring message (a clear error naming the
 * limit, never a hang), and every wait strategy giving the bytes of a direct run.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class AgronaFailureTest {

    private final WorkloadCatalogue catalogue = WorkloadCatalogue.load();

    @BeforeEach
    void available() {
        assumeTrue(new AgronaProvider().availability().available(), new AgronaProvider().availability().reason());
    }

    private static AgronaOffloader create(OffloaderConfig config) {
        return (AgronaOffloader) new AgronaProvider().create(AgronaTestSupport.tuned(config));
    }

    private Task sleep(long millis) {
        FaultWorkload w = (FaultWorkload) catalogue.get(FaultSleep.ID);
        return Task.of(FaultSleep.ID, w.generateInput(InputSpec.of(1, 16).withOption(w.option(), Long.toString(millis))));
    }

    /** Kills the child once it has started the task, and returns its pid. */
    private static long killRunningChild(AgronaOffloader offloader) {
        Await.until("a child running the task", () -> !offloader.runningPids().isEmpty(), offloader.stats()::toString);
        long pid = offloader.runningPids().get(0);
        ProcessHandle.of(pid).ifPresent(ProcessHandle::destroyForcibly);
        return pid;
    }

    @Test
    void aChildKilledMidTaskHasItsTaskRetriedOnAnotherChild() {
        try (AgronaOffloader offloader = create(OffloaderConfig.of(1, 4))) {
            Task task = sleep(1_500);
            CompletableFuture<TaskResult> future = offloader.submit(task);
            long killed = killRunningChild(offloader);
            TaskResult result = Await.result(future, "the retried task");
            assertArrayEquals(catalogue.get(FaultSleep.ID).execute(task.input()), result.output());
            assertNotEquals("pid " + killed, result.workerId(), "the retry must run on another child");
            assertEquals(1, offloader.retried());
            Await.until("respawned", () -> offloader.stats().respawned() >= 1, offloader.stats()::toString);
            assertEquals(1, offloader.stats().completed(), offloader.stats().toString());
        }
    }

    @Test
    void withRetryOffAKilledChildsTaskFailsWorkerCrashed() {
        try (AgronaOffloader offloader = create(OffloaderConfig.of(1, 4).withOption(AgronaSettings.RETRY, "off"))) {
            CompletableFuture<TaskResult> future = offloader.submit(sleep(30_000));
            long killed = killRunningChild(offloader);
            OffloadException e = Await.failure(future, "the task of a killed child with retry=off");
            assertEquals(FailureKind.WORKER_CRASHED, e.kind(), e.toString());
            assertTrue(e.getMessage().contains("pid " + killed) && e.getMessage().contains("retry=off"), e.getMessage());
            assertEquals(0, offloader.retried());
            // the replacement serves the next task
            Workload echo = catalogue.get("echo");
            byte[] input = echo.generateInput(InputSpec.of(5, 300));
            assertArrayEquals(input, Await.result(offloader.submit(Task.of("echo", input)), "after the crash").output());
        }
    }

    @Test
    void anInputBeyondTheRingsMessageLimitIsABadRequestNamingTheLimit() {
        OffloaderConfig config = OffloaderConfig.of(1, 4).withOption(AgronaSettings.RING_BYTES, Integer.toString(64 << 10));
        try (AgronaOffloader offloader = create(config)) {
            int room = offloader.maxPayloadBytes() - "echo".length();
            // what the provider declares to the runner (the copy suite skips larger sizes) goes both ways
            long declared = new AgronaProvider().maxInputBytes(config);
            assertTrue(declared > 0 && declared < room, "declared " + declared + ", room " + room);
            byte[] atLimit = new byte[(int) declared];
            assertArrayEquals(atLimit, Await.result(offloader.submit(Task.of("echo", atLimit)), "the declared limit")
                    .output());
            OffloadException e = Await.failure(offloader.submit(Task.of("echo", new byte[room + 1])), "too large");
            assertEquals(FailureKind.BAD_REQUEST, e.kind(), e.toString());
            assertTrue(e.getMessage().contains("maxMsgLength is 8192") && e.getMessage().contains("ringBytes"),
                    e.getMessage());
            // the largest input that fits goes through; its echo is larger than a response may be (its header is
            // bigger than the request's): a clear workload failure, not a hang
            OffloadException out = Await.failure(offloader.submit(Task.of("echo", new byte[room])), "output too large");
            assertEquals(FailureKind.WORKLOAD_FAILED, out.kind(), out.toString());
            assertTrue(out.getMessage().contains("maxMsgLength is 8192"), out.getMessage());
            byte[] fits = new byte[room - 64];
            TaskResult ok = Await.result(offloader.submit(Task.of("echo", fits)), "an echo that fits both ways");
            assertArrayEquals(fits, ok.output());
            assertEquals(Checksums.of(fits), ok.checksum());
            assertEquals(2, offloader.stats().failed(), offloader.stats().toString());
        }
    }

    @ParameterizedTest(name = "wait={0}")
    @ValueSource(strings = {"busy-spin", "backoff", "sleeping"})
    void everyWaitStrategyGivesTheBytesOfADirectRun(String wait) {
        Workload sha = catalogue.get("sha256");
        try (AgronaOffloader offloader = create(OffloaderConfig.of(1, 16).withOption(AgronaSettings.WAIT, wait))) {
            for (int i = 0; i < 20; i++) {
                byte[] input = sha.generateInput(InputSpec.of(i, 100 + 997 * i));
                TaskResult r = Await.result(offloader.submit(Task.of("sha256", input)), "sha256 #" + i);
                assertArrayEquals(sha.execute(input), r.output(), "sha256 #" + i);
                assertEquals(Checksums.of(r.output()), r.checksum());
            }
        }
    }
}
