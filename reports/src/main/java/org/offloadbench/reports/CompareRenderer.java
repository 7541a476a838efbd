package org.offloadbench.reports;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.offloadbench.core.result.EnvironmentInfo;
import org.offloadbench.core.result.RunRecord;
import org.offloadbench.core.result.SummaryRecord;
import org.offloadbench.reports.html.Cell;
import org.offloadbench.reports.html.CompareView;
import org.offloadbench.reports.html.Csv;
import org.offloadbench.reports.html.Fmt;
import org.offloadbench.reports.html.KeyValue;
import org.offloadbench.reports.html.Table;
import org.offloadbench.reports.html.Templates;
import org.offloadbench.reports.read.RunData;
import org.offloadbench.reports.stats.CompareRow;

/**
 * Entry point the runner calls for {@code bench compare}: two runs side by side, each figure matched on
 * suite, model, workload, params and metric, with the change, its interval and a verdict. Runs from
 * different machines are refused unless the caller insists, because their figures do not compare.
 */
public final class CompareRenderer {

    /**
     * @param allowDifferentMachines render even when the two runs come from different machines
     * @return the path of the rendered compare.html
     * @throws IllegalArgumentException when the runs come from different machines and that is not allowed
     * @throws org.offloadbench.core.result.ResultsFormatException when either folder is not a results folder
     */
    public Path render(Path baselineDir, Path candidateDir, Path outDir, boolean allowDifferentMachines)
            throws IOException {
        return compare(baselineDir, candidateDir, outDir, allowDifferentMachines).page();
    }

    /**
     * @param page  the rendered compare.html
     * @param tally     the summary line: figures matched, better, worse, no significant change, not judged
     * @param agreement whether the two runs agree on the headline figures and the verdicts
     */
    public record Outcome(Path page, String tally, RunAgreement.Result agreement) {
    }

    /** As {@link #render}, also handing back the summary line for the console. */
    public Outcome compare(Path baselineDir, Path candidateDir, Path outDir, boolean allowDifferentMachines)
            throws IOException {
        Objects.requireNonNull(outDir, "outDir");
        Headless.ensure();
        RunData baseline = RunData.read(baselineDir);
        RunData candidate = RunData.read(candidateDir);
        String warning = machineCheck(baseline.run(), candidate.run(), allowDifferentMachines);

        Map<String, SummaryRecord> candidateByKey = new LinkedHashMap<>();
        candidate.records().forEach(r -> candidateByKey.putIfAbsent(CompareRow.key(r), r));
        List<CompareRow> rows = new ArrayList<>();
        Table unmatched = new Table("Figures in only one run", List.of("run", "suite", "model", "workload",
                "params", "metric"));
        Map<String, Boolean> matched = new LinkedHashMap<>();
        for (SummaryRecord b : baseline.records()) {
            String key = CompareRow.key(b);
            SummaryRecord c = candidateByKey.get(key);
            if (c == null) {
                unmatched.add(List.of(Cell.text("baseline only"), Cell.text(b.suite()), Cell.text(b.model()),
                        Cell.text(b.workload()), Cell.text(Fmt.params(b.params())), Cell.text(b.metric())));
            } else if (matched.putIfAbsent(key, true) == null) {
                rows.add(CompareRow.of(b, c));
            }
        }
        for (SummaryRecord c : candidate.records()) {
            if (!matched.containsKey(CompareRow.key(c))) {
                unmatched.add(List.of(Cell.text("candidate only"), Cell.text(c.suite()), Cell.text(c.model()),
                        Cell.text(c.workload()), Cell.text(Fmt.params(c.params())), Cell.text(c.metric())));
            }
        }

        Table changes = new Table("Every figure present in both runs", List.of("suite", "model", "workload", "params",
                "metric", "baseline", "candidate", "change", "verdict"));
        Csv csv = new Csv("suite", "model", "workload", "params", "metric", "unit", "baseline", "baselineCiLow",
                "baselineCiHigh", "baselineN", "candidate", "candidateCiLow", "candidateCiHigh", "candidateN",
                "changePercent", "changeLowPercent", "changeHighPercent", "pValue", "test", "alpha", "verdict", "reason");
        Map<CompareRow.Tally, Integer> counts = new java.util.EnumMap<>(CompareRow.Tally.class);
        for (CompareRow row : rows) {
            SummaryRecord b = row.baseline();
            SummaryRecord c = row.candidate();
            var cmp = row.comparison();
            String changeInterval = (cmp.changeLowPercent() == null ? "no interval"
                    : Math.round((1 - cmp.alpha()) * 100) + " % CI " + Fmt.percent(cmp.changeLowPercent()) + " … "
                    + Fmt.percent(cmp.changeHighPercent())) + (cmp.effect() == null ? "" : " · " + cmp.effect());
            CompareRow.Tally tally = row.tally();
            counts.merge(tally, 1, Integer::sum);
            String cls = switch (tally) {
                case BETTER -> "ok";
                case WORSE -> "bad";
                default -> "muted";
            };
            changes.add(List.of(Cell.text(b.suite()), Cell.text(b.model()), Cell.text(b.workload()),
                    Cell.text(Fmt.params(b.params())), Cell.text(b.metric() + " (" + b.unit() + ")"),
                    Fmt.figure(b), Fmt.figure(c), Cell.num(Fmt.percent(cmp.changePercent()), changeInterval),
                    new Cell(row.verdict(), row.reason(), cls)));
            csv.row(b.suite(), b.model(), b.workload(), Fmt.params(b.params()), b.metric(), b.unit(), b.value(), b.ciLow(),
                    b.ciHigh(), b.n(), c.value(), c.ciLow(), c.ciHigh(), c.n(), cmp.changePercent(),
                    cmp.changeLowPercent(), cmp.changeHighPercent(), cmp.pValue(), cmp.test(), cmp.alpha(),
                    row.verdict(), row.reason());
        }
        String csvPath = csv.write(outDir, "compare");
        List<KeyValue> runs = List.of(describe("baseline", baseline.run()), describe("candidate", candidate.run()));
        String tally = tally(rows.size(), counts);
        int cores = baseline.run().environment() == null ? 1 : Math.max(1, baseline.run().environment().cores());
        RunAgreement.Result agreement = RunAgreement.of(baseline.records(), candidate.records(), cores,
                verdicts(baselineDir), verdicts(candidateDir));
        CompareView view = new CompareView("offload-bench comparison",
                baseline.run().runId() + " → " + candidate.run().runId(), warning, runs, tally, agreement.line(),
                agreement.disagreements().isEmpty() ? null : agreement.disagreements().size()
                        + " headline figures outside each other's intervals",
                agreement.disagreements(), changes, csvPath, unmatched.isEmpty() ? null : unmatched);
        Path out = outDir.resolve("compare.html");
        new Templates().render("compare", view, out);
        return new Outcome(out, tally, agreement);
    }

