package org.offloadbench.reports.section;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Stream;
import org.offloadbench.core.result.EnvironmentInfo;
import org.offloadbench.core.result.RunConditions;
import org.offloadbench.core.result.RunRecord;
import org.offloadbench.core.result.SuiteStatus;
import org.offloadbench.reports.html.Cell;
import org.offloadbench.reports.html.Fmt;
import org.offloadbench.reports.html.KeyValue;
import org.offloadbench.reports.html.Link;
import org.offloadbench.reports.html.Table;

/** Environment, method and the raw files: what a reviewer needs to trust or reproduce the numbers. */
public final class EnvironmentSection {
    private EnvironmentSection() {
    }

    public static List<KeyValue> environment(RunRecord run) {
        List<KeyValue> out = new ArrayList<>();
        out.add(new KeyValue("run", run.runId()));
        out.add(new KeyValue("profile", run.profile()));
        out.add(new KeyValue("configuration hash", run.configHash()));
        out.add(new KeyValue("started / ended", run.startedAt() + " / " + (run.endedAt() == null ? "–" : run.endedAt())));
        EnvironmentInfo e = run.environment();
        if (e != null) {
            out.add(new KeyValue("CPU", e.cpuModel() + " · " + e.cores() + " cores"));
            out.add(new KeyValue("memory", String.format(java.util.Locale.ROOT, "%.1f GiB", e.memoryBytes() / (double) (1L << 30))));
            out.add(new KeyValue("OS / kernel", e.os() + " / " + e.kernel()));
            out.add(new KeyValue("JDK", e.jdkVersion() + " (" + e.jdkVendor() + ") at " + e.javaHome()));
            out.add(new KeyValue("coordinator JVM flags", e.jvmFlags() == null ? "–" : String.join(" ", e.jvmFlags())));
            out.add(new KeyValue("fork JVM flags", e.forkJvmFlags() == null || e.forkJvmFlags().isEmpty() ? "–"
                    : String.join(" ", e.forkJvmFlags())));
            out.add(new KeyValue("harness commit", e.gitCommit() + (e.gitDirty() ? " (with uncommitted changes)" : "")));
            out.add(new KeyValue("host", e.hostname()));
            firstConditions(run).ifPresent(c -> out.add(new KeyValue("CPU settings", machineSettings(c))));
            if (e.extra() != null) {
                e.extra().forEach((k, v) -> out.add(new KeyValue(k, v)));
            }
        }
        if (run.config() != null) {
            for (Map.Entry<String, Object> c : run.config().entrySet()) {
                if (!c.getKey().equals("workloadClasses") && !c.getKey().equals("workloadDescriptions")) {
                    out.add(new KeyValue("config: " + c.getKey(), String.valueOf(c.getValue())));
                }
            }
        }
        return out;
    }

    public static Table suites(RunRecord run) {
        Table table = new Table("Suites in run order", List.of("suite", "state", "started", "ended",
                "run conditions (start → end)", "message"));
        if (run.suites() != null) {
            for (SuiteStatus s : run.suites()) {
                String cls = "done".equals(s.state()) ? "ok" : "skipped".equals(s.state()) ? "muted" : "bad";
                table.add(List.of(Cell.text(s.suite()), new Cell(s.state(), null, cls), Cell.text(orDash(s.startedAt())),
                        Cell.text(orDash(s.endedAt())), new Cell(conditions(s), null, "lines"),
                        new Cell(orDash(s.message()), null, "lines")));
            }
        }
        return table;
    }

