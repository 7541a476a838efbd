package org.offloadbench.reports.stats;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.offloadbench.core.offload.FloorTransport;
import org.offloadbench.core.offload.WaitDiscipline;
import org.offloadbench.core.result.Metric;
import org.offloadbench.core.result.SummaryRecord;

class FloorCheckTest {
    private static SummaryRecord floor(String probe, String wait, Metric metric, double value, Double ciLow) {
        return new SummaryRecord("calibration", "native", "-", Map.of("probe", probe, "wait", wait, "payloadBytes", "64"),
                metric.id(), value, metric.unit(), ciLow, ciLow == null ? null : value * 1.1, 10_000);
    }

    private static SummaryRecord model(String transport, String wait, Metric metric, double value) {
        return new SummaryRecord("overhead", "m", "noop", Map.of("transport", transport, "wait", wait,
                "payloadBytes", "64"), metric.id(), value, metric.unit(), null, null, 1000);
    }

    private static final List<SummaryRecord> FLOORS = List.of(
            floor("pipe", "park", Metric.FLOOR_ROUND_TRIP_P50_NS, 13_000, 12_000.0),
            floor("pipe", "spin", Metric.FLOOR_ROUND_TRIP_P50_NS, 1_300, 1_200.0),
            floor("pipe", "park", Metric.FLOOR_ROUND_TRIP_NS, 16_000, null));

    @Test
    void aModelBelowItsLikeForLikeFloorIsFlagged() {
        var v = FloorCheck.check(model("pipe", "park", Metric.ROUND_TRIP_P50_NS, 9_000), FLOORS);
        assertTrue(v.isPresent());
        assertEquals(12_000, v.get().floorBound(), 1e-9, "held against the floor's lower interval bound");
        assertEquals("pipe floor, blocking, p50", v.get().floorLabel());
        assertTrue(v.get().describe().contains("measurement error"));
    }

    @Test
    void aParkedModelIsHeldAgainstTheLowerPlacementOfItsFloor() {
        SummaryRecord free = floor("thread-handoff", "park", Metric.FLOOR_ROUND_TRIP_P50_NS, 24_000, 23_000.0);
        Map<String, String> oneCpuParams = new java.util.HashMap<>(free.params());
        oneCpuParams.put(FloorCheck.PLACEMENT, "one-cpu");
        SummaryRecord oneCpu = new SummaryRecord("calibration", "native", "-", oneCpuParams, free.metric(), 6_500,
                free.unit(), 6_000.0, 7_000.0, 10_000);
        SummaryRecord model = model("thread-handoff", "park", Metric.ROUND_TRIP_P50_NS, 9_000);
        assertTrue(FloorCheck.check(model, List.of(free)).isPresent(), "below the free placement alone");
        assertTrue(FloorCheck.check(model, List.of(free, oneCpu)).isEmpty(),
                "a parked model whose threads share a CPU can reach the one-CPU floor: no error");
        var v = FloorCheck.check(model("thread-handoff", "park", Metric.ROUND_TRIP_P50_NS, 4_000), List.of(free, oneCpu));
        assertEquals(6_000, v.orElseThrow().floorBound(), 1e-9);
        assertEquals("thread-handoff floor, blocking, p50, both sides on one CPU", v.get().floorLabel());
    }

    @Test
    void aModelAboveItsFloorOrWithinItsIntervalIsNotFlagged() {
        assertTrue(FloorCheck.check(model("pipe", "park", Metric.ROUND_TRIP_P50_NS, 20_000), FLOORS).isEmpty());
        assertTrue(FloorCheck.check(model("pipe", "park", Metric.ROUND_TRIP_P50_NS, 12_500), FLOORS).isEmpty(),
                "below the floor's value but inside its interval is noise, not an error");
    }

    @Test
    void unlikeDisciplinesAreNeverCompared() {
        // a spinning pipe model at 9 us is above the spinning floor; the blocking floor (13 us) is not its floor
        assertTrue(FloorCheck.check(model("pipe", "spin", Metric.ROUND_TRIP_P50_NS, 9_000), FLOORS).isEmpty());
        // an adaptive caller spins, then parks: it is held against the lower of the two floors
        assertTrue(FloorCheck.check(model("pipe", "adaptive", Metric.ROUND_TRIP_P50_NS, 9_000), FLOORS).isEmpty());
        var adaptive = FloorCheck.check(model("pipe", "adaptive", Metric.ROUND_TRIP_P50_NS, 900), FLOORS);
        assertTrue(adaptive.orElseThrow().floorLabel().startsWith("pipe floor, spinning, p50"));
        // on a machine where the C spinner lost its core, the blocking floor is the lower, and the adaptive
        // model (which may have parked) is held against that, not against a spinning floor above it
        List<SummaryRecord> slowSpin = List.of(floor("pipe", "park", Metric.FLOOR_ROUND_TRIP_P50_NS, 13_000, null),
                floor("pipe", "spin", Metric.FLOOR_ROUND_TRIP_P50_NS, 40_000, null));
        assertTrue(FloorCheck.check(model("pipe", "adaptive", Metric.ROUND_TRIP_P50_NS, 20_000), slowSpin).isEmpty());
        assertTrue(FloorCheck.check(model("pipe", "spin", Metric.ROUND_TRIP_P50_NS, 20_000), slowSpin).isPresent(),
                "a pure spinner is held against the spinning floor alone");
        // a parked model below only the spinning floor's value is still compared with the blocking floor alone
        var parked = FloorCheck.check(model("pipe", "park", Metric.ROUND_TRIP_P50_NS, 1_000), FLOORS);
        assertEquals("pipe floor, blocking, p50", parked.orElseThrow().floorLabel());
        // a model that does not say its discipline is compared with nothing
        assertTrue(FloorCheck.check(model("pipe", "unknown", Metric.ROUND_TRIP_P50_NS, 1), FLOORS).isEmpty());
    }

