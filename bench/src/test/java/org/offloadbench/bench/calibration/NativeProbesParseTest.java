package org.offloadbench.bench.calibration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.offloadbench.core.result.Metric;
import org.offloadbench.core.result.SummaryRecord;

/** The C probes' output lines, turned into floor figures with the models' statistics. */
class NativeProbesParseTest {
    private static final String LINE = "probe=pipe wait=spin payloadBytes=64 rep=1 n=2000 mean=5012.5 p50=4738 "
            + "p99=8787 max=20153535 cpuNs=22290.6";

    @Test
    void parsesARepetitionLine() {
        NativeProbes.Repetition r = NativeProbes.parseRepetition(LINE).orElseThrow();
        assertEquals(new NativeProbes.Repetition("pipe", "spin", 64, 1, 2000, 5012.5, 4738, 8787, 20153535, 22290.6), r);
    }

    @Test
    void aRepetitionOnOneCpuSaysSoAndItsFiguresToo() {
        NativeProbes.Repetition r = NativeProbes.parseRepetition(LINE.replace("wait=spin", "wait=park")
                + " placement=one-cpu").orElseThrow();
        assertEquals(NativeProbes.ONE_CPU, r.placement());
        assertEquals(NativeProbes.FREE, NativeProbes.parseRepetition(LINE).orElseThrow().placement(),
                "a line without a placement (an older probe) was placed by the scheduler");
        SummaryRecord p50 = FloorFigures.of("calibration", "native", List.of(r), Map.of()).stream()
                .filter(f -> f.metric().equals(Metric.FLOOR_ROUND_TRIP_P50_NS.id())).findFirst().orElseThrow();
        assertEquals("one-cpu", p50.param("placement"));
        assertThrows(IllegalArgumentException.class, () -> FloorFigures.of("calibration", "native",
                List.of(r, NativeProbes.parseRepetition(LINE.replace("wait=spin", "wait=park")).orElseThrow()), Map.of()),
                "two placements are two floors, never one figure");
    }

    @Test
    void otherLinesAreNoRepetition() {
        assertTrue(NativeProbes.parseRepetition("probe=memcpy payloadBytes=64 metric=floor-bandwidth value=4.7 n=9")
                .isEmpty());
        assertTrue(NativeProbes.parseRepetition("probe=pipe wait=spin payloadBytes=64 rep=1 n=2000 mean=5012.5 p5")
                .isEmpty(), "a line cut short by a killed probe is no figure");
        assertTrue(NativeProbes.parseRepetition("worker failed").isEmpty());
        assertTrue(NativeProbes.parseRepetition(LINE.replace("n=2000", "n=0")).isEmpty(), "no round trips, no figure");
        assertEquals(4.7, NativeProbes.parse("probe=memcpy payloadBytes=64 metric=floor-bandwidth value=4.7 n=9")
                .orElseThrow().value(), 1e-12);
        assertTrue(NativeProbes.parse(LINE).isEmpty(), "a repetition is not a memcpy figure");
    }

    private static NativeProbes.Repetition rep(int i, double p50) {
        return new NativeProbes.Repetition("shared-memory", "park", 64, i, 1000, p50 * 1.2, p50, p50 * 4, p50 * 50,
                p50 * 1.1);
    }

    @Test
    void repetitionsBecomeFiguresWithAnIntervalAcrossThem() {
        List<SummaryRecord> figures = FloorFigures.of("calibration", "native", List.of(rep(0, 10_000), rep(1, 12_000),
                rep(2, 14_000)), Map.of());
        assertEquals(4, figures.size());
        SummaryRecord p50 = figures.stream().filter(f -> f.metric().equals(Metric.FLOOR_ROUND_TRIP_P50_NS.id()))
                .findFirst().orElseThrow();
        assertEquals(12_000, p50.value(), 1e-9, "the mean of the repetitions' p50s");
        assertTrue(p50.hasInterval() && p50.ciLow() < 12_000 && p50.ciHigh() > 12_000);
        assertEquals(3000, p50.n(), "n is the round trips behind the figure");
        assertEquals(Map.of("probe", "shared-memory", "wait", "park", "payloadBytes", "64", "repetitions", "3"),
                p50.params());
        assertTrue(figures.stream().anyMatch(f -> f.metric().equals(Metric.FLOOR_CPU_PER_ROUND_TRIP_NS.id())
                && Math.abs(f.value() - 13_200) < 1e-6));
        assertTrue(figures.stream().anyMatch(f -> f.metric().equals(Metric.FLOOR_ROUND_TRIP_NS.id())));
        assertTrue(figures.stream().anyMatch(f -> f.metric().equals(Metric.FLOOR_ROUND_TRIP_P99_NS.id())));
    }

