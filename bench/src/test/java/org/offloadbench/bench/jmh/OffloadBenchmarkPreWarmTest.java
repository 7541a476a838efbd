package org.offloadbench.bench.jmh;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.offloadbench.bench.testkit.TestPoolProvider;

/** The trial setup's pre-warm, run in this JVM on the test pool (no JMH fork): bounded, published, checked. */
@Timeout(60)
class OffloadBenchmarkPreWarmTest {

    private static OffloadBenchmark benchmark(long maxMillis, long maxRoundTrips) {
        OffloadBenchmark benchmark = new OffloadBenchmark();
        benchmark.model = TestPoolProvider.NAME;
        benchmark.modelOptions = "";
        benchmark.workload = "bench-test-noop";
        benchmark.payloadBytes = 64;
        benchmark.workers = 1;
        benchmark.preWarmMaxMillis = maxMillis;
        benchmark.preWarmMaxRoundTrips = maxRoundTrips;
        return benchmark;
    }

    @Test
    void theTrialSetupPreWarmsWithinItsCapsThroughTheVerifiedRoundTrip() {
        OffloadBenchmark benchmark = benchmark(200, 300);
        int openBefore = TestPoolProvider.OPEN.get();
        try {
            benchmark.setUp();
            var outcome = PreWarmProfiler.lastPublished();
            assertNotNull(outcome, "the setup published its pre-warm");
            assertTrue(outcome.roundTrips() >= 1 && outcome.roundTrips() <= 300, outcome.toString());
        } finally {
            benchmark.tearDown();
        }
        assertEquals(openBefore, TestPoolProvider.OPEN.get(), "the trial closed its model");
    }

    @Test
    void theModelIsBuiltWithTheOptionsTheRunnerPassed() {
        OffloadBenchmark benchmark = benchmark(0, 0);
        benchmark.modelOptions = org.offloadbench.bench.plan.ModelRow.encodeOptions(java.util.Map.of("wait", "spin"));
        TestPoolProvider.CREATED_WITH.clear();
        try {
            benchmark.setUp();
            assertEquals(java.util.List.of(java.util.Map.of("wait", "spin")),
                    java.util.List.copyOf(TestPoolProvider.CREATED_WITH));
        } finally {
            benchmark.tearDown();
        }
        OffloadBenchmark bad = benchmark(0, 0);
        bad.modelOptions = "{\"wait\":\"nap\"}";
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, bad::setUp);
        assertTrue(e.getMessage().contains("[spin, park]"), e.getMessage());
        bad.tearDown();
    }

    @Test
    void halfSetCapsAreABadInputThatNamesTheChoices() {
        int openBefore = TestPoolProvider.OPEN.get();
        for (long[] caps : new long[][] {{0, 300}, {200, 0}, {-1, 300}}) {
            OffloadBenchmark benchmark = benchmark(caps[0], caps[1]);
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, benchmark::setUp);
            assertTrue(e.getMessage().contains("both be positive, or both 0"), e.getMessage());
            benchmark.tearDown();
        }
        assertEquals(openBefore, TestPoolProvider.OPEN.get(), "bad caps are refused before a model starts");
    }

    @Test
    void capsOfZeroTurnThePreWarmOff() {
        OffloadBenchmark benchmark = benchmark(0, 0);
        try {
            benchmark.setUp();
            assertEquals(null, PreWarmProfiler.lastPublished(), "nothing to report, and no stale outcome");
        } finally {
            benchmark.tearDown();
        }
    }
}
