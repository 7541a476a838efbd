package org.offloadbench.reports.stats;

import java.util.Arrays;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.offloadbench.core.offload.FloorTransport;
import org.offloadbench.core.offload.WaitDiscipline;
import org.offloadbench.core.result.Metric;
import org.offloadbench.core.result.SummaryRecord;

/**
 * Holds a model's figure against its like-for-like floor: the C probe of the same transport, the same wait
 * discipline and the same statistic (p50 against p50). A spinning model is held against the spinning floor,
 * a parked one against the blocking floor, an adaptive one (spin, then park) against the lower of the two,
 * since it may end either way (on an oversubscribed machine a C spinner can be slower than a wake-up); a
 * model that does not say its transport or discipline is compared with nothing.
 * A model below the lowest bound any such floor had in the run (the lower end of its interval, before or
 * after the model's block, or in the calibration suite) is a measurement error, never a result.
 *
 * <p>Model figures name their floor with the params {@link #TRANSPORT} and {@link #WAIT}; floors (model
 * {@code native}) with {@code probe} (a {@link FloorTransport#label()}) and {@code wait} (spin or park).
 */
public final class FloorCheck {
    /** The param of a model figure naming its {@link FloorTransport} label. */
    public static final String TRANSPORT = "transport";
    /** The param naming its {@link WaitDiscipline} label (of a model figure or of a floor). */
    public static final String WAIT = "wait";
    /**
     * The param of a floor taken with both sides pinned to one CPU ({@code one-cpu}); absent when the scheduler
     * placed them. A parked model is held against the lower of the two: its threads may land either way.
     */
    public static final String PLACEMENT = "placement";
    /**
     * The param ({@code true}) of a figure from a model that hands bytes over in place ({@code ModelTraits.zeroCopy}):
     * its echo moves fewer bytes than the C echo floor, which copies every byte in and out on both sides, so the
     * echo floor bounds it no more than it bounds a memcpy; its round trips are still held against their floors.
     */
    public static final String ZERO_COPY = "zeroCopy";
    /** The model name of every floor record. */
    public static final String NATIVE = "native";
    /** The one copy workload whose bytes cross twice, like the C echo floors. */
    public static final String ECHO = "echo";
    /**
     * A floor taken before and after a model's block that moved by more than this share of the lower of the
     * two marks that block's figures unstable: the machine's wake-up cost changed while they were measured.
     */
    public static final double UNSTABLE_SHARE = 0.5;

    private FloorCheck() {
    }

    /** A model figure below its floor. */
    public record Violation(SummaryRecord figure, double floorBound, String floorLabel) {
        public String describe() {
            return String.format(Locale.ROOT, "%s %s %s = %.0f %s is below its %s (%.0f %s): a measurement error, "
                            + "not a result", figure.model(), figure.workload(), figure.metric(), figure.value(),
                    figure.unit(), floorLabel, floorBound, figure.unit());
        }
    }

    /** The floor statistic a model metric is compared with; empty for metrics no floor bounds. */
    public static Optional<Metric> floorMetricFor(String modelMetric) {
        if (Metric.ROUND_TRIP_NS.id().equals(modelMetric) || Metric.TIME_PER_OP_NS.id().equals(modelMetric)) {
            return Optional.of(Metric.FLOOR_ROUND_TRIP_NS);
        }
        if (Metric.ROUND_TRIP_P50_NS.id().equals(modelMetric)) {
            return Optional.of(Metric.FLOOR_ROUND_TRIP_P50_NS);
        }
        if (Metric.ROUND_TRIP_P99_NS.id().equals(modelMetric)) {
            return Optional.of(Metric.FLOOR_ROUND_TRIP_P99_NS);
        }
        return Optional.empty();
    }

    /** The disciplines of the floors a model with {@code model}'s discipline is held against. */
    public static List<WaitDiscipline> floorWaitsFor(WaitDiscipline model) {
        return switch (model) {
            case SPIN -> List.of(WaitDiscipline.SPIN);
            case PARK -> List.of(WaitDiscipline.PARK);
            case ADAPTIVE -> List.of(WaitDiscipline.SPIN, WaitDiscipline.PARK);
            case UNKNOWN -> List.of();
        };
    }

    /** The floors of a model's transport and discipline(s), statistic and payload among {@code floors}. */
    public static List<SummaryRecord> floorsFor(Collection<SummaryRecord> floors, FloorTransport transport,
                                                WaitDiscipline modelWait, Metric floorMetric, String payloadBytes) {
        return floorWaitsFor(modelWait).stream()
                .flatMap(w -> matching(floors, transport, w, floorMetric, payloadBytes).stream()).toList();
    }

    /** What a floor line or a flag calls the floor of one of its records, for a model of {@code modelWait}. */
    public static String label(SummaryRecord floor, WaitDiscipline modelWait, Metric floorMetric) {
        String base = label(transport(floor.param("probe")), discipline(floor.param(WAIT)), floorMetric)
                + (floor.param(PLACEMENT) != null ? ", both sides on one CPU" : "");
        return modelWait == WaitDiscipline.ADAPTIVE ? base + " (the lower of spinning and blocking, for an adaptive "
                + "caller)" : base;
    }

