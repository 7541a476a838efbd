package org.offloadbench.bench.jmh;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.offloadbench.bench.plan.Profile;
import org.offloadbench.bench.rig.Warning;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.results.BenchmarkResult;
import org.openjdk.jmh.results.IterationResult;
import org.openjdk.jmh.results.Result;
import org.openjdk.jmh.results.RunResult;

/**
 * Was a model still warming up while JMH measured it? Two signs, either is enough: the pre-warm ran into
 * its cap before the model's rate settled, or the measurement iterations still improve - the last one is
 * more than {@value #IMPROVEMENT_PERCENT} % better than the first and the series as a whole trends that
 * way. The trend test is there because a pre-warm can settle on a plateau (C1 code) before C2 finishes;
 * the second condition keeps a noisy zig-zag whose ends happen to differ from raising the flag.
 * A flagged trial becomes a report note: its figures overstate the warm cost.
 */
public final class WarmUpCheck {
    static final int IMPROVEMENT_PERCENT = 20;

    private WarmUpCheck() {
    }

    /** What the fork said about its pre-warm (JMH secondary results of {@link PreWarmProfiler}). */
    public record PreWarmReport(boolean settled, long roundTrips, double millis, double firstWindowRate,
                                double lastWindowRate) {
    }

    /**
     * One fork's evidence.
     *
     * @param scores        measurement iteration scores, in order
     * @param lowerIsBetter true for time per operation, false for throughput
     * @param preWarm       empty when the pre-warm was off
     */
    public record Evidence(List<Double> scores, String unit, boolean lowerIsBetter, Optional<PreWarmReport> preWarm) {
        public Evidence {
            scores = List.copyOf(scores);
        }
    }

    /** The evidence of each fork of a JMH result. */
    public static List<Evidence> of(RunResult result) {
        boolean lowerIsBetter = result.getParams().getMode() != Mode.Throughput;
        List<Evidence> out = new ArrayList<>();
        for (BenchmarkResult fork : result.getBenchmarkResults()) {
            List<Double> scores = new ArrayList<>();
            String unit = result.getPrimaryResult().getScoreUnit();
            for (IterationResult iteration : fork.getIterationResults()) {
                scores.add(iteration.getPrimaryResult().getScore());
            }
            out.add(new Evidence(scores, unit, lowerIsBetter, preWarm(fork.getSecondaryResults())));
        }
        return out;
    }

    private static Optional<PreWarmReport> preWarm(Map<String, Result> secondary) {
        Result settled = secondary.get(PreWarmProfiler.SETTLED);
        if (settled == null) {
            return Optional.empty();
        }
        return Optional.of(new PreWarmReport(settled.getScore() > 0,
                Math.round(score(secondary, PreWarmProfiler.ROUND_TRIPS)), score(secondary, PreWarmProfiler.MILLIS),
                score(secondary, PreWarmProfiler.FIRST_RATE), score(secondary, PreWarmProfiler.LAST_RATE)));
    }

    private static double score(Map<String, Result> secondary, String label) {
        Result r = secondary.get(label);
        if (r == null) {
            throw new IllegalStateException("JMH result has " + PreWarmProfiler.SETTLED + " but lacks " + label
                    + "; has " + secondary.keySet());
        }
        return r.getScore();
    }

    /**
     * True when the series improves by more than the threshold from first to last and more of its pairs
     * (earlier, later) improve than worsen (Kendall's S), so a zig-zag of noise whose ends happen to differ
     * is not a trend.
     */
    static boolean improving(List<Double> scores, boolean lowerIsBetter) {
        if (scores.size() < 2) {
            return false;
        }
        double first = scores.get(0);
        double last = scores.get(scores.size() - 1);
        double gain = lowerIsBetter ? (first - last) / first : (last - first) / first;
        if (!(first > 0) || !(gain * 100 > IMPROVEMENT_PERCENT)) {
            return false;
        }
        int s = 0;
        for (int i = 0; i < scores.size(); i++) {
            for (int j = i + 1; j < scores.size(); j++) {
                s += Double.compare(scores.get(i), scores.get(j)) * (lowerIsBetter ? 1 : -1);
            }
        }
        return s > 0;
    }

