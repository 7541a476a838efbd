package org.offloadbench.reports.section;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.offloadbench.core.result.Metric;
import org.offloadbench.core.result.ModelInfo;
import org.offloadbench.core.result.SuiteNames;
import org.offloadbench.core.result.SummaryRecord;
import org.offloadbench.reports.html.Cell;
import org.offloadbench.reports.html.Fmt;
import org.offloadbench.reports.html.Table;
import org.offloadbench.reports.read.RunData;
import org.offloadbench.reports.stats.Significance;

/**
 * "The article's claims, measured": one row per claim of the seed article (its comparison and summary tables,
 * "when to use" and best practices), the JVM models it maps to, the figure of this run that tests it and a
 * verdict: holds, does not hold, or not measured (and why). Comparisons use the report's test of difference
 * ({@link Significance}); a difference the test does not find is "not shown", never "holds".
 */
public final class ClaimsSection {
    /** How a claim fared in this run. */
    public enum Outcome {
        HOLDS("holds"), DOES_NOT_HOLD("does not hold"), NOT_SHOWN("not shown by this run"),
        NOT_MEASURED("not measured in this run");

        private final String text;

        Outcome(String text) {
            this.text = text;
        }

        public String text() {
            return text;
        }
    }

    /** One row; {@code link} (a section of the page, or null) is where its figure is shown in full. */
    public record Claim(String claim, String models, String figure, Outcome outcome, String why, String link) {
        public Claim(String claim, String models, String figure, Outcome outcome, String why) {
            this(claim, models, figure, outcome, why, null);
        }

        Claim withFigure(String more, String target) {
            return new Claim(claim, models, figure.equals("-") ? more : figure + "; " + more, outcome, why, target);
        }
    }

    /** Hiccup p99 under load within this much of the idle baseline keeps the caller "free and responsive". */
    static final double RESPONSIVE_MARGIN_MS = 1.0;
    static final String POOL = "threads/platform-pool";
    static final String PIPES = "process/pipes";
    static final String THREAD_SPAWN = "threads/spawn-per-task";
    static final String PROCESS_SPAWN = "process/spawn-per-task";
    static final String SIMPLE_TASKS = "Not ideal for simple tasks (a tiny task costs more to hand off than to run)";

    private ClaimsSection() {
    }

    public static Table table(Context ctx) {
        Table t = new Table("The article's claims, measured", List.of("claim (the article)", "JVM models",
                "figure of this run", "verdict", "why"));
        for (Claim c : claims(ctx.data())) {
            Cell figure = Cell.text(c.figure());
            t.add(List.of(Cell.text(c.claim()), Cell.text(c.models()), c.link() == null ? figure : figure.linkedTo(c.link()),
                    new Cell(c.outcome().text(), null, c.outcome() == Outcome.HOLDS ? "ok"
                            : c.outcome() == Outcome.DOES_NOT_HOLD ? "bad" : null), Cell.text(c.why())));
        }
        return t;
    }

    public static List<Claim> claims(RunData data) {
        List<Claim> out = new ArrayList<>();
        out.add(withAnatomy(data, slower(data,
                "Communication: worker_threads are fast and lightweight, child_process is slower via IPC",
                POOL, PIPES, SuiteNames.OVERHEAD, Metric.ROUND_TRIP_P50_NS, "noop")));
        out.add(slower(data, "cluster communicates via the master (an extra hop over child_process)",
                PIPES, "cluster/primary", SuiteNames.OVERHEAD, Metric.ROUND_TRIP_P50_NS, "noop"));
        out.add(slower(data, "Communication, in Node itself (Node reference rows): worker_threads vs child_process",
                "node/worker-threads", "node/child-process", SuiteNames.OVERHEAD, Metric.ROUND_TRIP_P50_NS, "noop"));
        out.add(memorySharing(data));
        out.add(parallel(data));
        out.add(responsive(data));
        out.add(perTaskSpawn(data, "Use thread pools for repeated tasks (a new worker per task costs more)",
                POOL, THREAD_SPAWN));
        out.add(perTaskSpawn(data, "Not ideal for massive process spawning", PIPES, PROCESS_SPAWN));
        out.add(survives(data, "Handle worker termination gracefully (a dying worker must not take the caller down)",
                "fault-halt"));
        out.add(survives(data, "Set up timeouts and fallbacks for unresponsive workers", "fault-hang"));
        out.add(simpleTasks(data));
        out.add(new Claim("Easy setup: moderate", "all", "-", Outcome.NOT_MEASURED, "a judgement, not a figure: "
                + "the trade-off matrix lists what each model needs to run (operational parts)"));
        return out;
    }