    public static FloorTransport transport(String label) {
        return Arrays.stream(FloorTransport.values()).filter(t -> t.label().equals(label)).findFirst()
                .orElse(FloorTransport.UNKNOWN);
    }

    public static WaitDiscipline discipline(String label) {
        return Arrays.stream(WaitDiscipline.values()).filter(w -> w.label().equals(label)).findFirst()
                .orElse(WaitDiscipline.UNKNOWN);
    }

    /** "pipe floor, spinning, p50": what a floor line or a flag says it is. */
    public static String label(FloorTransport transport, WaitDiscipline floorWait, Metric floorMetric) {
        String wait = floorWait == WaitDiscipline.SPIN ? "spinning" : floorWait == WaitDiscipline.PARK ? "blocking"
                : floorWait.label();
        return transport.label() + " floor, " + wait + ", " + statistic(floorMetric);
    }

    private static String statistic(Metric floorMetric) {
        return switch (floorMetric) {
            case FLOOR_ROUND_TRIP_P50_NS -> "p50";
            case FLOOR_ROUND_TRIP_P99_NS -> "p99";
            case FLOOR_CPU_PER_ROUND_TRIP_NS -> "CPU per round trip";
            default -> "mean";
        };
    }

    /** The floors of one transport, discipline, statistic and payload among {@code floors}. */
    public static List<SummaryRecord> matching(Collection<SummaryRecord> floors, FloorTransport transport,
                                               WaitDiscipline floorWait, Metric floorMetric, String payloadBytes) {
        return floors.stream().filter(r -> NATIVE.equals(r.model()) && r.metric().equals(floorMetric.id())
                && transport.label().equals(r.param("probe")) && floorWait.label().equals(r.param(WAIT))
                && (payloadBytes == null || samePayload(payloadBytes, r.param("payloadBytes")))).toList();
    }

    /** The lowest any of these floors could have been: the smallest lower interval bound, else value. */
    public static Optional<Double> lowestBound(Collection<SummaryRecord> floors) {
        return floors.stream().map(FloorCheck::lowerBound).min(Double::compare);
    }

    /**
     * Compares one model figure with its like-for-like floors.
     *
     * @return the violation when the figure lies below the lowest bound of its floors; empty when it does not,
     *         or when there is nothing like for like to compare it with
     */
    public static Optional<Violation> check(SummaryRecord figure, Collection<SummaryRecord> floors) {
        FloorTransport transport = transport(figure.param(TRANSPORT));
        WaitDiscipline modelWait = discipline(figure.param(WAIT));
        Optional<Metric> floorMetric = floorMetricFor(figure.metric());
        if (transport == FloorTransport.UNKNOWN || floorWaitsFor(modelWait).isEmpty() || floorMetric.isEmpty()) {
            return Optional.empty();
        }
        if (Metric.TIME_PER_OP_NS.id().equals(figure.metric())
                && (!ECHO.equals(figure.workload()) || "true".equals(figure.param(ZERO_COPY)))) {
            // only an echo sends every byte there and back, as the C echo floor does, and only one that copies
            return Optional.empty();
        }
        List<SummaryRecord> own = floorsFor(floors, transport, modelWait, floorMetric.get(), figure.param("payloadBytes"));
        Optional<SummaryRecord> lowest = own.stream().min(Comparator.comparingDouble(FloorCheck::lowerBound));
        return lowest.filter(f -> figure.value() < lowerBound(f)).map(f -> new Violation(figure, lowerBound(f),
                label(f, modelWait, floorMetric.get())));
    }

    private static double lowerBound(SummaryRecord floor) {
        return floor.ciLow() != null ? Math.min(floor.ciLow(), floor.value()) : floor.value();
    }

    /** Every violation among {@code figures}. */
    public static List<Violation> violations(Collection<SummaryRecord> figures, Collection<SummaryRecord> floors) {
        return figures.stream().map(f -> check(f, floors)).flatMap(Optional::stream).toList();
    }

    /** Every violation in a run's figures, against every floor the run recorded: for the console. */
    public static List<Violation> violations(Collection<SummaryRecord> records) {
        List<SummaryRecord> floors = records.stream().filter(r -> NATIVE.equals(r.model())).toList();
        return violations(records.stream().filter(r -> !NATIVE.equals(r.model())).toList(), floors);
    }

    /** How far a floor moved between two readings, as a share of the lower one. */
    public static double movedShare(double before, double after) {
        if (!(before > 0) || !(after > 0)) {
            throw new IllegalArgumentException("floor readings must be positive, were " + before + " and " + after);
        }
        return Math.abs(after - before) / Math.min(before, after);
    }

    /** Whether a floor that read {@code before} and {@code after} around a block marks it unstable. */
    public static boolean unstable(double before, double after) {
        return movedShare(before, after) > UNSTABLE_SHARE;
    }

    private static boolean samePayload(String a, String b) {
        if (b == null) {
            return false;
        }
        try {
            return Math.round(Double.parseDouble(a)) == Math.round(Double.parseDouble(b));
        } catch (NumberFormatException e) {
            return false;
        }
    }
}
