package org.offloadbench.bench.jmh;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.offloadbench.bench.plan.Profile;
import org.offloadbench.bench.rig.Warning;

/** The trend rule and the note text, on hand-made iteration series. */
class WarmUpCheckTest {
    private static final String WHAT = "overhead cluster/primary noop 64 B avgt";
    private static final Optional<WarmUpCheck.PreWarmReport> SETTLED =
            Optional.of(new WarmUpCheck.PreWarmReport(true, 4200, 310, 9000, 9500));
    private static final Optional<WarmUpCheck.PreWarmReport> CAPPED =
            Optional.of(new WarmUpCheck.PreWarmReport(false, 2400, 751.2, 1900, 3400));

    private static WarmUpCheck.Evidence times(Optional<WarmUpCheck.PreWarmReport> preWarm, Double... scores) {
        return new WarmUpCheck.Evidence(List.of(scores), "ns/op", true, preWarm);
    }

    @Test
    void aTimeSeriesThatKeepsFallingIsStillWarmingUp() {
        assertTrue(WarmUpCheck.improving(List.of(512.0, 430.0, 305.0), true));
        assertTrue(WarmUpCheck.improving(List.of(540.0, 380.0, 390.0, 150.0, 80.0), true), "a bump on the way down");
        assertTrue(WarmUpCheck.improving(List.of(100.0, 150.0, 210.0), false), "throughput improves upwards");
    }

    @Test
    void aFlatNoisySeriesIsNotFlagged() {
        assertFalse(WarmUpCheck.improving(List.of(1000.0, 1080.0, 950.0, 1040.0, 990.0), true), "10 % noise, no trend");
        assertFalse(WarmUpCheck.improving(List.of(100.0, 60.0, 130.0, 75.0), true),
                "the ends differ by 25 % but the series zig-zags");
        assertFalse(WarmUpCheck.improving(List.of(70.0, 75.0, 72.0), true), "a little slower is not warming up");
        assertFalse(WarmUpCheck.improving(List.of(305.0, 430.0, 512.0), true), "getting slower is not warming up");
        assertFalse(WarmUpCheck.improving(List.of(200.0, 150.0, 100.0), false), "throughput falling is not warming up");
        assertFalse(WarmUpCheck.improving(List.of(512.0), true), "one iteration has no trend");
        assertFalse(WarmUpCheck.improving(List.of(), true));
    }

    @Test
    void anImprovingSeriesGetsANoteWithItsFiguresAndTheRemedy() {
        String note = WarmUpCheck.note(WHAT, List.of(times(SETTLED, 512.4, 430.0, 305.0)), Profile.QUICK).orElseThrow();
        assertTrue(note.startsWith(WHAT + ": still warming up while measured: iterations 512, 430, 305 ns/op"
                + " (40 % better from first to last), pre-warm settled after"), note);
        assertTrue(note.contains("pre-warm settled after 0.31 s and 4200 round trips (window rate 9000 to 9500"), note);
        assertFalse(note.contains("\n"), "run.json puts one note per line: " + note);
        assertTrue(note.endsWith(". Its figures may overstate the warm cost: run the standard profile"), note);
    }

    @Test
    void theConsoleWarningNamesItsKindAndRanksByHowMuchWasStillMoving() {
        Warning trend = WarmUpCheck.warning(WHAT, List.of(times(CAPPED, 512.4, 430.0, 305.0)), Profile.QUICK)
                .orElseThrow();
        assertEquals(WarmUpCheck.STILL_WARMING, trend.kind(), "iterations improving win over a capped pre-warm");
        assertEquals(WHAT, trend.subject());
        assertEquals(40.5, trend.severity(), 0.1);
        assertEquals("40 % better first to last", trend.severityText());
        assertEquals(WarmUpCheck.note(WHAT, List.of(times(CAPPED, 512.4, 430.0, 305.0)), Profile.QUICK).orElseThrow(),
                trend.message(), "the report keeps the full note");

        Warning capped = WarmUpCheck.warning(WHAT, List.of(times(CAPPED, 81.0, 78.5, 80.2)), Profile.QUICK)
                .orElseThrow();
        assertEquals(WarmUpCheck.PRE_WARM_CAPPED, capped.kind());
        assertEquals(100.0 * (3400 - 1900) / 1900, capped.severity(), 1e-9);
        assertEquals("window rate 1900 to 3400/s after 0.8 s", capped.severityText());
    }

    @Test
    void anUnsettledPreWarmIsNotedEvenWhenTheIterationsAreFlat() {
        String note = WarmUpCheck.note(WHAT, List.of(times(CAPPED, 81.0, 78.5, 80.2)), Profile.STANDARD).orElseThrow();
        assertTrue(note.contains("iterations 81.0, 78.5, 80.2 ns/op, pre-warm hit its cap unsettled after"
                + " 0.75 s and 2400 round trips (window rate 1900 to 3400 round trips/s)"), note);
        assertFalse(note.contains("better from first to last"), note);
        assertTrue(note.endsWith("run with a larger --time-scale"), "standard's remedy is a longer run: " + note);
    }

    @Test
    void aWarmTrialGetsNoNote() {
        assertEquals(Optional.empty(), WarmUpCheck.note(WHAT, List.of(times(SETTLED, 81.0, 78.5, 80.2)), Profile.QUICK));
        assertEquals(Optional.empty(), WarmUpCheck.note(WHAT, List.of(times(Optional.empty(), 81.0, 78.5, 80.2)),
                Profile.QUICK), "no pre-warm (turned off) and flat");
    }

    @Test
    void withSeveralForksTheNoteNamesTheFork() {
        String note = WarmUpCheck.note(WHAT, List.of(times(SETTLED, 80.0, 81.0, 79.0), times(SETTLED, 300.0, 150.0, 90.0),
                times(SETTLED, 80.0, 80.0, 80.0)), Profile.FULL).orElseThrow();
        assertTrue(note.startsWith(WHAT + " (fork 2 of 3): still warming up"), note);
    }
}
