package org.offloadbench.bench.calibration;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import org.offloadbench.core.offload.FloorTransport;
import org.offloadbench.core.offload.WaitDiscipline;
import org.offloadbench.core.result.Metric;
import org.offloadbench.core.result.SummaryRecord;
import org.offloadbench.reports.stats.FloorCheck;

/**
 * The floor taken next to the step it bounds: a quick run of the C probe of a model's transport and
 * discipline, before and after that model's block, because a virtual machine's wake-up cost moves between
 * minutes. Both readings are recorded (params {@code phase=before|after}, {@code block=<model>}); a floor
 * that moved by more than {@link FloorCheck#UNSTABLE_SHARE} marks the block unstable.
 */
public final class FloorBracket {
    /** Enough round trips for a p50 and p99, short enough to run twice per model. */
    public static final NativeProbes.Budget BUDGET = new NativeProbes.Budget(2_000, 200, 3);
    public static final String PHASE = "phase";
    public static final String BLOCK = "block";

    private final NativeProbes probes;
    private final NativeProbes.Budget budget;
    private final Map<FloorTransport, NativeProbes.Result<Path>> binaries = new HashMap<>();

    private FloorBracket(NativeProbes probes, NativeProbes.Budget budget) {
        this.probes = probes;
        this.budget = budget;
    }

    /**
     * Extracts the sources into {@code workDir}; compiles each probe the first time it is asked for.
     *
     * @param timeScale the runner's time scale, applied to {@link #BUDGET}'s time
     */
    public static FloorBracket open(Path workDir, Consumer<Process> tracker, double timeScale) throws IOException {
        NativeProbes probes = new NativeProbes(workDir, tracker);
        probes.extract();
        return new FloorBracket(probes, BUDGET.scaled(timeScale));
    }

    /**
     * One reading of the floor that {@code block}'s figures are held against.
     *
     * @param modelWait the model's discipline; an adaptive model is bracketed in both
     * @return the floor's records, or the reason there are none
     */
    public NativeProbes.Result<List<SummaryRecord>> measure(String suite, String block, String phase,
                                                            FloorTransport transport, WaitDiscipline modelWait,
                                                            int payloadBytes)
            throws IOException, InterruptedException {
        List<WaitDiscipline> floorWaits = FloorCheck.floorWaitsFor(modelWait);
        if (transport == FloorTransport.UNKNOWN || floorWaits.isEmpty()) {
            return NativeProbes.Result.error(block + " does not say its transport and wait discipline: no floor");
        }
        NativeProbes.Result<Path> binary = binaries.get(transport);
        if (binary == null) {
            binary = probes.compile(transport.label());
            binaries.put(transport, binary);
        }
        if (!binary.ok()) {
            return NativeProbes.Result.error(binary.error());
        }
        Map<String, String> extra = new LinkedHashMap<>();
        extra.put(PHASE, phase);
        extra.put(BLOCK, block);
        List<SummaryRecord> out = new ArrayList<>();
        for (WaitDiscipline floorWait : floorWaits) {
            NativeProbes.Result<List<NativeProbes.Repetition>> reps = probes.runRoundTrip(binary.value(), floorWait,
                    payloadBytes, budget);
            if (!reps.ok()) {
                return NativeProbes.Result.error(reps.error());
            }
            out.addAll(FloorFigures.of(suite, FloorCheck.NATIVE, reps.value(), extra));
        }
        return NativeProbes.Result.ok(out);
    }

    /**
     * What the two readings around a block say: a note when the floor that bounds the block (its lowest p50,
     * the lower discipline for an adaptive model) moved by more than the stated share (the block's figures are
     * unstable), empty when it held still.
     */
    public static Optional<String> stabilityNote(String block, List<SummaryRecord> before, List<SummaryRecord> after) {
        Optional<SummaryRecord> b = p50s(before).stream().min(Comparator.comparingDouble(SummaryRecord::value));
        Optional<SummaryRecord> a = p50s(after).stream().min(Comparator.comparingDouble(SummaryRecord::value));
        if (b.isEmpty() || a.isEmpty() || !(b.get().value() > 0) || !(a.get().value() > 0)) {
            return Optional.empty();
        }
        double share = FloorCheck.movedShare(b.get().value(), a.get().value());
        if (share <= FloorCheck.UNSTABLE_SHARE) {
            return Optional.empty();
        }
        return Optional.of(String.format(Locale.ROOT, "%s: unstable: its floor p50 moved from %.0f ns (%s) before "
                        + "the block to %.0f ns (%s) after it (%.0f %%, more than %.0f %%); its figures are marked",
                block, b.get().value(), name(b.get()), a.get().value(), name(a.get()), 100 * share,
                100 * FloorCheck.UNSTABLE_SHARE));
    }

    /**
     * The figures a block's own floor readings can judge. A bracket reading runs the probe's two sides where
     * the scheduler puts them; a parked model's two sides may share one CPU, where a wake-up is far cheaper
     * (the calibration suite's {@code placement=one-cpu} floor), so a free-placement reading alone bounds no
     * parked figure: those are judged at the end of the run against every floor (the report and
     * {@code bench report}), not flagged here as errors they are not.
     */
    public static List<SummaryRecord> judgeableInBlock(List<SummaryRecord> figures, List<SummaryRecord> floors) {
        boolean oneCpu = floors.stream().anyMatch(f -> f.param(FloorCheck.PLACEMENT) != null);
        return oneCpu ? figures : figures.stream()
                .filter(f -> FloorCheck.discipline(f.param(FloorCheck.WAIT)) != WaitDiscipline.PARK).toList();
    }

    private static String name(SummaryRecord floor) {
        return floor.param("probe") + "/" + floor.param(FloorCheck.WAIT);
    }

    private static List<SummaryRecord> p50s(List<SummaryRecord> records) {
        return records.stream().filter(r -> r.metric().equals(Metric.FLOOR_ROUND_TRIP_P50_NS.id())).toList();
    }
}
