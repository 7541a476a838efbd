package org.offloadbench.bench.calibration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.offloadbench.core.offload.WaitDiscipline;
import org.offloadbench.core.result.EnvironmentCapture;

/**
 * The C probes build with gcc and print sane figures in both disciplines (skipped, saying why, without gcc).
 * Sanity only, never speed: a timing does not decide a test on a shared machine.
 */
class NativeProbesBuildTest {
    private static final NativeProbes.Budget SMALL = new NativeProbes.Budget(200, 50, 2);
    private final List<Process> started = new ArrayList<>();

    @TempDir
    Path tmp;

    @BeforeAll
    static void needsGcc() {
        assumeTrue(EnvironmentCapture.gccVersion().isPresent(), "gcc not found on the PATH: the C probes cannot be built");
    }

    @AfterEach
    void nothingLeftRunning() {
        for (Process p : started) {
            assertTrue(!p.isAlive() && p.descendants().findAny().isEmpty(), "a probe process outlived its run");
        }
    }

    private NativeProbes probes() throws Exception {
        NativeProbes probes = new NativeProbes(tmp, started::add);
        probes.extract();
        return probes;
    }

    @Test
    void everyRoundTripProbeRunsInBothDisciplines() throws Exception {
        NativeProbes probes = probes();
        for (String probe : NativeProbes.ROUND_TRIP) {
            NativeProbes.Result<Path> binary = probes.compile(probe);
            assertTrue(binary.ok(), binary.error());
            for (WaitDiscipline wait : List.of(WaitDiscipline.PARK, WaitDiscipline.SPIN)) {
                NativeProbes.Result<List<NativeProbes.Repetition>> reps = probes.runRoundTrip(binary.value(), wait, 64,
                        SMALL);
                assertTrue(reps.ok(), reps.error());
                assertEquals(SMALL.repetitions(), reps.value().size());
                for (NativeProbes.Repetition r : reps.value()) {
                    String what = probe + " " + wait.label() + ": " + r;
                    assertEquals(probe, r.probe(), what);
                    assertEquals(wait.label(), r.discipline(), what);
                    assertEquals(64, r.payloadBytes(), what);
                    assertTrue(r.n() >= 1 && r.n() <= SMALL.maxRoundTrips(), what);
                    assertTrue(r.p50Ns() > 0 && r.p50Ns() <= r.p99Ns() && r.p99Ns() <= r.maxNs(), what);
                    assertTrue(r.meanNs() > 0 && r.meanNs() <= r.maxNs(), what);
                    assertTrue(r.cpuNsPerRoundTrip() >= 0, what);
                }
            }
        }
    }

    @Test
    void aParkedProbeRunsWithBothSidesOnOneCpu() throws Exception {
        NativeProbes probes = probes();
        for (String probe : NativeProbes.ROUND_TRIP) {
            NativeProbes.Result<List<NativeProbes.Repetition>> reps = probes.runRoundTrip(
                    probes.compile(probe).value(), WaitDiscipline.PARK, NativeProbes.ONE_CPU, 64, SMALL);
            assertTrue(reps.ok(), reps.error());
            assertTrue(reps.value().stream().allMatch(r -> r.placement().equals(NativeProbes.ONE_CPU)
                    && r.n() >= 1 && r.p50Ns() > 0), reps.value().toString());
        }
    }

    @Test
    void anEchoOfALargePayloadAndMemcpyRun() throws Exception {
        NativeProbes probes = probes();
        for (String probe : List.of("pipe", "shared-memory")) {
            NativeProbes.Result<List<NativeProbes.Repetition>> reps = probes.runRoundTrip(
                    probes.compile(probe).value(), WaitDiscipline.PARK, 1 << 20, new NativeProbes.Budget(20, 50, 1));
            assertTrue(reps.ok(), reps.error());
            assertEquals(1 << 20, reps.value().get(0).payloadBytes());
        }
        NativeProbes.Result<List<NativeProbes.Figure>> memcpy = probes.run(probes.compile(NativeProbes.MEMCPY).value(),
                List.of("5", "64", "4096"));
        assertTrue(memcpy.ok(), memcpy.error());
        assertEquals(List.of(64, 4096), memcpy.value().stream().map(NativeProbes.Figure::payloadBytes).toList());
        assertTrue(memcpy.value().stream().allMatch(f -> f.value() > 0 && f.n() > 0));
    }

    @Test
    void badArgumentsAreRefusedWithTheValidChoices() throws Exception {
        NativeProbes probes = probes();
        Path pipe = probes.compile("pipe").value();
        assertThrows(IllegalArgumentException.class, () -> probes.runRoundTrip(pipe, WaitDiscipline.ADAPTIVE, 64, SMALL));
        IllegalArgumentException placement = assertThrows(IllegalArgumentException.class,
                () -> probes.runRoundTrip(pipe, WaitDiscipline.PARK, "two-cpus", 64, SMALL));
        assertTrue(placement.getMessage().contains("free or one-cpu"), placement.getMessage());
        NativeProbes.Result<List<NativeProbes.Figure>> badPlacement = probes.run(pipe,
                List.of("park", "64", "1", "1", "1", "elsewhere"));
        assertTrue(!badPlacement.ok() && badPlacement.error().contains("valid are free, one-cpu"), badPlacement.error());
        NativeProbes.Result<List<NativeProbes.Figure>> bad = probes.run(pipe, List.of("sometimes", "64", "1", "1", "1"));
        assertTrue(!bad.ok() && bad.error().contains("valid are spin, park"), bad.error());
    }
}