    @Test
    void onlyTheSameStatisticAndTransportAreCompared() {
        // a mean is held against the mean floor (16 us, no interval), not the p50 floor
        assertTrue(FloorCheck.check(model("pipe", "park", Metric.ROUND_TRIP_NS, 15_000), FLOORS).isPresent());
        assertTrue(FloorCheck.check(model("pipe", "park", Metric.ROUND_TRIP_NS, 17_000), FLOORS).isEmpty());
        // no p99 floor in the list: nothing to compare with
        assertTrue(FloorCheck.check(model("pipe", "park", Metric.ROUND_TRIP_P99_NS, 1), FLOORS).isEmpty());
        // another transport's floor never applies
        assertTrue(FloorCheck.check(model("tcp", "park", Metric.ROUND_TRIP_P50_NS, 1), FLOORS).isEmpty());
        // a floor at another payload size never applies
        SummaryRecord big = new SummaryRecord("copy", "m", "echo", Map.of("transport", "pipe", "wait", "park",
                "payloadBytes", "4096"), Metric.TIME_PER_OP_NS.id(), 1, "ns", null, null, 10);
        assertTrue(FloorCheck.check(big, FLOORS).isEmpty());
    }

    @Test
    void onlyAnEchoIsHeldAgainstTheEchoFloor() {
        SummaryRecord echoFloor = new SummaryRecord("calibration", "native", "-", Map.of("probe", "pipe", "wait", "park",
                "payloadBytes", "4096"), Metric.FLOOR_ROUND_TRIP_NS.id(), 20_000, "ns", null, null, 10);
        Map<String, String> p = Map.of("transport", "pipe", "wait", "park", "payloadBytes", "4096");
        SummaryRecord echo = new SummaryRecord("copy", "m", "echo", p, Metric.TIME_PER_OP_NS.id(), 15_000, "ns", null,
                null, 10);
        SummaryRecord sha = new SummaryRecord("copy", "m", "sha256", p, Metric.TIME_PER_OP_NS.id(), 15_000, "ns", null,
                null, 10);
        assertTrue(FloorCheck.check(echo, List.of(echoFloor)).isPresent());
        assertTrue(FloorCheck.check(sha, List.of(echoFloor)).isEmpty(), "a hash returns 32 bytes, not the payload");
        Map<String, String> inPlace = new java.util.HashMap<>(p);
        inPlace.put(FloorCheck.ZERO_COPY, "true");
        SummaryRecord zeroCopyEcho = new SummaryRecord("copy", "m", "echo", inPlace, Metric.TIME_PER_OP_NS.id(), 15_000,
                "ns", null, null, 10);
        assertTrue(FloorCheck.check(zeroCopyEcho, List.of(echoFloor)).isEmpty(),
                "an echo handed over in place copies fewer bytes than the C echo: that floor does not bound it");
        assertEquals(1, FloorCheck.violations(List.of(echoFloor, echo, sha)).size(), "floors are split from figures");
    }

    @Test
    void theLowestReadingOfTheFloorIsTheBound() {
        List<SummaryRecord> two = List.of(floor("pipe", "park", Metric.FLOOR_ROUND_TRIP_P50_NS, 13_000, null),
                floor("pipe", "park", Metric.FLOOR_ROUND_TRIP_P50_NS, 8_000, null));
        assertTrue(FloorCheck.check(model("pipe", "park", Metric.ROUND_TRIP_P50_NS, 9_000), two).isEmpty());
        assertTrue(FloorCheck.check(model("pipe", "park", Metric.ROUND_TRIP_P50_NS, 7_000), two).isPresent());
    }

    @Test
    void disciplinesMapToTheirFloors() {
        assertEquals(List.of(WaitDiscipline.SPIN), FloorCheck.floorWaitsFor(WaitDiscipline.SPIN));
        assertEquals(List.of(WaitDiscipline.SPIN, WaitDiscipline.PARK), FloorCheck.floorWaitsFor(WaitDiscipline.ADAPTIVE));
        assertEquals(List.of(WaitDiscipline.PARK), FloorCheck.floorWaitsFor(WaitDiscipline.PARK));
        assertTrue(FloorCheck.floorWaitsFor(WaitDiscipline.UNKNOWN).isEmpty());
        assertEquals(FloorTransport.SHARED_MEMORY, FloorCheck.transport("shared-memory"));
        assertEquals(FloorTransport.UNKNOWN, FloorCheck.transport("carrier-pigeon"));
        assertEquals(FloorTransport.UNKNOWN, FloorCheck.transport(null));
    }

    @Test
    void aFloorThatMovedMoreThanTheStatedShareIsUnstable() {
        assertFalse(FloorCheck.unstable(10_000, 14_000));
        assertTrue(FloorCheck.unstable(10_000, 16_000));
        assertTrue(FloorCheck.unstable(50_000, 8_000), "a drop counts as much as a rise");
        assertEquals(0.5, FloorCheck.movedShare(10_000, 15_000), 1e-12);
        assertThrows(IllegalArgumentException.class, () -> FloorCheck.movedShare(0, 1));
    }
}