    /**
     * The communication row with the anatomy of both hand-offs beside it (linked to the anatomy section), when
     * the run split them.
     */
    static Claim withAnatomy(RunData data, Claim claim) {
        List<SummaryRecord> records = data.select(Granularity.SUITE, r -> r.metric().startsWith("handoff-"));
        List<String> parts = new ArrayList<>();
        for (String model : List.of(POOL, PIPES)) {
            Optional<List<SummaryRecord>> split = AnatomySection.parts(records, model, "noop");
            if (split.isEmpty()) {
                continue;
            }
            StringBuilder line = new StringBuilder(model).append(" noop");
            for (int i = 0; i < split.get().size(); i++) {
                line.append(i == 0 ? " " : " / ").append(AnatomySection.PART_NAMES.get(i)).append(' ')
                        .append(Fmt.num(split.get().get(i).value() / 1000));
            }
            parts.add(line.append(" us").toString());
        }
        if (parts.isEmpty()) {
            return claim;
        }
        return claim.withFigure("anatomy (send / queue / run / reply): " + String.join("; ", parts),
                "#" + AnatomySection.ID);
    }

    /**
     * A pool against the same kind of worker started per task: judged on the noop round trip of the overhead
     * suite where it ran, else on the granularity speedups at the smallest size both measured; the break-even
     * task sizes of both beside it.
     */
    static Claim perTaskSpawn(RunData data, String claim, String pool, String spawn) {
        Claim c = slower(data, claim, pool, spawn, SuiteNames.OVERHEAD, Metric.ROUND_TRIP_P50_NS, "noop");
        Optional<Granularity.Curve> a = Granularity.curve(data, pool);
        Optional<Granularity.Curve> b = Granularity.curve(data, spawn);
        if (c.outcome() == Outcome.NOT_MEASURED && a.isPresent() && b.isPresent()) {
            Optional<Granularity.Point[]> common = smallestCommon(a.get(), b.get());
            if (common.isPresent()) {
                // a higher speedup is better: the spawn pattern "is slower" when its speedup is lower
                Claim g = slower(common.get()[0].speedup(), common.get()[1].speedup(), claim, pool, spawn, true);
                c = new Claim(g.claim(), g.models(), "granularity at ~" + Fmt.num(common.get()[0].durationMicros())
                        + " us: " + g.figure(), g.outcome(), g.why());
            }
        }
        if (a.isPresent() && b.isPresent()) {
            c = c.withFigure("beats inline from: " + pool + " " + Granularity.Curve.describe(a.get().breakEven())
                    + ", " + spawn + " " + Granularity.Curve.describe(b.get().breakEven()), "#" + Granularity.SUITE);
        }
        return c;
    }

    private static Optional<Granularity.Point[]> smallestCommon(Granularity.Curve a, Granularity.Curve b) {
        for (Granularity.Point p : a.points()) {
            for (Granularity.Point q : b.points()) {
                if (p.speedup().param("iterations") != null
                        && p.speedup().param("iterations").equals(q.speedup().param("iterations"))) {
                    return Optional.of(new Granularity.Point[] {p, q});
                }
            }
        }
        return Optional.empty();
    }

    /**
     * "Not ideal for simple tasks": holds when, at the smallest task size swept (about 1 us), offloading to the
     * pool is slower than running inline beyond its interval (the speedup's upper end below 1); does not hold when
     * it beats inline there beyond its interval.
     */
    static Claim simpleTasks(RunData data) {
        Optional<Granularity.Curve> pool = Granularity.curve(data, POOL);
        if (pool.isEmpty() || pool.get().points().isEmpty()) {
            return new Claim(SIMPLE_TASKS, "all", "-", Outcome.NOT_MEASURED, "no granularity figures for " + POOL
                    + " in this run (the granularity suite sweeps the task size from ~1 us to ~10 ms)");
        }
        Granularity.Point smallest = pool.get().smallest().orElseThrow();
        SummaryRecord s = smallest.speedup();
        List<Granularity.Curve> all = Granularity.curves(data);
        long slowerEverywhere = all.stream().filter(c -> c.smallest().map(p -> p.speedup().value() < 1)
                .orElse(false)).count();
        String figure = POOL + " at ~" + Fmt.num(smallest.durationMicros()) + " us per task: "
                + Fmt.factor(s.value()) + interval(s) + " of inline; beats inline from "
                + Granularity.Curve.describe(pool.get().breakEven()) + "; " + slowerEverywhere + " of " + all.size()
                + " models slower than inline at their smallest size";
        String models = all.size() > 1 ? "all (" + POOL + " judged)" : POOL;
        Claim base;
        if (!s.hasInterval()) {
            base = new Claim(SIMPLE_TASKS, models, figure, Outcome.NOT_SHOWN, "the speedup has no interval (too few "
                    + "repetitions), so below 1x is not shown beyond noise");
        } else if (s.ciHigh() < 1) {
            base = new Claim(SIMPLE_TASKS, models, figure, Outcome.HOLDS, "at the smallest size the whole interval "
                    + "of the speedup is below 1x: the hand-off costs more than the task");
        } else if (s.ciLow() > 1) {
            base = new Claim(SIMPLE_TASKS, models, figure, Outcome.DOES_NOT_HOLD, "even a ~"
                    + Fmt.num(smallest.durationMicros()) + " us task pays: the whole interval is above 1x");
        } else {
            base = new Claim(SIMPLE_TASKS, models, figure, Outcome.NOT_SHOWN, "the interval reaches 1x");
        }
        return new Claim(base.claim(), base.models(), base.figure(), base.outcome(), base.why(), "#" + Granularity.SUITE);
    }

