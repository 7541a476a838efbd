package org.offloadbench.hazelcast;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.offloadbench.core.conformance.Await;
import org.offloadbench.core.offload.FailureKind;
import org.offloadbench.core.offload.OffloadException;
import org.offloadbench.core.offload.Offloader;
import org.offloadbench.core.offload.OffloaderConfig;
import org.offloadbench.core.offload.Task;
import org.offloadbench.core.workload.fault.FaultHalt;
import org.offloadbench.core.workload.fault.FaultSleep;

/** A member that dies under a task: retried once elsewhere, or failed with retry off; replaced either way. */
@Timeout(value = 180, unit = TimeUnit.SECONDS)
class HazelcastRecoveryTest {
    private static final FaultSleep SLEEP = new FaultSleep();

    @Test
    void withRetryOffAHaltingTaskFailsAndOnlyItsMemberIsReplaced() {
        try (Offloader o = new HazelcastProvider().create(OffloaderConfig.of(2, 8).withOption("retry", "false"))) {
            OffloadException e = Await.failure(o.submit(Task.of(FaultHalt.ID, new FaultHalt().input(3))), "fault-halt");
            assertEquals(FailureKind.WORKER_CRASHED, e.kind(), e.toString());
            assertTrue(e.getMessage().contains("died while running"), e.getMessage());
            byte[] input = SLEEP.input(1);
            assertArrayEquals(input, Await.result(o.submit(Task.of(FaultSleep.ID, input)), "after the crash").output());
            Await.until("respawned 1 and 2 workers", () -> o.stats().respawned() == 1 && o.stats().workers() == 2,
                    () -> o.stats().toString());
            assertArrayEquals(input, Await.result(o.submit(Task.of(FaultSleep.ID, input)), "after respawn").output());
        }
    }

    @Test
    void aKilledMemberUnderATaskIsRetriedOnAnotherAndNothingIsLost() throws Exception {
        try (Offloader o = new HazelcastProvider().create(OffloaderConfig.of(2, 8))) {
            var first = o.submit(Task.of(FaultSleep.ID, SLEEP.input(3_000)));
            Await.until("one running", () -> o.stats().inFlight() == 1, () -> o.stats().toString());
            long victim = o.workerPids().get(0);
            // kill the member that runs it: whichever it is, SIGKILL both in turn is wrong, so find it by probing
            ProcessHandle.of(victim).ifPresent(ProcessHandle::destroyForcibly);
            var result = first.get(60, TimeUnit.SECONDS);
            assertEquals(0, o.stats().failed(), o.stats().toString());
            assertTrue(result.output().length > 0);
            Await.until("respawned and back to 2", () -> o.stats().respawned() >= 1 && o.stats().workers() == 2,
                    () -> o.stats().toString());
        }
    }
    @Test
    void withRetryOnAHaltingTaskTakesTwoMembersAndBothComeBack() {
        try (Offloader o = new HazelcastProvider().create(OffloaderConfig.of(2, 8))) {
            OffloadException e = Await.failure(o.submit(Task.of(FaultHalt.ID, new FaultHalt().input(3))), "fault-halt");
            assertEquals(FailureKind.WORKER_CRASHED, e.kind(), e.toString());
            assertTrue(e.getMessage().contains("retried once already"), e.getMessage());
            byte[] input = SLEEP.input(1);
            assertArrayEquals(input, Await.result(o.submit(Task.of(FaultSleep.ID, input)), "after the crash").output());
            Await.until("respawned 2 and 2 workers", () -> o.stats().respawned() == 2 && o.stats().workers() == 2,
                    () -> o.stats().toString());
        }
    }
}
