package org.offloadbench.reports.section;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.offloadbench.core.offload.FloorTransport;
import org.offloadbench.core.offload.WaitDiscipline;
import org.offloadbench.core.result.Metric;
import org.offloadbench.core.result.SuiteNames;
import org.offloadbench.core.result.SummaryRecord;
import org.offloadbench.reports.chart.Marker;
import org.offloadbench.reports.html.Fmt;
import org.offloadbench.reports.stats.FloorCheck;

/**
 * The machine's floors in the shapes the overhead and copy sections use: like-for-like floor lines (the
 * transport and wait discipline of the models drawn, one statistic, labelled), the flags of figures below
 * their floor, and the blocks whose bracketing floor moved. Floors come from the calibration suite and from
 * the readings the overhead suite took before and after each model's block.
 */
final class Floors {
    static final String SUITE = SuiteNames.CALIBRATION;
    private static final List<String> ROUND_TRIP_METRICS = List.of(Metric.FLOOR_ROUND_TRIP_NS.id(),
            Metric.FLOOR_ROUND_TRIP_P50_NS.id(), Metric.FLOOR_ROUND_TRIP_P99_NS.id(),
            Metric.FLOOR_CPU_PER_ROUND_TRIP_NS.id());

    private Floors() {
    }

    /** Every round-trip floor of the run: the calibration suite's and the bracketing readings. */
    static List<SummaryRecord> roundTripFloors(Context ctx) {
        return ctx.data().records().stream().filter(r -> FloorCheck.NATIVE.equals(r.model())
                && ROUND_TRIP_METRICS.contains(r.metric())).toList();
    }

    /** The calibration suite's floors only (no bracketing readings). */
    static List<SummaryRecord> calibrationFloors(Context ctx) {
        return roundTripFloors(ctx).stream().filter(r -> r.suite().equals(SUITE)).toList();
    }

    /**
     * One labelled line per transport and discipline the shown models use ("pipe floor, spinning, p50"), at
     * {@code payloadBytes}: the calibration suite's figure, else the lowest bracketing reading.
     */
    static List<Marker> roundTrips(Context ctx, Collection<SummaryRecord> figures, Metric floorMetric,
                                   int payloadBytes) {
        Map<String, Marker> out = new LinkedHashMap<>();
        List<SummaryRecord> floors = roundTripFloors(ctx);
        for (SummaryRecord f : figures) {
            FloorTransport transport = FloorCheck.transport(f.param(FloorCheck.TRANSPORT));
            WaitDiscipline modelWait = FloorCheck.discipline(f.param(FloorCheck.WAIT));
            List<SummaryRecord> own = FloorCheck.floorsFor(floors, transport, modelWait, floorMetric,
                    Integer.toString(payloadBytes));
            // the calibration suite's reading, else the lowest taken next to a block; the lower discipline first
            List<SummaryRecord> calibrated = own.stream().filter(r -> r.suite().equals(SUITE)).toList();
            Optional<SummaryRecord> shown = (calibrated.isEmpty() ? own : calibrated).stream()
                    .min(Comparator.comparingDouble(SummaryRecord::value));
            shown.ifPresent(r -> {
                String label = FloorCheck.label(r, modelWait, floorMetric);
                out.putIfAbsent(label, new Marker(label + " " + Fmt.num(r.value()) + " ns", r.value()));
            });
        }
        return new ArrayList<>(out.values());
    }

    /** Figures below their like-for-like floor: measurement errors the page must say, never draw silently. */
    static List<FloorCheck.Violation> violations(Context ctx, Collection<SummaryRecord> figures) {
        return FloorCheck.violations(figures, roundTripFloors(ctx));
    }

    /** A paragraph naming every violation, or null when there are none. */
    static String violationNote(List<FloorCheck.Violation> violations) {
        if (violations.isEmpty()) {
            return null;
        }
        StringBuilder b = new StringBuilder("MEASUREMENT ERROR: ");
        b.append(violations.size() == 1 ? "a figure lies" : violations.size() + " figures lie")
                .append(" below the floor of the same transport, wait discipline and statistic, which no model can "
                        + "beat; treat ").append(violations.size() == 1 ? "it" : "them")
                .append(" as a broken measurement, not a result: ");
        b.append(String.join("; ", violations.stream().map(FloorCheck.Violation::describe).toList())).append('.');
        return b.toString();
    }

    /**
     * The models whose bracketing floor (p50, before and after their block in {@code suite}) moved by more
     * than {@link FloorCheck#UNSTABLE_SHARE}: model to a one-line reason.
     */
    static Map<String, String> unstableBlocks(Context ctx, String suite) {
        // per block and phase, the floor that bounds it: the lowest p50 (an adaptive model is read both ways)
        Map<String, SummaryRecord> before = new TreeMap<>();
        Map<String, SummaryRecord> after = new TreeMap<>();
        for (SummaryRecord r : ctx.data().select(suite, Metric.FLOOR_ROUND_TRIP_P50_NS.id())) {
            String block = r.param("block");
            Map<String, SummaryRecord> phase = "before".equals(r.param("phase")) ? before
                    : "after".equals(r.param("phase")) ? after : null;
            if (block != null && phase != null) {
                phase.merge(block, r, (x, y) -> x.value() <= y.value() ? x : y);
            }
        }
        Map<String, String> out = new LinkedHashMap<>();
        before.forEach((block, b) -> {
            SummaryRecord a = after.get(block);
            if (a != null && b.value() > 0 && a.value() > 0 && FloorCheck.unstable(b.value(), a.value())) {
                out.put(block, String.format(Locale.ROOT, "its floor p50 moved from %s ns (%s/%s) before the block "
                                + "to %s ns (%s/%s) after it (more than %.0f %%)", Fmt.num(b.value()), b.param("probe"),
                        b.param(FloorCheck.WAIT), Fmt.num(a.value()), a.param("probe"), a.param(FloorCheck.WAIT),
                        100 * FloorCheck.UNSTABLE_SHARE));
            }
        });
        return out;
    }

    /** memcpy bandwidth by payload size (GB/s); empty when calibration did not run. */
    static TreeMap<Long, Double> memcpyBandwidth(Context ctx) {
        TreeMap<Long, Double> out = new TreeMap<>();
        for (SummaryRecord r : ctx.data().select(SUITE, Metric.FLOOR_BANDWIDTH.id())) {
            if ("memcpy".equals(r.param("probe"))) {
                out.put(payload(r), r.value());
            }
        }
        return out;
    }

    /** Mean echo round trip (ns) by payload size through one transport in one discipline (calibration suite). */
    static TreeMap<Long, Double> echo(Context ctx, FloorTransport transport, WaitDiscipline floorWait) {
        TreeMap<Long, Double> out = new TreeMap<>();
        for (SummaryRecord r : FloorCheck.matching(calibrationFloors(ctx), transport, floorWait,
                Metric.FLOOR_ROUND_TRIP_NS, null)) {
            out.put(payload(r), r.value());
        }
        return out;
    }

    private static long payload(SummaryRecord r) {
        return r.param("payloadBytes") == null ? 0 : Context.paramLong(r, "payloadBytes");
    }
}
