package org.offloadbench.bench.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.offloadbench.core.result.ResultsFolder;
import org.offloadbench.reports.ReportRenderer;
import org.offloadbench.reports.stats.FloorCheck;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/** {@code bench report <dir>}: renders a results folder into report/index.html. */
@Command(name = "report", mixinStandardHelpOptions = true, description = "Render <results-dir>/report/index.html from a results folder.")
final class ReportCommand implements Callable<Integer> {
    @ParentCommand
    BenchCli parent;

    @Parameters(paramLabel = "<results-dir>", description = "a folder written by 'bench run'")
    Path dir;

    @Override
    public Integer call() throws Exception {
        ResultsFolder folder = ResultsFolder.open(dir); // a missing or old-format folder: a one-line usage error
        try {
            Path index = new ReportRenderer().render(dir);
            // the page says so too; a figure below its own floor must not pass unseen on the console either
            for (FloorCheck.Violation v : FloorCheck.violations(folder.readSummary())) {
                parent.env.err().println("bench: MEASUREMENT ERROR: " + v.describe());
            }
            parent.env.out().println("report: " + index);
            return 0;
        } catch (UnsupportedOperationException e) {
            parent.env.err().println("bench: report rendering is not available in this build: " + e.getMessage());
            return BenchCli.EXIT_FAILED;
        }
    }
}
