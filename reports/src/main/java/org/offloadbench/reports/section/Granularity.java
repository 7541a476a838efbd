package org.offloadbench.reports.section;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.offloadbench.core.result.Metric;
import org.offloadbench.core.result.SuiteNames;
import org.offloadbench.core.result.SummaryRecord;
import org.offloadbench.reports.html.Fmt;
import org.offloadbench.reports.read.RunData;

/**
 * The granularity suite's figures read back per model: the speedup-over-inline curve against the measured
 * inline task duration, the break-even and 90 %-of-best crossings the runner computed, and the sentence the
 * verdict draws from them. Shared by the granularity section, the claims and the ADR.
 */
public final class Granularity {
    public static final String SUITE = SuiteNames.GRANULARITY;
    /** The inline baseline's model name in summary.json. */
    public static final String INLINE = "inline";
    public static final String BOUND = "bound";

    private Granularity() {
    }

    /** One point: the inline duration of the size and the model's speedup record there. */
    public record Point(double durationMicros, SummaryRecord speedup) {
    }

    /**
     * A model's curve by ascending duration, with its crossings (null when the run has none for it).
     */
    public record Curve(String model, List<Point> points, SummaryRecord breakEven, SummaryRecord nearBest) {
        public Optional<Point> best() {
            return points.stream().max(Comparator.comparingDouble(p -> p.speedup().value()));
        }

        public Optional<Point> smallest() {
            return points.isEmpty() ? Optional.empty() : Optional.of(points.get(0));
        }

        /** Whether the crossing was found inside the sweep (or at or below its smallest size). */
        public static boolean found(SummaryRecord crossing) {
            return crossing != null && !"above".equals(crossing.param(BOUND));
        }

        /** "~85 us [60, 110]", "≤ 1 us", "none up to 9,870 us" for a crossing record. */
        public static String describe(SummaryRecord crossing) {
            if (crossing == null) {
                return "not computed";
            }
            String v = Fmt.num(crossing.value()) + " us";
            return switch (String.valueOf(crossing.param(BOUND))) {
                case "above" -> "none up to " + v;
                case "at-most" -> "≤ " + v + " (already at the smallest size)";
                default -> "~" + v + (crossing.hasInterval() ? " [" + Fmt.num(crossing.ciLow()) + ", "
                        + Fmt.num(crossing.ciHigh()) + "]" : "");
            };
        }
    }

    /** The inline task durations per iteration count. */
    private static Map<String, Double> durations(RunData data) {
        Map<String, Double> out = new HashMap<>();
        for (SummaryRecord r : data.select(SUITE, Metric.TASK_DURATION.id())) {
            if (r.model().equals(INLINE) && r.param("iterations") != null) {
                out.put(r.param("iterations"), r.value());
            }
        }
        return out;
    }

    /** Every model with speedup figures, in the order the run recorded them. */
    public static List<Curve> curves(RunData data) {
        Map<String, Double> durations = durations(data);
        Set<String> models = new LinkedHashSet<>();
        List<SummaryRecord> speedups = data.select(SUITE, Metric.SPEEDUP_VS_INLINE.id());
        speedups.forEach(r -> models.add(r.model()));
        List<Curve> out = new ArrayList<>();
        for (String model : models) {
            List<Point> points = new ArrayList<>();
            for (SummaryRecord r : speedups) {
                Double d = durations.get(r.param("iterations"));
                if (r.model().equals(model) && d != null && d > 0) {
                    points.add(new Point(d, r));
                }
            }
            points.sort(Comparator.comparingDouble(Point::durationMicros));
            out.add(new Curve(model, points, crossing(data, model, Metric.BREAK_EVEN_TASK),
                    crossing(data, model, Metric.PAYS_90_TASK)));
        }
        return out;
    }

    public static Optional<Curve> curve(RunData data, String model) {
        return curves(data).stream().filter(c -> c.model().equals(model)).findFirst();
    }

    private static SummaryRecord crossing(RunData data, String model, Metric metric) {
        return data.select(SUITE, r -> r.model().equals(model) && r.metric().equals(metric.id())).stream()
                .findFirst().orElse(null);
    }

    /**
     * The verdict's "so what": below which task duration to keep the work on the caller, and from which duration
     * which model pays in full; empty when the run has no granularity figures.
     */
    public static Optional<String> soWhat(RunData data) {
        List<Curve> curves = curves(data).stream().filter(c -> !c.points().isEmpty()).toList();
        if (curves.isEmpty()) {
            return Optional.empty();
        }
        double largest = curves.stream().mapToDouble(c -> c.points().get(c.points().size() - 1).durationMicros())
                .max().orElseThrow();
        Optional<Curve> firstToBreakEven = curves.stream().filter(c -> Curve.found(c.breakEven()))
                .min(Comparator.comparingDouble(c -> c.breakEven().value()));
        if (firstToBreakEven.isEmpty()) {
            return Optional.of("Task size: no model beat running the task inline on the caller anywhere in the sweep "
                    + "(up to ~" + Fmt.num(largest) + " us per task): keep tasks of that size on the caller, or batch "
                    + "them (see Granularity).");
        }
        Curve first = firstToBreakEven.get();
        StringBuilder s = new StringBuilder("Task size: below ~").append(Fmt.num(first.breakEven().value()))
                .append(" us per task, keep the work on the caller (no model beat inline there); ");
        Optional<Curve> paysFirst = curves.stream().filter(c -> Curve.found(c.nearBest())
                        && c.best().map(p -> p.speedup().value() > 1).orElse(false))
                .min(Comparator.comparingDouble(c -> c.nearBest().value()));
        if (paysFirst.isPresent()) {
            Curve z = paysFirst.get();
            s.append("from ~").append(Fmt.num(z.nearBest().value())).append(" us, ").append(z.model())
                    .append(" pays (90 % of its best speedup, ").append(Fmt.factor(z.best().orElseThrow().speedup()
                            .value())).append(")");
        } else {
            s.append("from ~").append(Fmt.num(first.breakEven().value())).append(" us, ").append(first.model())
                    .append(" beats inline");
        }
        return Optional.of(s.append(" (see Granularity).").toString());
    }
}
