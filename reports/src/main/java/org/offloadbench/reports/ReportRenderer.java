package org.offloadbench.reports;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.offloadbench.core.result.ModelInfo;
import org.offloadbench.core.result.RunRecord;
import org.offloadbench.core.result.SuiteStatus;
import org.offloadbench.reports.html.ReportView;
import org.offloadbench.reports.html.SectionView;
import org.offloadbench.reports.html.Table;
import org.offloadbench.reports.html.Templates;
import org.offloadbench.reports.read.RunData;
import org.offloadbench.reports.section.AnatomySection;
import org.offloadbench.reports.section.CalibrationSection;
import org.offloadbench.reports.section.ClaimsSection;
import org.offloadbench.reports.section.Context;
import org.offloadbench.reports.section.CopySection;
import org.offloadbench.reports.section.CpuSection;
import org.offloadbench.reports.section.EnvironmentSection;
import org.offloadbench.reports.section.Granularity;
import org.offloadbench.reports.section.GranularitySection;
import org.offloadbench.reports.section.LatencySection;
import org.offloadbench.reports.section.OtherSection;
import org.offloadbench.reports.section.OverheadSection;
import org.offloadbench.reports.section.ResilienceSection;
import org.offloadbench.reports.section.ResponsivenessSection;
import org.offloadbench.reports.section.ScalingSection;
import org.offloadbench.reports.section.StartupSection;
import org.offloadbench.reports.section.SuiteSection;
import org.offloadbench.reports.section.TradeoffSection;
import org.offloadbench.reports.section.VerdictSection;

/**
 * Entry point the runner calls: renders {@code <resultsDir>/report/index.html} (plus charts/*.png and
 * data/*.csv) from a results folder, complete or interrupted. Sections follow the suites' fixed order;
 * a suite this version does not know still gets a plain table, so no figure is ever dropped.
 */
public final class ReportRenderer {
    public static final String REPORT_DIR = "report";
    /** The order suites appear in, whatever order they ran in. */
    static final List<SuiteSection> KNOWN = List.of(new OverheadSection(), new CopySection(), new ScalingSection(),
            new GranularitySection(), new LatencySection(), new StartupSection(), new ResponsivenessSection(), new ResilienceSection(),
            new CalibrationSection());

    /**
     * @return the path of the rendered index.html
     * @throws org.offloadbench.core.result.ResultsFormatException when the folder is not a readable results folder
     */
    public Path render(Path resultsDir) throws IOException {
        Headless.ensure();
        RunData data = RunData.read(resultsDir);
        Path reportDir = resultsDir.resolve(REPORT_DIR);
        clearGenerated(reportDir);
        Context ctx = new Context(data, reportDir);
        RunRecord run = data.run();

        List<SectionView> sections = new ArrayList<>();
        Map<String, SuiteSection> known = KNOWN.stream().collect(Collectors.toMap(SuiteSection::suite, Function.identity()));
        List<String> present = new ArrayList<>(data.suitesPresent());
        // the anatomy of a hand-off comes first, next to the claims whose communication row links to it
        AnatomySection.build(ctx).ifPresent(sections::add);
        for (SuiteSection s : KNOWN) {
            if (present.contains(s.suite())) {
                sections.add(nonEmpty(s.build(ctx)));
            }
        }
        CpuSection.build(ctx).ifPresent(sections::add);
        for (String suite : present) {
            if (!known.containsKey(suite)) {
                sections.add(nonEmpty(new OtherSection(suite).build(ctx)));
            }
        }

        List<String> unavailable = run.models() == null ? List.of() : run.models().stream()
                .filter(m -> !m.available()).map(ReportRenderer::unavailableLine).toList();
        String subtitle = "Run " + run.runId() + " · profile " + run.profile()
                + (run.environment() == null ? "" : " · " + run.environment().cpuModel() + ", "
                + run.environment().cores() + " cores · JDK " + run.environment().jdkVersion())
                + " · started " + run.startedAt();
        List<VerdictSection.Row> verdictRows = VerdictSection.rows(ctx);
        VerdictsFile.write(resultsDir, run.runId(), verdictRows);
        new AdrWriter(data, verdictRows.stream().map(VerdictsFile::entry).toList()).writeTo(reportDir);
        Table verdict = VerdictSection.table(verdictRows);
        String rule = verdict.isEmpty()
                ? "No verdict: run.json's config.workloadClasses names no workload to judge (absent in runs from a "
                + "runner older than this report). The suites below still show every figure."
                : VerdictSection.RULE;
        ReportView view = new ReportView("offload-bench report", run.runId(), subtitle, banner(run),
                verdict.isEmpty() ? null : verdict, rule, TradeoffSection.table(ctx), unavailable, sections,
                EnvironmentSection.environment(run), EnvironmentSection.suites(run), EnvironmentSection.method(),
                EnvironmentSection.rawFiles(resultsDir), EnvironmentSection.busyWarning(run),
                ClaimsSection.table(ctx), Granularity.soWhat(data).orElse(null));
        Path index = reportDir.resolve("index.html");
        new Templates().render("report", view, index);
        return index;
    }

    /** "run incomplete: latency (interrupted), startup (pending)", or null for a complete run. */
    static String banner(RunRecord run) {
        if (run.complete()) {
            return null;
        }
        List<String> unfinished = run.suites() == null ? List.of() : run.suites().stream()
                .filter(s -> !"done".equals(s.state()) && !"skipped".equals(s.state()))
                .map(SuiteStatus::suite).map(s -> s + " (" + state(run, s) + ")").toList();
        return "run incomplete: " + (unfinished.isEmpty() ? "the runner marked it incomplete"
                : String.join(", ", unfinished)) + " — showing what finished.";
    }

    private static String state(RunRecord run, String suite) {
        return run.suites().stream().filter(s -> s.suite().equals(suite)).findFirst().map(SuiteStatus::state).orElse("?");
    }

    private static String unavailableLine(ModelInfo m) {
        return m.name() + " — " + (m.reason() == null || m.reason().isBlank() ? "no reason given" : m.reason());
    }

    /** A suite that ran but left no figure still says so, rather than showing an empty section. */
    private static SectionView nonEmpty(SectionView s) {
        if (s.blocks().isEmpty() && s.status() == null) {
            return new SectionView(s.id(), s.title(), s.lead(), "No figures recorded for this suite.", s.blocks());
        }
        return s;
    }

    /** Charts and CSVs of an earlier rendering would otherwise linger beside the new ones. */
    private static void clearGenerated(Path reportDir) throws IOException {
        for (String sub : List.of("charts", "data")) {
            Path dir = reportDir.resolve(sub);
            if (!Files.isDirectory(dir)) {
                continue;
            }
            try (Stream<Path> files = Files.list(dir)) {
                for (Path f : files.filter(p -> p.toString().endsWith(".png") || p.toString().endsWith(".csv")).toList()) {
                    Files.delete(f);
                }
            }
        }
    }
}
