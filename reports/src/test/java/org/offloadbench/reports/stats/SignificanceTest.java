package org.offloadbench.reports.stats;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.offloadbench.core.result.SummaryRecord;

class SignificanceTest {
    static SummaryRecord fig(String model, double value, Double low, Double high) {
        return new SummaryRecord("scaling", model, "sha256", Map.of("workers", "2"), "throughput", value, "ops/s",
                low, high, low == null ? 2 : 10);
    }

    @Test
    void separateIntervalsAreBetterOrWorseByDirection() {
        SummaryRecord base = fig("a", 100, 95.0, 105.0);
        SummaryRecord cand = fig("a", 150, 140.0, 160.0);
        assertEquals(Verdict.BETTER, Significance.compare(base, cand, true).verdict());
        assertEquals(Verdict.WORSE, Significance.compare(base, cand, false).verdict());
        assertEquals(Verdict.WORSE, Significance.compare(cand, base, true).verdict());
    }

    @Test
    void overlappingIntervalsAreNoSignificantDifference() {
        SummaryRecord base = fig("a", 100, 90.0, 110.0);
        SummaryRecord cand = fig("a", 108, 105.0, 111.0);
        assertTrue(Significance.overlap(base, cand));
        assertEquals(Verdict.NO_SIGNIFICANT_DIFFERENCE, Significance.compare(base, cand, true).verdict());
        // touching intervals count as overlapping: not enough to call a difference
        assertEquals(Verdict.NO_SIGNIFICANT_DIFFERENCE,
                Significance.compare(fig("a", 100, 90.0, 110.0), fig("a", 120, 110.0, 130.0), true).verdict());
    }

    @Test
    void missingIntervalMeansNoJudgement() {
        Significance.Comparison c = Significance.compare(fig("a", 100, null, null), fig("a", 300, 290.0, 310.0), true);
        assertEquals(Verdict.NO_INTERVAL, c.verdict());
        assertEquals(3.0, c.ratio(), 1e-12);
        assertNull(c.ratioLow());
        assertThrows(IllegalArgumentException.class,
                () -> Significance.overlap(fig("a", 1, null, null), fig("a", 1, 0.5, 1.5)));
    }

    @Test
    void changeIntervalIsFormedFromTheExtremes() {
        Significance.Comparison c = Significance.compare(fig("a", 100, 90.0, 110.0), fig("a", 200, 180.0, 220.0), true);
        assertEquals(2.0, c.ratio(), 1e-12);
        assertEquals(180 / 110.0, c.ratioLow(), 1e-12);
        assertEquals(220 / 90.0, c.ratioHigh(), 1e-12);
        assertEquals(100.0, c.changePercent(), 1e-9);
    }

    @Test
    void winnerIsTheBestAndItsFactorReadsAsTimesBetter() {
        Winner w = Winner.pick(List.of(fig("slow", 100, 95.0, 105.0), fig("fast", 250, 240.0, 260.0),
                fig("mid", 200, 190.0, 210.0)), true);
        assertEquals("fast", w.winner().model());
        assertEquals("mid", w.runnerUp().model());
        assertEquals(1.25, w.factor(), 1e-12);
        assertEquals(240 / 210.0, w.factorLow(), 1e-12);
        assertEquals(260 / 190.0, w.factorHigh(), 1e-12);
        assertTrue(w.significant());
    }

    @Test
    void lowerIsBetterWinnerHasTheSmallestValueAndAFactorAboveOne() {
        SummaryRecord threads = new SummaryRecord("overhead", "threads", "noop", Map.of(), "round-trip", 2_000, "ns",
                1_900.0, 2_100.0, 25);
        SummaryRecord process = new SummaryRecord("overhead", "process", "noop", Map.of(), "round-trip", 50_000, "ns",
                48_000.0, 52_000.0, 25);
        Winner w = Winner.pick(List.of(process, threads), false);
        assertEquals("threads", w.winner().model());
        assertEquals(25.0, w.factor(), 1e-9);
        assertEquals(48_000 / 2_100.0, w.factorLow(), 1e-9);
        assertEquals(52_000 / 1_900.0, w.factorHigh(), 1e-9);
    }

    @Test
    void winnerWithinTheRunnerUpsIntervalIsNoSignificantDifference() {
        Winner w = Winner.pick(List.of(fig("a", 100, 90.0, 110.0), fig("b", 104, 96.0, 112.0)), true);
        assertEquals("b", w.winner().model());
        assertEquals(Verdict.NO_SIGNIFICANT_DIFFERENCE, w.verdict());
        assertEquals(false, w.significant());
    }

    @Test
    void aSingleModelHasNoRunnerUp() {
        Winner w = Winner.pick(List.of(fig("a", 100, 90.0, 110.0)), true);
        assertNull(w.runnerUp());
        assertNull(w.factor());
        assertThrows(IllegalArgumentException.class, () -> Winner.pick(List.of(), true));
    }
}
