package org.offloadbench.bench.calibration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.offloadbench.core.result.Metric;
import org.offloadbench.core.result.SummaryRecord;
import org.offloadbench.reports.stats.FloorCheck;

/** What a block's own floor readings may flag, and when a floor that moved marks the block. */
class FloorBracketTest {
    private static SummaryRecord floor(String wait, double p50, String placement) {
        Map<String, String> params = new HashMap<>(Map.of("probe", "thread-handoff", "wait", wait, "payloadBytes",
                "64", FloorBracket.PHASE, "before", FloorBracket.BLOCK, "m"));
        if (placement != null) {
            params.put(FloorCheck.PLACEMENT, placement);
        }
        return new SummaryRecord("overhead", FloorCheck.NATIVE, "-", params, Metric.FLOOR_ROUND_TRIP_P50_NS.id(), p50,
                "ns", p50 * 0.95, p50 * 1.05, 2_000);
    }

    private static SummaryRecord model(String wait, double p50) {
        return new SummaryRecord("overhead", "m", "noop", Map.of(FloorCheck.TRANSPORT, "thread-handoff",
                FloorCheck.WAIT, wait, "payloadBytes", "64"), Metric.ROUND_TRIP_P50_NS.id(), p50, "ns", null, null, 1000);
    }

    @Test
    void aParkedFigureBelowAFreePlacementReadingIsLeftToTheEndOfTheRun() {
        List<SummaryRecord> bracket = List.of(floor("park", 22_000, null), floor("spin", 2_000, null));
        SummaryRecord parked = model("park", 11_000);
        SummaryRecord spinning = model("spin", 1_000);
        // the free reading alone would call the parked 11 us an error; the one-CPU floor (6.7 us) would not
        assertTrue(FloorCheck.check(parked, bracket).isPresent());
        List<SummaryRecord> judged = FloorBracket.judgeableInBlock(List.of(parked, spinning), bracket);
        assertEquals(List.of(spinning), judged, "only the spinning figure is judged by a free-placement reading");
        assertEquals(1, FloorCheck.violations(judged, bracket).size(), "and a spinning model below it is flagged");
    }

    @Test
    void withAOneCpuReadingEveryFigureIsJudged() {
        List<SummaryRecord> bracket = List.of(floor("park", 22_000, null), floor("park", 6_700, "one-cpu"));
        List<SummaryRecord> figures = List.of(model("park", 11_000), model("park", 3_000));
        assertEquals(figures, FloorBracket.judgeableInBlock(figures, bracket));
        var violations = FloorCheck.violations(figures, bracket);
        assertEquals(1, violations.size());
        assertEquals(3_000, violations.get(0).figure().value(), 1e-9);
    }

    @Test
    void aFloorThatMovedPastTheShareMarksTheBlock() {
        assertTrue(FloorBracket.stabilityNote("m", List.of(floor("park", 10_000, null)),
                List.of(floor("park", 30_000, null))).orElseThrow().contains("unstable"));
        assertTrue(FloorBracket.stabilityNote("m", List.of(floor("park", 10_000, null)),
                List.of(floor("park", 10_500, null))).isEmpty());
    }
}
