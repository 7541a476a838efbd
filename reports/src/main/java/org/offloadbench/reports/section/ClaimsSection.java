package org.offloadbench.reports.section;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.offloadbench.core.result.Metric;
import org.offloadbench.core.result.ModelInfo;
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

    /** One row. */
    public record Claim(String claim, String models, String figure, Outcome outcome, String why) {
    }

    /** Hiccup p99 under load within this much of the idle baseline keeps the caller "free and responsive". */
    static final double RESPONSIVE_MARGIN_MS = 1.0;
    static final String POOL = "threads/platform-pool";
    static final String PIPES = "process/pipes";

    private ClaimsSection() {
    }

    public static Table table(Context ctx) {
        Table t = new Table("The article's claims, measured", List.of("claim (the article)", "JVM models",
                "figure of this run", "verdict", "why"));
        for (Claim c : claims(ctx.data())) {
            t.add(List.of(Cell.text(c.claim()), Cell.text(c.models()), Cell.text(c.figure()),
                    new Cell(c.outcome().text(), null, c.outcome() == Outcome.HOLDS ? "ok"
                            : c.outcome() == Outcome.DOES_NOT_HOLD ? "bad" : null), Cell.text(c.why())));
        }
        return t;
    }

    public static List<Claim> claims(RunData data) {
        List<Claim> out = new ArrayList<>();
        out.add(slower(data, "Communication: worker_threads are fast and lightweight, child_process is slower via IPC",
                POOL, PIPES, "overhead", Metric.ROUND_TRIP_P50_NS, "noop"));
        out.add(slower(data, "cluster communicates via the master (an extra hop over child_process)",
                PIPES, "cluster/primary", "overhead", Metric.ROUND_TRIP_P50_NS, "noop"));
        out.add(slower(data, "Communication, in Node itself (Node reference rows): worker_threads vs child_process",
                "node/worker-threads", "node/child-process", "overhead", Metric.ROUND_TRIP_P50_NS, "noop"));
        out.add(memorySharing(data));
        out.add(parallel(data));
        out.add(responsive(data));
        out.add(slower(data, "Use thread pools for repeated tasks (a new worker per task costs more)",
                POOL, "threads/spawn-per-task", "overhead", Metric.ROUND_TRIP_P50_NS, "noop"));
        out.add(slower(data, "Not ideal for massive process spawning",
                PIPES, "process/spawn-per-task", "overhead", Metric.ROUND_TRIP_P50_NS, "noop"));
        out.add(survives(data, "Handle worker termination gracefully (a dying worker must not take the caller down)",
                "fault-halt"));
        out.add(survives(data, "Set up timeouts and fallbacks for unresponsive workers", "fault-hang"));
        out.add(new Claim("Not ideal for simple tasks (a tiny task costs more to hand off than to run)", "all",
                "-", Outcome.NOT_MEASURED, "needs the granularity suite (task size swept from ~1 us to ~10 ms), "
                + "which this version does not have; the overhead section gives the hand-off cost itself"));
        out.add(new Claim("Easy setup: moderate", "all", "-", Outcome.NOT_MEASURED, "a judgement, not a figure: "
                + "the trade-off matrix lists what each model needs to run (operational parts)"));
        return out;
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
        Significance.Comparison c = Significance.compare(a.get(), b.get(), metric.higherIsBetter());
        String figure = fast + " " + Fmt.withUnit(a.get().value(), a.get().unit()) + interval(a.get()) + "; " + slow
                + " " + Fmt.withUnit(b.get().value(), b.get().unit()) + interval(b.get());
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
        Optional<SummaryRecord> s = data.select("scaling", r -> r.model().equals(POOL)
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
        Optional<SummaryRecord> idle = first(data, "responsiveness", "baseline-idle", Metric.HICCUP_P99, null);
        Optional<SummaryRecord> load = first(data, "responsiveness", POOL, Metric.HICCUP_P99, null);
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
        List<SummaryRecord> survived = data.select("resilience", r -> r.workload().equals(fault)
                && r.metric().equals(Metric.SURVIVED.id()) && !r.model().startsWith("threads/")
                && !inProcess.contains(r.model()));
        List<SummaryRecord> lost = data.select("resilience", r -> r.workload().equals(fault)
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
