package org.offloadbench.core.measure.cpu;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.offloadbench.core.measure.FakeNanoClock;

/** The accounting arithmetic on fixed figures: no timing, no real /proc. */
class CpuAccountantTest {
    private static final long MS = 1_000_000;
    private final FakeCpuSource source = new FakeCpuSource();
    private final FakeNanoClock clock = new FakeNanoClock();
    private final CpuAccountant accountant = new CpuAccountant(source, clock);

    @Test
    void inProcessTheWorkersAreTheJvmLessTheLoadGenerator() {
        source.process(FakeCpuSource.SELF, 1, "java", 1000, 100, 0, 0);
        source.selfCpuNanos = 11_000 * MS;
        source.threads.put(7L, new CpuTimes(50 * MS, 10 * MS));
        CpuAccountant.Window window = accountant.start(List.of(7L), List::of);

        // the JVM spent 900 ms: 720 user, 180 system by ticks; the load thread 100 ms of it, 20 in the kernel
        source.process(FakeCpuSource.SELF, 1, "java", 1072, 118, 0, 0);
        source.selfCpuNanos = 11_900 * MS;
        source.threads.put(7L, new CpuTimes(130 * MS, 30 * MS));
        clock.advance(1000 * MS);
        CpuUsage usage = window.stop();

        assertTrue(usage.measurable());
        assertFalse(usage.workersOutOfProcess());
        assertEquals(new CpuTimes(80 * MS, 20 * MS), usage.coordinator());
        assertEquals(new CpuTimes(640 * MS, 160 * MS), usage.workers());
        assertEquals(0.1, usage.coordinatorCores(), 1e-9);
        CpuPerTask perTask = usage.perTask(100);
        assertEquals(1 * MS, perTask.coordinatorNanos(), 1e-6);
        assertEquals(8 * MS, perTask.workerNanos(), 1e-6);
        assertEquals(1.6 * MS, perTask.workerSystemNanos(), 1e-6);
        assertEquals(2 * MS, perTask.offloadTaxNanos(7 * MS), 1e-6);
    }

    @Test
    void outOfProcessTheWorkersAreTheirProcessTreeAndTheCoordinatorIsThisJvm() {
        source.process(FakeCpuSource.SELF, 1, "java", 500, 50, 0, 0);
        source.process(201, FakeCpuSource.SELF, "java", 300, 30, 0, 0);   // worker
        source.process(202, FakeCpuSource.SELF, "java", 400, 40, 0, 0);   // worker
        source.process(301, 201, "helper", 10, 0, 0, 0);                    // a worker's child
        source.process(999, 1, "unrelated", 5000, 500, 0, 0);              // not ours
        List<Long> pids = List.of(201L, 202L);
        CpuAccountant.Window window = accountant.start(List.of(), () -> pids);

        source.process(FakeCpuSource.SELF, 1, "java", 520, 60, 0, 0);
        source.process(201, FakeCpuSource.SELF, "java", 350, 40, 0, 0);   // +50 user +10 system
        source.process(202, FakeCpuSource.SELF, "java", 460, 45, 0, 0);   // +60 +5
        source.process(301, 201, "helper", 30, 2, 0, 0);                    // +20 +2
        source.process(999, 1, "unrelated", 9000, 900, 0, 0);
        clock.advance(1000 * MS);
        CpuUsage usage = window.stop();

        assertTrue(usage.workersOutOfProcess());
        assertEquals(3, usage.workerProcesses());
        assertEquals(CpuTimes.ofTicks(130, 17, 100), usage.workers());
        assertEquals(CpuTimes.ofTicks(20, 10, 100), usage.coordinator()); // no precise total: ticks
    }

    @Test
    void aWorkerThatDiedAndWasReapedIsCountedOnceThroughTheReapersChildTime() {
        source.process(FakeCpuSource.SELF, 1, "java", 500, 50, 0, 0);
        source.process(201, FakeCpuSource.SELF, "java", 300, 30, 0, 0);
        List<Long> pids = new ArrayList<>(List.of(201L));
        CpuAccountant.Window window = accountant.start(List.of(), () -> List.copyOf(pids));

        // 201 ran 40 more ticks of user time and 5 of system, exited, was reaped (its whole life moved into this
        // JVM's cutime/cstime: 340 and 35); its replacement 202 has run 25 + 3 ticks since it started
        source.processes.remove(201L);
        pids.clear();
        pids.add(202L);
        source.process(202, FakeCpuSource.SELF, "java", 25, 3, 0, 0);
        source.process(FakeCpuSource.SELF, 1, "java", 510, 52, 340, 35);
        clock.advance(1000 * MS);
        CpuUsage usage = window.stop();

        assertEquals(CpuTimes.ofTicks(40 + 25, 5 + 3, 100), usage.workers());
    }

    @Test
    void inProcessChildrenThisJvmReapedInTheWindowAreWorkersToo() {
        source.process(FakeCpuSource.SELF, 1, "java", 100, 10, 50, 5);
        source.threads.put(7L, new CpuTimes(0, 0));
        CpuAccountant.Window window = accountant.start(List.of(7L), List::of);
        source.process(FakeCpuSource.SELF, 1, "java", 110, 10, 70, 8); // +10 own, +20 +3 of reaped children
        CpuUsage usage = window.stop();
        assertEquals(CpuTimes.ofTicks(30, 3, 100), usage.workers());
    }

    @Test
    void thePreciseTotalOfThisJvmIsSplitByItsTicks() {
        source.process(FakeCpuSource.SELF, 1, "java", 100, 100, 0, 0);
        source.process(201, FakeCpuSource.SELF, "java", 0, 0, 0, 0);
        source.selfCpuNanos = 1000 * MS;
        CpuAccountant.Window window = accountant.start(List.of(), () -> List.of(201L));
        source.process(FakeCpuSource.SELF, 1, "java", 103, 101, 0, 0);   // 3 : 1
        source.selfCpuNanos = 1041 * MS;                                  // 41 ms, finer than ticks
        CpuUsage usage = window.stop();
        assertEquals(41 * MS, usage.coordinator().totalNanos());
        assertEquals(Math.round(41.0 * MS / 4), usage.coordinator().systemNanos());
    }

    @Test
    void withoutProcItSaysNotMeasurableHereInsteadOfGuessing() {
        source.unavailable = "not measurable here: no /proc";
        source.threads.put(7L, new CpuTimes(0, 0));
        CpuUsage usage = accountant.start(List.of(7L), () -> List.of(201L)).stop();
        assertFalse(usage.measurable());
        assertEquals("not measurable here: no /proc", usage.notMeasurableReason().orElseThrow());
        assertThrows(IllegalStateException.class, () -> usage.perTask(10));
    }

    @Test
    void aCoordinatorThreadWhoseCpuCannotBeReadMakesTheWindowNotMeasurable() {
        source.process(FakeCpuSource.SELF, 1, "java", 0, 0, 0, 0);
        CpuUsage usage = accountant.start(List.of(7L), List::of).stop();
        assertFalse(usage.measurable());
        assertTrue(usage.notMeasurable().contains("coordinator thread 7"), usage.notMeasurable());
    }

    @Test
    void perTaskNeedsAtLeastOneTask() {
        source.process(FakeCpuSource.SELF, 1, "java", 0, 0, 0, 0);
        CpuUsage usage = accountant.start(List.of(), List::of).stop();
        assertThrows(IllegalArgumentException.class, () -> usage.perTask(0));
    }
}
