package org.offloadbench.reports;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.offloadbench.core.result.ResultsFolder;
import org.offloadbench.core.result.ResultsFormatException;
import org.offloadbench.reports.section.VerdictSection;
import org.offloadbench.reports.stats.Significance;
import org.offloadbench.reports.stats.Winner;

/**
 * {@code results/<run-id>/verdicts.json}: the verdict table as data, written beside summary.json each time
 * the report is rendered, so a script or a later comparison reads the same decisions the page shows.
 */
public final class VerdictsFile {
    public static final String FILE = "verdicts.json";
    /** Verdict of a row that has no figures to compare (see the row's reason). */
    public static final String NOT_MEASURED = "NOT_MEASURED";
    /** Verdict of a row where one model alone was measured. */
    public static final String ONE_MODEL = "ONE_MODEL";

    private VerdictsFile() {
    }

    /**
     * @param runId   the run the verdicts belong to
     * @param alpha   the level of every test
     * @param verdicts one entry per row of the verdict table, in its order
     */
    public record Document(String runId, double alpha, List<Entry> verdicts) {
    }

    /**
     * One row. Fields that do not apply (no runner-up, no test) are null.
     *
     * @param verdict       BETTER, NO_SIGNIFICANT_DIFFERENCE, TOO_FEW_SAMPLES, NOT_JUDGED (see {@code stats.Verdict}),
     *                      ONE_MODEL or NOT_MEASURED
     * @param factor        how many times better the winner is than the runner-up (>= 1 by value)
     * @param factorLow     lower end of the factor's interval at {@code confidence}
     * @param confidence    1 - alpha, the level of the factor's interval
     * @param test          the test that decided the verdict, e.g. "Mann-Whitney U (exact)"
     * @param effect        how the factor and its interval were computed
     * @param nWinner       samples behind the winner's figure
     * @param reason        one line for a reader: why this verdict
     */
    public record Entry(String workloadClass, String workload, String basis, String metric, String unit,
                        String verdict, String winner, String runnerUp, Double winnerValue, Double runnerUpValue,
                        Double factor, Double factorLow, Double factorHigh, Double confidence, Double pValue,
                        String test, String effect, Double alpha, Long nWinner, Long nRunnerUp, String reason) {
    }

    public static Path write(Path resultsDir, String runId, List<VerdictSection.Row> rows) throws IOException {
        List<Entry> entries = rows.stream().map(VerdictsFile::entry).toList();
        ResultsFolder.create(resultsDir).writeJson(FILE, new Document(runId, Significance.ALPHA, entries));
        return resultsDir.resolve(FILE);
    }

    /** @throws ResultsFormatException when the file is missing or unreadable */
    public static Document read(Path resultsDir) {
        Path file = resultsDir.resolve(FILE);
        try {
            return ResultsFolder.mapper().readValue(file.toFile(), Document.class);
        } catch (IOException e) {
            throw new ResultsFormatException("cannot read " + file + ": " + e.getMessage(), e);
        }
    }

    static Entry entry(VerdictSection.Row row) {
        Winner w = row.winner();
        if (w == null) {
            return new Entry(row.workloadClass(), row.workload(), row.basis(), row.metric(), null, NOT_MEASURED,
                    null, null, null, null, null, null, null, null, null, null, null, null, null, null, row.missing());
        }
        if (w.runnerUp() == null) {
            return new Entry(row.workloadClass(), row.workload(), row.basis(), row.metric(), w.winner().unit(),
                    ONE_MODEL, w.winner().model(), null, w.winner().value(), null, null, null, null, null, null, null,
                    null, null, w.winner().n(), null, "only one model measured");
        }
        Significance.Comparison c = w.comparison();
        return new Entry(row.workloadClass(), row.workload(), row.basis(), row.metric(), w.winner().unit(),
                w.verdict().name(), w.winner().model(), w.runnerUp().model(), w.winner().value(), w.runnerUp().value(),
                w.factor(), w.factorLow(), w.factorHigh(), 1 - c.alpha(), c.pValue(), c.test(), c.effect(), c.alpha(),
                c.nCandidate(), c.nBaseline(), c.reason());
    }
}
