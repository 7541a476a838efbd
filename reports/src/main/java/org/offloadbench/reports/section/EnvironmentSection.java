package org.offloadbench.reports.section;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.offloadbench.core.result.EnvironmentInfo;
import org.offloadbench.core.result.RunRecord;
import org.offloadbench.core.result.SuiteStatus;
import org.offloadbench.reports.html.Cell;
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
        Table table = new Table("Suites in run order", List.of("suite", "state", "started", "ended", "message"));
        if (run.suites() != null) {
            for (SuiteStatus s : run.suites()) {
                String cls = "done".equals(s.state()) ? "ok" : "skipped".equals(s.state()) ? "muted" : "bad";
                table.add(List.of(Cell.text(s.suite()), new Cell(s.state(), null, cls), Cell.text(orDash(s.startedAt())),
                        Cell.text(orDash(s.endedAt())), new Cell(orDash(s.message()), null, "lines")));
            }
        }
        return table;
    }

    /** Every raw file of the run, linked relative to report/index.html. */
    public static List<Link> rawFiles(Path resultsDir) throws IOException {
        List<Link> links = new ArrayList<>();
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