    /**
     * A report note for the first fork that was still warming up, or empty when none was.
     *
     * @param what    suite, model, workload, payload and mode, e.g. "overhead cluster/primary noop 64 B avgt"
     * @param profile the run's profile: quick's remedy is the standard profile's longer warm-up
     */
    public static Optional<String> note(String what, List<Evidence> forks, Profile profile) {
        return warning(what, forks, profile).map(Warning::message);
    }

    /** Kinds of {@link #warning}: iterations still improving, or (iterations flat) a pre-warm that hit its cap. */
    public static final String STILL_WARMING = "still warming up while measured";
    public static final String PRE_WARM_CAPPED = "pre-warm hit its cap unsettled";

    /**
     * {@link #note} as a console warning: kind {@value #STILL_WARMING} ranked by the improvement from the
     * first to the last iteration, or {@value #PRE_WARM_CAPPED} ranked by how far the pre-warm's window
     * rate still moved.
     */
    public static Optional<Warning> warning(String what, List<Evidence> forks, Profile profile) {
        for (int i = 0; i < forks.size(); i++) {
            Evidence e = forks.get(i);
            boolean trend = improving(e.scores(), e.lowerIsBetter());
            boolean unsettled = e.preWarm().map(p -> !p.settled()).orElse(false);
            if (!trend && !unsettled) {
                continue;
            }
            StringBuilder b = new StringBuilder(what);
            if (forks.size() > 1) {
                b.append(" (fork ").append(i + 1).append(" of ").append(forks.size()).append(')');
            }
            // no "; " inside: run.json joins a suite's notes with it
            b.append(": still warming up while measured: iterations ").append(list(e.scores()))
                    .append(' ').append(e.unit());
            if (trend) {
                double first = e.scores().get(0);
                double last = e.scores().get(e.scores().size() - 1);
                b.append(String.format(Locale.ROOT, " (%.0f %% better from first to last)",
                        Math.abs(last - first) / first * 100));
            }
            e.preWarm().ifPresent(p -> b.append(String.format(Locale.ROOT,
                    ", pre-warm %s after %.2f s and %d round trips (window rate %s to %s round trips/s)",
                    p.settled() ? "settled" : "hit its cap unsettled", p.millis() / 1000, p.roundTrips(),
                    num(p.firstWindowRate()), num(p.lastWindowRate()))));
            b.append(". Its figures may overstate the warm cost: ")
                    .append(profile == Profile.QUICK ? "run the standard profile" : "run with a larger --time-scale");
            if (trend) {
                double first = e.scores().get(0);
                double gain = Math.abs(e.scores().get(e.scores().size() - 1) - first) / first * 100;
                return Optional.of(new Warning(STILL_WARMING, what, b.toString(), gain,
                        String.format(Locale.ROOT, "%.0f %% better first to last", gain)));
            }
            PreWarmReport p = e.preWarm().orElseThrow();
            double moved = p.firstWindowRate() > 0
                    ? Math.abs(p.lastWindowRate() - p.firstWindowRate()) / p.firstWindowRate() * 100 : Double.NaN;
            return Optional.of(new Warning(PRE_WARM_CAPPED, what, b.toString(), moved,
                    String.format(Locale.ROOT, "window rate %s to %s/s after %.1f s", num(p.firstWindowRate()),
                            num(p.lastWindowRate()), p.millis() / 1000)));
        }
        return Optional.empty();
    }

    private static String list(List<Double> values) {
        List<String> out = new ArrayList<>();
        values.forEach(v -> out.add(num(v)));
        return String.join(", ", out);
    }

    /** Whole numbers from 100 up, three significant digits below: enough to see a trend. */
    static String num(double v) {
        return Math.abs(v) >= 100 ? Long.toString(Math.round(v)) : String.format(Locale.ROOT, "%.3g", v);
    }
}
