package org.offloadbench.reports;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.offloadbench.core.result.SummaryRecord;

/** Two runs agree on a headline figure only when each value lies inside the other run's interval. */
class RunAgreementTest {
    private static SummaryRecord p50(String model, double value, Double low, Double high) {
        return new SummaryRecord("overhead", model, "noop", Map.of(), "round-trip-p50", value, "ns", low, high, 5, null);
    }

    private static SummaryRecord throughput(String workers, double value) {
        return new SummaryRecord("scaling", "m", "sha256", Map.of("workers", workers), "throughput", value, "ops/s",
                value * 0.9, value * 1.1, 5, null);
    }

    private static VerdictsFile.Entry verdict(String workloadClass, String verdict, String winner) {
        return new VerdictsFile.Entry(workloadClass, "w", "basis", "throughput", "ops/s", verdict, winner, "other",
                2.0, 1.0, 2.0, 1.5, 2.5, 0.95, 0.01, "Mann-Whitney U (exact)", "ratio", 0.05, 5L, 5L, "why");
    }

    @Test
    void valuesInsideEachOthersIntervalsAgreeAndOthersAreListed() {
        var a = List.of(p50("same", 100, 90.0, 110.0), p50("moved", 100, 95.0, 105.0), p50("wide", 100, 50.0, 150.0));
        var b = List.of(p50("same", 104, 95.0, 112.0), p50("moved", 180, 170.0, 190.0), p50("wide", 140, 130.0, 145.0));
        RunAgreement.Result r = RunAgreement.of(a, b, 2, List.of(), List.of());
        assertEquals(3, r.judged());
        assertEquals(1, r.within(), r.line());
        // "wide": its value 140 is inside run a's interval but 100 is not inside run b's: overlap, no agreement
        assertEquals(2, r.overlapping(), r.line());
        assertEquals(2, r.disagreements().size(), r.disagreements().toString());
        assertTrue(r.disagreements().get(0).contains("moved"), r.disagreements().toString());
        assertEquals(1.0 / 3, r.withinShare(), 1e-9);
        assertTrue(r.line().contains("by suite overhead 1/3"), r.line());
    }

    @Test
    void aFigureWithoutAnIntervalIsNotJudgedNeverCountedAsAgreeing() {
        var a = List.of(p50("x", 100, null, null), p50("y", 100, null, null));
        var b = List.of(p50("x", 105, 100.0, 110.0), p50("y", 150, null, null));
        RunAgreement.Result r = RunAgreement.of(a, b, 2, List.of(), List.of());
        assertEquals(2, r.headlines());
        assertEquals(0, r.judged());
        assertEquals(0, r.within());
        assertEquals(1, r.unjudgedNear(), "x differs by 5 %, y by a third");
        assertTrue(r.line().contains("2 without an interval"), r.line());
    }

    @Test
    void onlyTheHeadlineFiguresCount() {
        var a = List.of(throughput("2", 1000), throughput("1", 500),
                new SummaryRecord("copy", "m", "echo", Map.of(), "time-per-op", 1, "ns", 0.9, 1.1, 5, null));
        var b = List.of(throughput("2", 1010), throughput("1", 900),
                new SummaryRecord("copy", "m", "echo", Map.of(), "time-per-op", 9, "ns", 8.9, 9.1, 5, null));
        RunAgreement.Result r = RunAgreement.of(a, b, 2, List.of(), List.of());
        assertEquals(1, r.headlines(), "scaling at workers = cores only, no copy figure: " + r.line());
        assertEquals(1, r.within());
    }

    @Test
    void aVerdictFlipsOnlyWhenBothRunsFoundADifferenceAndNamedDifferentWinners() {
        var first = List.of(verdict("hashing", "BETTER", "A"), verdict("compression", "BETTER", "A"),
                verdict("parsing", "BETTER", "A"));
        var second = List.of(verdict("hashing", "BETTER", "A"), verdict("compression", "BETTER", "B"),
                verdict("parsing", "NO_SIGNIFICANT_DIFFERENCE", "B"));
        RunAgreement.Result r = RunAgreement.of(List.of(), List.of(), 2, first, second);
        assertEquals(2, r.verdicts(), "parsing was not significant in the second run");
        assertEquals(List.of("compression: A -> B"), r.flipped());
        assertTrue(r.line().contains("flipped: 1 (compression: A -> B)"), r.line());
        assertEquals(List.of("parsing (w): A in the first run"), r.oneRunOnly(), "a lost significance is no flip");
        assertTrue(r.line().contains("significant in one run only: 1"), r.line());
    }
}