    /** "{@code slow} is slower than {@code fast}" on {@code metric}: holds when the test finds it. */
    static Claim slower(RunData data, String claim, String fast, String slow, String suite, Metric metric,
                        String workload) {
        String models = fast + " vs " + slow;
        Optional<SummaryRecord> a = first(data, suite, fast, metric, workload);
        Optional<SummaryRecord> b = first(data, suite, slow, metric, workload);
        if (a.isEmpty() || b.isEmpty()) {
            return new Claim(claim, models, "-", Outcome.NOT_MEASURED, (a.isEmpty() ? fast : slow) + " has no "
                    + metric.id() + " of " + workload + " in this run (model not run, unavailable, or suite skipped)");
        }
        return slower(a.get(), b.get(), claim, fast, slow, metric.higherIsBetter());
    }

    /** The same test on two given figures ({@code a} of the fast model, {@code b} of the slow one). */
    static Claim slower(SummaryRecord a, SummaryRecord b, String claim, String fast, String slow,
                        boolean higherIsBetter) {
        String models = fast + " vs " + slow;
        Significance.Comparison c = Significance.compare(a, b, higherIsBetter);
        String figure = fast + " " + Fmt.withUnit(a.value(), a.unit()) + interval(a) + "; " + slow
                + " " + Fmt.withUnit(b.value(), b.unit()) + interval(b);
        String test = c.test() == null ? c.reason() : c.test() + (c.pValue() == null ? "" : ", p = "
                + Fmt.num(c.pValue()));
        return switch (c.verdict()) {
            case WORSE -> new Claim(claim, models, figure, Outcome.HOLDS, slow + " is "
                    + (c.ratio() == null ? "above" : Fmt.factor(c.ratio())) + " the " + fast + " figure (" + test + ")");
            case BETTER -> new Claim(claim, models, figure, Outcome.DOES_NOT_HOLD, slow + " is faster here ("
                    + test + ")");
            default -> new Claim(claim, models, figure, Outcome.NOT_SHOWN, c.verdict().name().toLowerCase()
                    .replace('_', ' ') + ": " + c.reason());
        };
    }

    private static Claim memorySharing(RunData data) {
        String claim = "Memory sharing: worker_threads yes (SharedArrayBuffer), child_process and cluster no";
        List<ModelInfo> models = data.run().models() == null ? List.of() : data.run().models();
        List<String> sharing = models.stream().filter(m -> m.traits() != null && m.traits().zeroCopy())
                .map(ModelInfo::name).toList();
        boolean threads = sharing.stream().anyMatch(n -> n.startsWith("threads/"));
        boolean processSharing = sharing.stream().anyMatch(n -> n.startsWith("process/"));
        List<String> shm = sharing.stream().filter(n -> n.startsWith("shm/")).toList();
        String figure = "zero-copy hand-off: " + (sharing.isEmpty() ? "none" : String.join(", ", sharing));
        if (models.isEmpty()) {
            return new Claim(claim, "all", "-", Outcome.NOT_MEASURED, "run.json lists no models");
        }
        Outcome o = threads && !processSharing ? Outcome.HOLDS : Outcome.DOES_NOT_HOLD;
        return new Claim(claim, "threads/*, process/*, cluster/*, shm/*", figure, o,
                (threads ? "threads share the heap" : "no thread model shares memory here")
                        + (shm.isEmpty() ? "" : "; where the JVM differs from Node: separate JVM processes share "
                        + "memory through a mapped file (" + String.join(", ", shm) + ")"));
    }

