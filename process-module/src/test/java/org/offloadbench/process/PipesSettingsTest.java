package org.offloadbench.process;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.offloadbench.core.offload.OffloaderConfig;
import org.offloadbench.core.offload.support.SpinGate;

/** Options become child JVM flags; anything else is refused with the valid choices. No child is started. */
class PipesSettingsTest {

    private static PipesSettings from(Map<String, String> options) {
        return PipesSettings.from(PipesOffloader.NAME, new OffloaderConfig(2, 16, options));
    }

    private static String refusal(Map<String, String> options) {
        return assertThrows(IllegalArgumentException.class, () -> from(options)).getMessage();
    }

    @Test
    void defaultsAreLeastBusyOneInFlightRetryOnTheOomGuardAndAFixedHeap() {
        PipesSettings s = from(Map.of());
        assertEquals(PipesSettings.Dispatch.LEAST_BUSY, s.dispatch());
        assertEquals(1, s.inFlightPerChild());
        assertTrue(s.retry());
        assertEquals(PipesSettings.Cds.DEFAULT, s.cds());
        assertEquals(List.of("-XX:+ExitOnOutOfMemoryError", "-Xms512m", "-Xmx512m"), s.jvmOptions(),
                "a fixed heap by default");
        assertEquals(List.of("-XX:+ExitOnOutOfMemoryError", "-Xmx2g"), from(Map.of("jvmOptions", "-Xmx2g")).jvmOptions(),
                "jvmOptions that size the heap replace the default");
        assertTrue(s.awaitSpinAdaptive(), "a caller spins only while a core is free unless told otherwise");
        assertEquals(SpinGate.AUTO_SPIN_NANOS, s.awaitSpinNanos());
        PipesSettings fixed = from(Map.of("awaitSpinMicros", "50"));
        assertEquals(50_000L, fixed.awaitSpinNanos());
        assertFalse(fixed.awaitSpinAdaptive());
        assertEquals(0L, from(Map.of("awaitSpinMicros", "0")).awaitSpinNanos());
        IllegalArgumentException bad = assertThrows(IllegalArgumentException.class,
                () -> from(Map.of("awaitSpinMicros", "lots")));
        assertTrue(bad.getMessage().contains("must be auto or a whole number of microseconds in 0..1000, was 'lots'"),
                bad.getMessage());
    }

    @Test
    void heapGcTieringCdsAndRawOptionsBecomeFlags() {
        PipesSettings s = from(Map.of("heap", "256m", "gc", "parallel", "tiering", "c1", "cds", "off",
                "jvmOptions", " -Xss512k   -Dfoo=bar ", "dispatch", "round-robin", "inFlightPerChild", "4", "retry", "off"));
        assertEquals(List.of("-XX:+ExitOnOutOfMemoryError", "-Xms256m", "-Xmx256m", "-XX:+UseParallelGC", "-XX:TieredStopAtLevel=1",
                "-Xshare:off", "-Xss512k", "-Dfoo=bar"), s.jvmOptions());
        assertEquals(PipesSettings.Dispatch.ROUND_ROBIN, s.dispatch());
        assertEquals(4, s.inFlightPerChild());
        assertFalse(s.retry());
        List<String> args = PipesOffloader.workerSpec(s).args();
        assertEquals(List.of("--concurrency=4", "--max-queued=4"), args);
        // one task per child: the child runs it on its reader thread (this pool never sends CANCEL)
        assertEquals(List.of("--concurrency=1", "--max-queued=1", "--inline=on"),
                PipesOffloader.workerSpec(from(Map.of("inFlightPerChild", "1"))).args());
    }

    @Test
    void badValuesNameTheOptionAndTheValidChoices() {
        String unknown = refusal(Map.of("dispatcher", "x"));
        assertTrue(unknown.contains("dispatcher") && unknown.contains("inFlightPerChild"), unknown);
        String dispatch = refusal(Map.of("dispatch", "random"));
        assertTrue(dispatch.contains("random") && dispatch.contains("least-busy") && dispatch.contains("round-robin"), dispatch);
        String inFlight = refusal(Map.of("inFlightPerChild", "0"));
        assertTrue(inFlight.contains("inFlightPerChild") && inFlight.contains("1..1024"), inFlight);
        String heap = refusal(Map.of("heap", "lots"));
        assertTrue(heap.contains("heap") && heap.contains("lots") && heap.contains("64m"), heap);
        String gc = refusal(Map.of("gc", "cms"));
        assertTrue(gc.contains("cms") && gc.contains("serial") && gc.contains("g1"), gc);
        String tiering = refusal(Map.of("tiering", "c2"));
        assertTrue(tiering.contains("[full, c1]"), tiering);
        String cds = refusal(Map.of("cds", "yes"));
        assertTrue(cds.contains("[default, off, app]"), cds);
        String archive = refusal(Map.of("cdsArchive", "x.jsa"));
        assertTrue(archive.contains("cds=app"), archive);
        String retry = refusal(Map.of("retry", "maybe"));
        assertTrue(retry.contains("[on, off]"), retry);
        String timeout = refusal(Map.of("startTimeoutMillis", "soon"));
        assertTrue(timeout.contains("startTimeoutMillis") && timeout.contains("soon"), timeout);
        String spin = refusal(Map.of("awaitSpinMicros", "5000"));
        assertTrue(spin.contains("awaitSpinMicros") && spin.contains("5000"), spin);
    }

    @Test
    void theProviderIsFoundByServiceLoaderWithHonestTraits() {
        var provider = org.offloadbench.core.offload.OffloaderRegistry.load().get(PipesOffloader.NAME);
        assertTrue(provider.availability().available(), provider.availability().reason());
        assertEquals("process", provider.traits().family());
        assertFalse(provider.traits().zeroCopy(), "every byte crosses two pipes: no zero copy");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> provider.create(OffloaderConfig.of(1, 1).withOption("nope", "1")));
        assertTrue(e.getMessage().contains("nope"), e.getMessage());
    }
}
