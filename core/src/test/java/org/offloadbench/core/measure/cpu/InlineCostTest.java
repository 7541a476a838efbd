package org.offloadbench.core.measure.cpu;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.atomic.AtomicLong;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;
import org.offloadbench.core.workload.InputSpec;
import org.offloadbench.core.workload.Workload;
import org.offloadbench.core.workload.WorkloadClass;

class InlineCostTest {

    /** An 8-byte workload whose {@code execute} is {@code body}: the rest of the SPI is the same for every test. */
    private static Workload workload(String id, UnaryOperator<byte[]> body) {
        return new Workload() {
            @Override
            public String id() {
                return id;
            }

            @Override
            public String description() {
                return "a test workload of known cost";
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
                return body.apply(input);
            }
        };
    }

    /** A workload that costs exactly {@code cost} on a fake thread clock, and burns real CPU when asked. */
    private static Workload costing(AtomicLong clock, long cost, boolean real) {
        return workload("known-cost", input -> {
            if (real) {
                Burn.cpuNanos(cost);
            } else {
                clock.addAndGet(cost);
            }
            return input;
        });
    }

    @Test
    void theCostPerTaskIsTheThreadCpuOverTheTasksMeasured() {
        AtomicLong clock = new AtomicLong();
        InlineCost.Result r = new InlineCost(clock::get).measure(costing(clock, 7_000, false), new byte[8],
                50_000, 1_000_000, 1_000_000);
        assertEquals(7_000, r.cpuNanosPerTask(), 1e-9);
        // each of the stretches stops at the first task past its share of the budget
        assertEquals(InlineCost.CHUNKS * (1_000_000 / InlineCost.CHUNKS / 7_000 + 1), r.tasks());
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
    void oneStretchTheHostSlowedDownDoesNotMoveTheResult() {
        AtomicLong clock = new AtomicLong();
        AtomicLong calls = new AtomicLong();
        Workload spiky = workload("spiky", input -> {
            long n = calls.incrementAndGet();
            // no warm-up here: tasks 1-100 are the first stretch, 101-200 the second
            clock.addAndGet(n > 100 && n <= 200 ? 50_000 : 1_000);
            return input;
        });
        InlineCost.Result r = new InlineCost(clock::get).measure(spiky, new byte[8], 0, Long.MAX_VALUE,
                100L * InlineCost.CHUNKS);
        assertEquals(1_000, r.cpuNanosPerTask(), 1e-9, "the median stretch, not the mean of all");
        assertEquals(100L * InlineCost.CHUNKS, r.tasks());
    }

    @Test
    void everyTaskSeesTheInputsBytesEvenWhenThePreviousOneConsumedItsCopy() {
        AtomicLong clock = new AtomicLong();
        byte[] input = {1, 2, 3, 4, 5, 6, 7, 8};
        Workload consuming = workload("consuming", in -> {
            org.junit.jupiter.api.Assertions.assertArrayEquals(input, in, "a task got a used copy");
            assertTrue(in != input, "a task got the caller's own array");
            java.util.Arrays.fill(in, (byte) 0);
            clock.addAndGet(1_000);
            return in;
        });
        InlineCost.Result r = new InlineCost(clock::get).measure(consuming, input, 10_000, 100_000, 1_000);
        assertTrue(r.tasks() > InlineCost.CHUNKS, r.toString());
        assertEquals(1, input[0], "the caller's input is never touched");
    }

    @Test
    void badBoundsAreRejected() {
        AtomicLong clock = new AtomicLong();
        assertThrows(IllegalArgumentException.class,
                () -> new InlineCost(clock::get).measure(costing(clock, 1, false), new byte[8], 0, 0, 10));
    }
}
