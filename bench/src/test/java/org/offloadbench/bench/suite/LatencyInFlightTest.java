package org.offloadbench.bench.suite;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** The latency suite's in-flight bound: set by the payload and the heap, never by the offered rate alone. */
class LatencyInFlightTest {
    private static final long MIB = 1L << 20;

    @Test
    void theCapIsWhatAnEighthOfTheHeapHoldsAtACopyOfInputAndOutputPerTask() {
        long perTask = 2L * 64 * 1024 + LatencySuite.TASK_OVERHEAD_BYTES;
        assertEquals(128 * MIB / perTask, LatencySuite.inFlightCap(64 * 1024, 2, 1024 * MIB));
        assertEquals(8 * MIB / perTask, LatencySuite.inFlightCap(64 * 1024, 2, 64 * MIB), "62 with a 64 MiB heap");
        assertEquals(256 * MIB / perTask, LatencySuite.inFlightCap(64 * 1024, 2, 16_384 * MIB),
                "never more than 256 MiB, however large the heap");
    }

    @Test
    void theCapNeverStarvesTheWorkersNorPassesItsCountLimit() {
        assertEquals(Saturation.outstanding(4), LatencySuite.inFlightCap(64 << 20, 4, 1024 * MIB),
                "a 64 MiB payload still keeps every worker busy");
        assertEquals(256 * MIB / (2 + LatencySuite.TASK_OVERHEAD_BYTES), LatencySuite.inFlightCap(1, 2, 16_384 * MIB),
                "a one-byte task still counts its overhead");
        assertTrue(LatencySuite.inFlightCap(1, 2, 16_384 * MIB) <= LatencySuite.MAX_IN_FLIGHT);
    }

    @Test
    void theLimitIsTwoSecondsOfRequestsWithinTheCap() {
        assertEquals(200, LatencySuite.inFlightLimit(100, 992));
        assertEquals(992, LatencySuite.inFlightLimit(1_000_000, 992));
        assertEquals(1, LatencySuite.inFlightLimit(0.1, 992));
    }
}
