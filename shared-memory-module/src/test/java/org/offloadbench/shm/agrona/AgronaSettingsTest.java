package org.offloadbench.shm.agrona;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.offloadbench.core.offload.FloorTransport;
import org.offloadbench.core.offload.OffloaderConfig;
import org.offloadbench.core.offload.WaitDiscipline;

class AgronaSettingsTest {

    private final OffloaderConfig base = OffloaderConfig.of(2, 8);
    private final AgronaProvider provider = new AgronaProvider();

    @Test
    void theWaitOptionMapsAgronasIdleStrategiesToWaitDisciplines() {
        assertEquals(WaitDiscipline.SPIN, provider.waitDiscipline(base.withOption("wait", "busy-spin")));
        assertEquals(WaitDiscipline.ADAPTIVE, provider.waitDiscipline(base.withOption("wait", "backoff")));
        assertEquals(WaitDiscipline.PARK, provider.waitDiscipline(base.withOption("wait", "sleeping")));
        assertEquals(WaitDiscipline.ADAPTIVE, provider.waitDiscipline(base), "backoff is the default");
        assertEquals(WaitDiscipline.UNKNOWN, provider.waitDiscipline(base.withOption("wait", "spin")));
        assertEquals(FloorTransport.SHARED_MEMORY, provider.floorTransport());
    }

    @Test
    void badValuesAreRefusedNamingTheValidChoices() {
        IllegalArgumentException wait = assertThrows(IllegalArgumentException.class,
                () -> AgronaSettings.from("shm/agrona", base.withOption("wait", "spin")));
        assertTrue(wait.getMessage().contains("busy-spin|backoff|sleeping") && wait.getMessage().contains("'spin'"),
                wait.getMessage());
        IllegalArgumentException ring = assertThrows(IllegalArgumentException.class,
                () -> AgronaSettings.from("shm/agrona", base.withOption("ringBytes", "100000")));
        assertTrue(ring.getMessage().contains("power of two"), ring.getMessage());
        IllegalArgumentException small = assertThrows(IllegalArgumentException.class,
                () -> AgronaSettings.from("shm/agrona", base.withOption("ringBytes", "1024")));
        assertTrue(small.getMessage().contains("65536..1073741824"), small.getMessage());
        IllegalArgumentException retry = assertThrows(IllegalArgumentException.class,
                () -> AgronaSettings.from("shm/agrona", base.withOption("retry", "maybe")));
        assertTrue(retry.getMessage().contains("on|off"), retry.getMessage());
        IllegalArgumentException unknown = assertThrows(IllegalArgumentException.class,
                () -> AgronaSettings.from("shm/agrona", base.withOption("slotBytes", "4096")));
        assertTrue(unknown.getMessage().contains("slotBytes") && unknown.getMessage().contains("ringBytes"),
                unknown.getMessage());
    }

    @Test
    void defaultsAndBackoff() {
        AgronaSettings s = AgronaSettings.from("shm/agrona", base);
        assertEquals(AgronaWait.BACKOFF, s.waitStrategy());
        assertEquals(16 << 20, s.ringBytes());
        assertTrue(s.retry());
        assertTrue(s.jvmOptions().contains("-Xmx512m"), s.jvmOptions().toString());
        assertEquals(0L, s.respawnDelayNanos(0));
        assertEquals(50_000_000L, s.respawnDelayNanos(1));
        assertEquals(100_000_000L, s.respawnDelayNanos(2));
        assertEquals(AgronaSettings.MAX_RESPAWN_BACKOFF_NANOS, s.respawnDelayNanos(30));
    }
}
