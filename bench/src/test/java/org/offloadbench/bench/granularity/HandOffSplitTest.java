package org.offloadbench.bench.granularity;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The anatomy's split: four parts that add up to the round trip, on fixtures of both kinds of model. */
class HandOffSplitTest {

    @Test
    void anInProcessRoundTripSplitsOnTheCallersClock() {
        // submit took 3 us; the task started 8 us after submit began, ran 0.1 us; the caller woke at 15 us
        HandOffSplit s = HandOffSplit.of(3_000, 8_000, 100, 15_000, true);
        assertEquals(3_000, s.sendNanos());
        assertEquals(5_000, s.queueNanos(), "the queue is what followed the submit call");
        assertEquals(100, s.runNanos());
        assertEquals(6_900, s.replyNanos());
        assertEquals(15_000, s.roundTripNanos());
    }

    @Test
    void anOutOfProcessRoundTripKeepsTheWorkersQueueAndPutsTheWireInTheReply() {
        // submit (encode + write) 5 us; caller's wait 1 us + the worker's queue 2 us; run 0.1 us; 40 us in all
        HandOffSplit s = HandOffSplit.of(5_000, 3_000, 100, 40_000, false);
        assertEquals(5_000, s.sendNanos());
        assertEquals(3_000, s.queueNanos());
        assertEquals(100, s.runNanos());
        assertEquals(31_900, s.replyNanos());
        assertEquals(40_000, s.roundTripNanos());
    }

    @Test
    void overlappingOrInconsistentTimesStillAddUpAndNeverGoNegative() {
        // the worker started before submit returned (queue < submit call)
        HandOffSplit early = HandOffSplit.of(9_000, 2_000, 1_000, 10_000, true);
        assertEquals(2_000, early.sendNanos());
        assertEquals(0, early.queueNanos());
        assertEquals(10_000, early.roundTripNanos());
        // a worker's times that exceed the caller's round trip (another clock): capped, the reply is zero
        HandOffSplit over = HandOffSplit.of(4_000, 30_000, 20_000, 25_000, false);
        assertEquals(25_000, over.roundTripNanos());
        assertEquals(20_000, over.runNanos());
        assertEquals(0, over.replyNanos());
        SplittableRandom r = new SplittableRandom(7);
        for (int i = 0; i < 10_000; i++) {
            long total = r.nextLong(0, 1_000_000);
            HandOffSplit s = HandOffSplit.of(r.nextLong(-10, 500_000), r.nextLong(-10, 500_000),
                    r.nextLong(-10, 500_000), total, r.nextBoolean());
            assertEquals(total, s.roundTripNanos());
            assertTrue(s.sendNanos() >= 0 && s.queueNanos() >= 0 && s.runNanos() >= 0 && s.replyNanos() >= 0);
        }
    }
}