    /**
     * The warning at the top of the report when the machine was busy at the start or end of any suite: load
     * above the cores, steal above a few percent, a CPU quota below the cores, another busy process. Each kind
     * once, at its worst, with how many of the captures it held in; null when none did.
     */
    public static String busyWarning(RunRecord run) {
        if (run.suites() == null || run.environment() == null) {
            return null;
        }
        int cores = run.environment().cores();
        List<Capture> captures = new ArrayList<>();
        for (SuiteStatus s : run.suites()) {
            if (s.conditionsAtStart() != null) {
                captures.add(new Capture(s.suite() + " (start)", s.conditionsAtStart()));
            }
            if (s.conditionsAtEnd() != null) {
                captures.add(new Capture(s.suite() + " (end)", s.conditionsAtEnd()));
            }
        }
        List<String> found = new ArrayList<>();
        worst(captures, RunConditions::loadAverage1m, v -> v > cores).ifPresent(w -> found.add(String.format(
                Locale.ROOT, "load average up to %.2f above the %d cores%s", w.value(), cores, w.where())));
        worst(captures, RunConditions::stealPercent, v -> v > RunConditions.STEAL_WARNING_PERCENT).ifPresent(w ->
                found.add(String.format(Locale.ROOT, "up to %.1f %% of CPU time stolen by the hypervisor%s", w.value(),
                        w.where())));
        worst(captures, c -> c.cgroupCpuQuotaCores() == null ? null : -c.cgroupCpuQuotaCores(), v -> -v < cores)
                .ifPresent(w -> found.add(String.format(Locale.ROOT, "a cgroup CPU quota of %.2f cores, below the %d "
                        + "cores the JVM sees%s", -w.value(), cores, w.where())));
        Map<Long, String> busyProcesses = new LinkedHashMap<>();
        for (Capture c : captures) {
            c.conditions().busiest().stream().filter(p -> p.cpuPercent() > RunConditions.BUSY_PROCESS_WARNING_PERCENT)
                    .forEach(p -> busyProcesses.putIfAbsent(p.pid(), p.command()));
        }
        List<String> processes = new ArrayList<>();
        List<Double> worstPercents = new ArrayList<>();
        busyProcesses.forEach((pid, command) -> worst(captures, c -> c.busiest().stream()
                .filter(p -> p.pid() == pid).map(RunConditions.BusyProcess::cpuPercent).findFirst().orElse(null),
                v -> v > RunConditions.BUSY_PROCESS_WARNING_PERCENT).ifPresent(w -> {
                    int at = 0;
                    while (at < worstPercents.size() && worstPercents.get(at) >= w.value()) {
                        at++; // busiest first
                    }
                    worstPercents.add(at, w.value());
                    processes.add(at, String.format(Locale.ROOT, "another process, %s (pid %d), used up to %.0f %% "
                            + "of a core%s", command, pid, w.value(), w.where()));
                }));
        found.addAll(processes.subList(0, Math.min(processes.size(), BUSY_PROCESSES_NAMED)));
        if (processes.size() > BUSY_PROCESSES_NAMED) {
            found.add((processes.size() - BUSY_PROCESSES_NAMED) + " more processes above "
                    + Fmt.num(RunConditions.BUSY_PROCESS_WARNING_PERCENT) + " % of a core (see Suites)");
        }
        if (found.isEmpty()) {
            return null;
        }
        return "The machine was busy during this run: " + String.join("; ", found)
                + ". Its figures are noisier and may be lower than on a quiet machine; rerun when it is idle.";
    }

    /** The busy neighbours the warning names, busiest first; the rest are counted. */
    private static final int BUSY_PROCESSES_NAMED = 3;

    /** One capture of the run conditions and when it was taken. */
    private record Capture(String when, RunConditions conditions) {
    }

    /** The largest value over the captures where it counts as busy, and where it was. */
    private record Worst(double value, String when, int busyCaptures, int captures) {
        String where() {
            return " (worst at " + when + (busyCaptures > 1 ? "; in " + busyCaptures + " of " + captures + " captures"
                    : "") + ")";
        }
    }

    private static Optional<Worst> worst(List<Capture> captures, Function<RunConditions, Double> value,
                                         java.util.function.DoublePredicate busy) {
        Worst worst = null;
        int count = 0;
        for (Capture c : captures) {
            Double v = value.apply(c.conditions());
            if (v != null && busy.test(v)) {
                count++;
                if (worst == null || v > worst.value()) {
                    worst = new Worst(v, c.when(), 0, 0);
                }
            }
        }
        return worst == null ? Optional.empty() : Optional.of(new Worst(worst.value(), worst.when(), count,
                captures.size()));
    }

    private static Optional<RunConditions> firstConditions(RunRecord run) {
        return run.suites() == null ? Optional.empty() : run.suites().stream().map(SuiteStatus::conditionsAtStart)
                .filter(Objects::nonNull).findFirst();
    }