    /**
     * The summary line: tested changes, tested non-changes and figures that could not be tested are
     * counted apart, so a figure without samples never passes for "no significant change".
     */
    static String tally(int matched, Map<CompareRow.Tally, Integer> counts) {
        return matched + " figures matched: " + counts.getOrDefault(CompareRow.Tally.BETTER, 0) + " better, "
                + counts.getOrDefault(CompareRow.Tally.WORSE, 0) + " worse, "
                + counts.getOrDefault(CompareRow.Tally.NO_SIGNIFICANT_CHANGE, 0) + " no significant change, "
                + counts.getOrDefault(CompareRow.Tally.NOT_JUDGED, 0) + " not judged (no samples to test, or too few)"
                + " · two-sided tests at alpha " + org.offloadbench.reports.stats.Significance.ALPHA + ".";
    }

    /** A run's verdict rows; none when it has no verdicts.json (a run the report has not been rendered for). */
    private static List<VerdictsFile.Entry> verdicts(Path resultsDir) {
        if (!java.nio.file.Files.isRegularFile(resultsDir.resolve(VerdictsFile.FILE))) {
            return List.of();
        }
        return VerdictsFile.read(resultsDir).verdicts();
    }

    /** @return a warning line when different machines are allowed, null when the machines match */
    static String machineCheck(RunRecord a, RunRecord b, boolean allowDifferentMachines) {
        String keyA = machineKey(a);
        String keyB = machineKey(b);
        if (keyA.equals(keyB) && a.environment() != null) {
            return null;
        }
        String problem = "runs " + a.runId() + " and " + b.runId() + " come from different machines ("
                + keyA + " vs " + keyB + ")";
        if (!allowDifferentMachines) {
            throw new IllegalArgumentException(problem + "; their figures do not compare. Re-run both on one "
                    + "machine, or allow different machines explicitly (bench compare --allow-different-machines)");
        }
        return "Different machines: " + problem + ". Differences below mix the change with the machine.";
    }

    private static String machineKey(RunRecord r) {
        EnvironmentInfo e = r.environment();
        return e == null ? "unknown machine (no environment recorded)" : e.machineKey();
    }

    private static KeyValue describe(String role, RunRecord r) {
        EnvironmentInfo e = r.environment();
        return new KeyValue(role, r.runId() + " · profile " + r.profile() + " · started " + r.startedAt()
                + (e == null ? "" : " · commit " + e.gitCommit() + (e.gitDirty() ? " (dirty)" : "") + " · JDK " + e.jdkVersion())
                + (r.complete() ? "" : " · INCOMPLETE"));
    }
}
