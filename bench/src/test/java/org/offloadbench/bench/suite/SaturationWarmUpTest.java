package org.offloadbench.bench.suite;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.offloadbench.bench.rig.PreparedInput;
import org.offloadbench.bench.rig.Warning;
import org.offloadbench.core.measure.NanoClock;
import org.offloadbench.core.offload.Offloader;
import org.offloadbench.core.offload.OffloaderStats;
import org.offloadbench.core.offload.Task;
import org.offloadbench.core.offload.TaskResult;
import org.offloadbench.core.workload.Checksums;
import org.offloadbench.core.workload.WorkloadCatalogue;

/**
 * The warm-up on a virtual clock: every task "takes" a number of virtual nanoseconds, so throughput is
 * exact and the test decides whether it settles.
 */
@Timeout(60)
class SaturationWarmUpTest {
    private static final long MS = TimeUnit.MILLISECONDS.toNanos(1);

    /** A clock that moves only when a task runs. */
    static final class VirtualClock implements NanoClock {
        long now;

        @Override
        public long nanoTime() {
            return now;
        }

        @Override
        public void sleepUntil(long deadlineNanos) {
            now = Math.max(now, deadlineNanos);
        }
    }

    /** Runs the workload directly, advancing the clock by the current task cost. */
    static final class VirtualOffloader implements Offloader {
        final VirtualClock clock;
        final WorkloadCatalogue catalogue = WorkloadCatalogue.load();
        long taskNanos;
        double slowdownPerTask = 1.0;
        /** When set, tasks alternate between half and one and a half times {@code taskNanos}. */
        boolean alternate;
        private long served;

        VirtualOffloader(VirtualClock clock, long taskNanos) {
            this.clock = clock;
            this.taskNanos = taskNanos;
        }

        @Override
        public String name() {
            return "test/virtual";
        }

        @Override
        public CompletableFuture<TaskResult> submit(Task task) {
            clock.now += alternate ? (served++ % 2 == 0 ? taskNanos / 2 : taskNanos * 3 / 2) : taskNanos;
            taskNanos = Math.max(1, Math.round(taskNanos * slowdownPerTask));
            byte[] out = catalogue.get(task.workloadId()).execute(task.input());
            return CompletableFuture.completedFuture(new TaskResult(out, Checksums.of(out), 0, 0, "v"));
        }

        @Override
        public OffloaderStats stats() {
            return new OffloaderStats(1, 0, 0, 0, 0, 0, 0, 0, 0, 0);
        }

        @Override
        public boolean close(Duration timeout) {
            return true;
        }
    }

    private final PreparedInput input = PreparedInput.of(WorkloadCatalogue.load().get("noop"), 64);

    @Test
    void aSteadyModelStopsAfterThreeAgreeingWindowsOnceTheMinimumHasPassed() throws Exception {
        VirtualClock clock = new VirtualClock();
        VirtualOffloader offloader = new VirtualOffloader(clock, MS);
        Saturation.WarmUp warmUp = Saturation.warmUp(clock, offloader, input, 1, 100, 250, 5_000);
        assertTrue(warmUp.steady());
        assertEquals(3, warmUp.windows(), "three 100 ms windows pass the 250 ms minimum");
        assertEquals(3, warmUp.lastThroughputs().size());
        assertTrue(warmUp.lastThroughputs().stream().allMatch(t -> Math.abs(t - 1000) < 20), warmUp.toString());
    }

    @Test
    void theMinimumHoldsEvenWhenTheModelIsSteadyAtOnce() throws Exception {
        VirtualClock clock = new VirtualClock();
        Saturation.WarmUp warmUp = Saturation.warmUp(clock, new VirtualOffloader(clock, MS), input, 1, 100, 700, 5_000);
        assertTrue(warmUp.steady());
        assertTrue(warmUp.windows() >= 7, "700 ms of 100 ms windows, was " + warmUp.windows());
    }

    @Test
    void aModelThatKeepsSlowingDownRunsToTheCapAndSaysSoInItsNote() throws Exception {
        VirtualClock clock = new VirtualClock();
        VirtualOffloader offloader = new VirtualOffloader(clock, 100_000);
        offloader.slowdownPerTask = 1.002; // ~20 % slower per 100-task window: never steady
        Saturation.WarmUp warmUp = Saturation.warmUp(clock, offloader, input, 1, 100, 100, 2_000);
        assertFalse(warmUp.steady());
        assertTrue(warmUp.elapsedNanos() >= 2_000 * MS, "ran to the cap, was " + warmUp.elapsedNanos());
        String note = warmUp.unsettledNote("scaling test/virtual noop workers=1");
        assertTrue(note.startsWith("scaling test/virtual noop workers=1: throughput had not settled after 2."), note);
        assertTrue(note.contains("last windows "), note);
        Warning warning = warmUp.unsettledWarning("scaling test/virtual noop workers=1");
        assertEquals(note, warning.message());
        assertEquals(Saturation.WarmUp.UNSETTLED, warning.kind());
        assertTrue(warning.severity() > 0, "a slowing model's last windows differ: " + warning);
        assertTrue(warning.severityText().startsWith("last windows "), warning.severityText());
    }

    @Test
    void windowsOfFewSlowTasksAreLengthenedUntilTheQuantisationNoLongerHidesTheSteadyRate() throws Exception {
        // 40 ms tasks alternating 20 / 60 ms: a 100 ms window holds two or three of them and its rate jumps by
        // a third from window to window; windows holding 16 tasks or more agree within 10 %
        VirtualClock clock = new VirtualClock();
        VirtualOffloader offloader = new VirtualOffloader(clock, 40 * MS);
        offloader.alternate = true;
        Saturation.WarmUp warmUp = Saturation.warmUp(clock, offloader, input, 1, 100, 100, 4_000);
        assertTrue(warmUp.steady(), warmUp.toString());
        assertTrue(warmUp.lastThroughputs().stream().allMatch(t -> Math.abs(t - 25) < 2.5), warmUp.toString());
    }

    @Test
    void windowAndCapFollowTheProfileWithFloors() {
        assertEquals(100, Saturation.warmUpWindowMillis(100));
        assertEquals(250, Saturation.warmUpWindowMillis(500));
        assertEquals(1500, Saturation.warmUpCapMillis(100));
        assertEquals(4000, Saturation.warmUpCapMillis(500));
    }
}