    /** Governor, frequency, SMT and quota: settings of the machine, the same in every suite as a rule. */
    static String machineSettings(RunConditions c) {
        return "governor " + orDash(c.governor()) + " · " + (c.frequencyMhz() == null ? "frequency –"
                : Fmt.num(c.frequencyMhz()) + " MHz") + " · SMT " + (c.smtActive() == null ? "–" : c.smtActive() ? "on" : "off")
                + " · cgroup CPU quota " + (c.cgroupCpuQuotaCores() == null ? "none" : Fmt.num(c.cgroupCpuQuotaCores()) + " cores");
    }

    /** "load 1.2 → 0.9 · busy 45 → 80 % · steal 0 → 0.5 % · iowait 0 → 0 %" and the busiest neighbours. */
    static String conditions(SuiteStatus s) {
        RunConditions a = s.conditionsAtStart();
        RunConditions b = s.conditionsAtEnd();
        if (a == null && b == null) {
            return "–";
        }
        String line = "load " + pair(a, b, RunConditions::loadAverage1m, "") + " · busy "
                + pair(a, b, RunConditions::busyPercent, " %") + " · steal " + pair(a, b, RunConditions::stealPercent, " %")
                + " · iowait " + pair(a, b, RunConditions::iowaitPercent, " %");
        List<String> busy = new ArrayList<>();
        for (RunConditions c : new RunConditions[] {a, b}) {
            if (c != null) {
                c.busiest().stream().filter(p -> p.cpuPercent() >= 5).limit(3)
                        .forEach(p -> busy.add(p.command() + " " + Fmt.num(p.cpuPercent()) + " %"));
            }
        }
        return busy.isEmpty() ? line : line + "\nothers busy: " + String.join(", ", new LinkedHashSet<>(busy));
    }

    private static String pair(RunConditions a, RunConditions b, Function<RunConditions, Double> f, String unit) {
        return (a == null ? "–" : Fmt.num(f.apply(a))) + " → " + (b == null ? "–" : Fmt.num(f.apply(b))) + unit;
    }

    /** Every raw file of the run, linked relative to report/index.html. */
    public static List<Link> rawFiles(Path resultsDir) throws IOException {
        List<Link> links = new ArrayList<>();
        links.add(new Link("adr.md", "adr.md", "a draft architecture decision record (MADR) from this run, to paste "
                + "into a review"));
        links.add(new Link("../run.json", "run.json", "environment, configuration, suites' states"));
        if (Files.exists(resultsDir.resolve("summary.json"))) {
            links.add(new Link("../summary.json", "summary.json", "every figure in this report"));
        }
        for (String folder : List.of("jmh", "load", "hiccup")) {
            Path dir = resultsDir.resolve(folder);
            if (!Files.isDirectory(dir)) {
                continue;
            }
            try (Stream<Path> files = Files.list(dir)) {
                for (Path f : files.sorted().toList()) {
                    String name = f.getFileName().toString();
                    String hint = name.endsWith(".hlog") ? "opens in HistogramLogAnalyzer"
                            : folder.equals("jmh") && name.endsWith(".json") ? "opens in JMH Visualizer" : "index";
                    links.add(new Link("../" + folder + "/" + name, folder + "/" + name, hint));
                }
            }
        }
        return links;
    }

    public static List<String> method() {
        return List.of(
                "Per-operation cost and saturated throughput come from JMH in forked JVMs; warm-up iterations are "
                        + "excluded from every figure.",
                "Each figure shows n (the samples behind it) and, where n ≥ 3, its 99.9 % confidence interval "
                        + "(JMH's score error). A difference counts only when the intervals do not overlap.",
                "Latency under load comes from an open-loop runner, timed from each request's scheduled send time "
                        + "into HdrHistogram, shown as percentiles and max — never as mean ± standard deviation.",
                "Every model's output is checksummed against a direct in-thread run; a model that returns wrong "
                        + "bytes fails rather than being reported as fast.",
                "Figures are valid for this machine only; compare runs only from the same machine.");
    }

    private static String orDash(String s) {
        return s == null || s.isBlank() ? "–" : s;
    }
}