    private static Claim parallel(RunData data) {
        String claim = "Parallel execution; ideal for CPU-heavy work";
        int cores = data.run().environment() == null ? 0 : data.run().environment().cores();
        Optional<SummaryRecord> s = data.select(SuiteNames.SCALING, r -> r.model().equals(POOL)
                && r.metric().equals(Metric.SPEEDUP.id()) && String.valueOf(cores).equals(r.param("workers")))
                .stream().findFirst();
        if (s.isEmpty() || cores < 2) {
            return new Claim(claim, POOL, "-", Outcome.NOT_MEASURED, cores < 2 ? "a one-core machine cannot show it"
                    : "no speedup of " + POOL + " at " + cores + " workers in this run");
        }
        SummaryRecord r = s.get();
        String figure = "speedup at " + cores + " workers (" + r.workload() + "): " + Fmt.withUnit(r.value(), r.unit())
                + interval(r);
        if (!r.hasInterval()) {
            return new Claim(claim, POOL, figure, r.value() > 1 ? Outcome.NOT_SHOWN : Outcome.DOES_NOT_HOLD,
                    "no interval, so above 1 is not shown beyond noise");
        }
        return r.ciLow() > 1 ? new Claim(claim, POOL, figure, Outcome.HOLDS, "the whole interval is above 1x")
                : new Claim(claim, POOL, figure, r.ciHigh() < 1 ? Outcome.DOES_NOT_HOLD : Outcome.NOT_SHOWN,
                "the interval reaches 1x or below");
    }

    private static Claim responsive(RunData data) {
        String claim = "Offloading keeps the main thread free and responsive";
        Optional<SummaryRecord> idle = first(data, SuiteNames.RESPONSIVENESS, "baseline-idle", Metric.HICCUP_P99, null);
        Optional<SummaryRecord> load = first(data, SuiteNames.RESPONSIVENESS, POOL, Metric.HICCUP_P99, null);
        if (idle.isEmpty() || load.isEmpty()) {
            return new Claim(claim, POOL, "-", Outcome.NOT_MEASURED, "no responsiveness figures for " + POOL
                    + " and the idle baseline in this run");
        }
        double extra = load.get().value() - idle.get().value();
        String figure = "caller's hiccup p99: idle " + Fmt.withUnit(idle.get().value(), "ms") + ", " + POOL
                + " saturated " + Fmt.withUnit(load.get().value(), "ms");
        return new Claim(claim, POOL, figure, extra <= RESPONSIVE_MARGIN_MS ? Outcome.HOLDS : Outcome.DOES_NOT_HOLD,
                "rule: within " + Fmt.num(RESPONSIVE_MARGIN_MS) + " ms of idle; " + Fmt.num(extra) + " ms more");
    }

    private static Claim survives(RunData data, String claim, String fault) {
        // only models whose workers live outside the caller's JVM can survive a fault that ends a JVM
        java.util.Set<String> inProcess = new java.util.HashSet<>();
        for (ModelInfo m : data.run().models() == null ? List.<ModelInfo>of() : data.run().models()) {
            if (m.name().startsWith("threads/") || (m.traits() != null && m.traits().isolation().startsWith("none"))) {
                inProcess.add(m.name());
            }
        }
        List<SummaryRecord> survived = data.select(SuiteNames.RESILIENCE, r -> r.workload().equals(fault)
                && r.metric().equals(Metric.SURVIVED.id()) && !r.model().startsWith("threads/")
                && !inProcess.contains(r.model()));
        List<SummaryRecord> lost = data.select(SuiteNames.RESILIENCE, r -> r.workload().equals(fault)
                && r.metric().equals(Metric.TASKS_LOST.id()) && !r.model().startsWith("threads/")
                && !inProcess.contains(r.model()));
        if (survived.isEmpty()) {
            return new Claim(claim, "process/*, cluster/*, shm/*", "-", Outcome.NOT_MEASURED,
                    "no " + fault + " figures for out-of-process models in this run");
        }
        List<String> down = survived.stream().filter(r -> r.value() < 1).map(SummaryRecord::model).toList();
        long lostTasks = Math.round(lost.stream().mapToDouble(SummaryRecord::value).sum());
        String figure = (survived.size() - down.size()) + " of " + survived.size() + " out-of-process models survived "
                + fault + "; tasks lost: " + lostTasks;
        boolean holds = down.isEmpty() && lostTasks == 0;
        return new Claim(claim, "process/*, cluster/*, shm/*", figure, holds ? Outcome.HOLDS : Outcome.DOES_NOT_HOLD,
                holds ? "the harness's recovery (respawn, retry) did it; in-process models cannot survive a halt"
                        : "went down: " + down + (lostTasks > 0 ? "; lost tasks" : ""));
    }

    private static Optional<SummaryRecord> first(RunData data, String suite, String model, Metric metric,
                                                 String workload) {
        return data.select(suite, r -> r.model().equals(model) && r.metric().equals(metric.id())
                && (workload == null || r.workload().equals(workload))).stream().findFirst();
    }

    private static String interval(SummaryRecord r) {
        return r.hasInterval() ? " [" + Fmt.num(r.ciLow()) + ", " + Fmt.num(r.ciHigh()) + "]" : "";
    }
}
