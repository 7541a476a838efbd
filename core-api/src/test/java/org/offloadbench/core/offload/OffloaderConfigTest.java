package org.offloadbench.core.offload;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class OffloaderConfigTest {

    @Test
    void longOptionGivesTheDefaultWhenAbsentAndTheValueWhenInRange() {
        OffloaderConfig config = new OffloaderConfig(2, 8, Map.of("graceMillis", " 250 "));
        assertEquals(250, config.longOption("m/x", "graceMillis", 200, 1, 1000));
        assertEquals(7, config.longOption("m/x", "other", 7, 1, 1000));
    }

    @Test
    void longOptionNamesModelOptionRangeAndBadValue() {
        OffloaderConfig notANumber = OffloaderConfig.of(1, 1).withOption("graceMillis", "soon");
        var e = assertThrows(IllegalArgumentException.class,
                () -> notANumber.longOption("m/x", "graceMillis", 200, 1, 1000));
        assertEquals("m/x: option graceMillis must be a whole number in 1..1000, was 'soon'", e.getMessage());
        OffloaderConfig tooBig = OffloaderConfig.of(1, 1).withOption("graceMillis", "1001");
        assertThrows(IllegalArgumentException.class, () -> tooBig.longOption("m/x", "graceMillis", 200, 1, 1000));
    }

    @Test
    void unknownOptionsAreRefusedNamingTheValidOnes() {
        OffloaderConfig config = OffloaderConfig.of(1, 1).withOption("dispach", "round-robin");
        var e = assertThrows(IllegalArgumentException.class,
                () -> config.requireOnly("m/x", Set.of("dispatch", "retry")));
        assertEquals("unknown option 'dispach' for m/x; valid: dispatch, retry", e.getMessage());
    }

    @Test
    void workersAndQueueMustBeSane() {
        assertThrows(IllegalArgumentException.class, () -> OffloaderConfig.of(0, 1));
        assertThrows(IllegalArgumentException.class, () -> OffloaderConfig.of(1, -1));
    }
}
