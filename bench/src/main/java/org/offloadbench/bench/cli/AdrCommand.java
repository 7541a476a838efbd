package org.offloadbench.bench.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;

import org.offloadbench.core.result.ResultsFolder;
import org.offloadbench.reports.AdrWriter;
import org.offloadbench.reports.ReportRenderer;
import org.offloadbench.reports.VerdictsFile;
import picocli.CommandLine.Command;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Parameters;

/**
 * {@code bench adr <dir>}: writes {@code <dir>/report/adr.md}, a draft decision record in the MADR layout from
 * the run's figures and verdicts. Renders the report first when the run has no verdicts.json yet (the report
 * writes adr.md too, so this command is for runs rendered by an older version, or to rewrite the draft).
 */
@Command(name = "adr", mixinStandardHelpOptions = true,
        description = "Write <results-dir>/report/adr.md, a draft architecture decision record (MADR) from a run.")
final class AdrCommand implements Callable<Integer> {
    @ParentCommand
    BenchCli parent;

    @Parameters(paramLabel = "<results-dir>", description = "a folder written by 'bench run'")
    Path dir;

    @Override
    public Integer call() throws Exception {
        ResultsFolder.open(dir); // a missing or old-format folder: a one-line usage error
        if (!dir.resolve(VerdictsFile.FILE).toFile().isFile()) {
            new ReportRenderer().render(dir);
        }
        parent.env.out().println("adr: " + AdrWriter.write(dir));
        return 0;
    }
}