    @Test
    void fewerThanThreeRepetitionsHaveNoInterval() {
        SummaryRecord r = FloorFigures.of("calibration", "native", List.of(rep(0, 10_000), rep(1, 11_000)), Map.of())
                .get(0);
        assertTrue(!r.hasInterval());
    }

    @Test
    void repetitionsOfDifferentProbesAreNotMixed() {
        NativeProbes.Repetition spin = new NativeProbes.Repetition("shared-memory", "spin", 64, 1, 10, 1, 1, 1, 1, 1);
        assertThrows(IllegalArgumentException.class, () -> FloorFigures.of("calibration", "native",
                List.of(rep(0, 1), spin), Map.of()));
        assertThrows(IllegalArgumentException.class, () -> FloorFigures.of("calibration", "native", List.of(), Map.of()));
    }

    @Test
    void aBracketingFloorThatMovedMarksItsBlock() {
        List<SummaryRecord> before = FloorFigures.of("overhead", "native", List.of(rep(0, 10_000)),
                Map.of(FloorBracket.PHASE, "before", FloorBracket.BLOCK, "m"));
        List<SummaryRecord> still = FloorFigures.of("overhead", "native", List.of(rep(0, 12_000)),
                Map.of(FloorBracket.PHASE, "after", FloorBracket.BLOCK, "m"));
        List<SummaryRecord> moved = FloorFigures.of("overhead", "native", List.of(rep(0, 50_000)),
                Map.of(FloorBracket.PHASE, "after", FloorBracket.BLOCK, "m"));
        assertTrue(FloorBracket.stabilityNote("overhead m", before, still).isEmpty());
        String note = FloorBracket.stabilityNote("overhead m", before, moved).orElseThrow();
        assertTrue(note.contains("unstable") && note.contains("shared-memory/park") && note.contains("(400 %"), note);
        assertTrue(FloorBracket.stabilityNote("overhead m", before, List.of()).isEmpty(), "one reading is no change");
        // an adaptive model is read in both disciplines; what counts is the lower floor, the one that bounds it
        List<SummaryRecord> spinBefore = FloorFigures.of("overhead", "native", List.of(spinRep(1_000)),
                Map.of(FloorBracket.PHASE, "before", FloorBracket.BLOCK, "m"));
        List<SummaryRecord> spinAfter = FloorFigures.of("overhead", "native", List.of(spinRep(900)),
                Map.of(FloorBracket.PHASE, "after", FloorBracket.BLOCK, "m"));
        List<SummaryRecord> adaptiveBefore = new java.util.ArrayList<>(before);
        adaptiveBefore.addAll(spinBefore);
        List<SummaryRecord> adaptiveAfter = new java.util.ArrayList<>(moved);
        adaptiveAfter.addAll(spinAfter);
        assertTrue(FloorBracket.stabilityNote("overhead m", adaptiveBefore, adaptiveAfter).isEmpty(),
                "the blocking floor moved, but the spinning one bounds the block and held still");
    }

    private static NativeProbes.Repetition spinRep(double p50) {
        return new NativeProbes.Repetition("shared-memory", "spin", 64, 0, 1000, p50, p50, p50 * 2, p50 * 9, p50 * 2);
    }

    @Test
    void aBudgetIsBounded() {
        assertThrows(IllegalArgumentException.class, () -> new NativeProbes.Budget(0, 10, 1));
        assertThrows(IllegalArgumentException.class, () -> new NativeProbes.Budget(10, 10, 101));
        assertTrue(new NativeProbes.Budget(10, 100, 3).timeoutSeconds() <= 90);
        assertEquals(new NativeProbes.Budget(10, 50, 3), new NativeProbes.Budget(10, 500, 3).scaled(0.1));
        assertEquals(20, new NativeProbes.Budget(10, 100, 3).scaled(0.01).maxMillis(), "never below 20 ms");
    }
}
