package org.offloadbench.core.measure.cpu;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.offloadbench.core.workload.InputSpec;
import org.offloadbench.core.workload.Workload;
import org.offloadbench.core.workload.WorkloadClass;

class InlineCostTest {

    /** A workload that costs exactly {@code cost} on a fake thread clock, and burns real CPU when asked. */
    private static Workload costing(AtomicLong clock, long cost, boolean real) {
        return new Workload() {
            @Override
            public String id() {
                return "known-cost";
            }

            @Override
            public String description() {
                return "burns a known CPU time";
            }

            @Override
            public WorkloadClass workloadClass() {
                return WorkloadClass.values()[0];
            }

            @Override
            public int defaultPayloadBytes() {
                return 8;
            }

            @Override
            public byte[] generateInput(InputSpec spec) {
                return new byte[8];
            }

            @Override
            public byte[] execute(byte[] input) {
                if (real) {
                    Burn.cpuNanos(cost);
                } else {
                    clock.addAndGet(cost);
                }
                return input;
            }
        };
    }

    @Test
    void theCostPerTaskIsTheThreadCpuOverTheTasksMeasured() {
        AtomicLong clock = new AtomicLong();
        InlineCost.Result r = new InlineCost(clock::get).measure(costing(clock, 7_000, false), new byte[8],
                50_000, 1_000_000, 1_000_000);
        assertEquals(7_000, r.cpuNanosPerTask(), 1e-9);
        assertEquals(1_000_000 / 7_000 + 1, r.tasks()); // it stops at the first task past the budget
    }

    @Test
    void theTaskCountBoundsTheMeasurement() {
        AtomicLong clock = new AtomicLong();
        InlineCost.Result r = new InlineCost(clock::get).measure(costing(clock, 10, false), new byte[8], 0,
                Long.MAX_VALUE, 500);
        assertEquals(500, r.tasks());
    }

    @Test
    void aWorkloadOfKnownRealCostMeasuresAtThatCost() {
        long cost = 5_000_000;
        InlineCost.Result r = InlineCost.ofThisThread().measure(costing(null, cost, true), new byte[8], cost,
                10 * cost, 1000);
        assertTrue(r.cpuNanosPerTask() >= cost && r.cpuNanosPerTask() < 1.5 * cost,
                "measured " + r.cpuNanosPerTask() + " ns per task for a burn of " + cost);
    }

    @Test
    void badBoundsAreRejected() {
        AtomicLong clock = new AtomicLong();
        assertThrows(IllegalArgumentException.class,
                () -> new InlineCost(clock::get).measure(costing(clock, 1, false), new byte[8], 0, 0, 10));
    }
}
