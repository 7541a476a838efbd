package org.offloadbench.bench.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.offloadbench.bench.plan.UsageException;
import org.offloadbench.core.result.ResultsFolder;
import org.offloadbench.core.result.RunRecord;
import org.offloadbench.reports.CompareRenderer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/** {@code bench compare <a> <b>}: two runs side by side, only from the same machine unless told otherwise. */
@Command(name = "compare", mixinStandardHelpOptions = true, description = "Compare two results folders (baseline first).")
final class CompareCommand implements Callable<Integer> {
    @ParentCommand
    BenchCli parent;

    @Parameters(index = "0", paramLabel = "<results-a>", description = "baseline results folder")
    Path baseline;

    @Parameters(index = "1", paramLabel = "<results-b>", description = "candidate results folder")
    Path candidate;

    @Option(names = "--allow-different-machines", description = "compare even when the machines differ")
    boolean allowDifferentMachines;

    @Option(names = "--out", paramLabel = "<dir>", description = "where to write compare.html (default: <results-b>/compare)")
    Path out;

    @Override
    public Integer call() throws Exception {
        RunRecord a = ResultsFolder.open(baseline).readRun();
        RunRecord b = ResultsFolder.open(candidate).readRun();
        if (!allowDifferentMachines && a.environment() != null && b.environment() != null
                && !a.environment().machineKey().equals(b.environment().machineKey())) {
            throw new UsageException("the runs come from different machines (" + a.environment().machineKey()
                    + " vs " + b.environment().machineKey() + "); pass --allow-different-machines to compare anyway");
        }
        Path outDir = out != null ? out : candidate.resolve("compare");
        try {
            CompareRenderer.Outcome outcome = new CompareRenderer().compare(baseline, candidate, outDir,
                    allowDifferentMachines);
            parent.env.out().println(outcome.tally());
            parent.env.out().println(outcome.agreement().line());
            parent.env.out().println("compare: " + outcome.page());
            return 0;
        } catch (UnsupportedOperationException e) {
            parent.env.err().println("bench: compare is not available in this build: " + e.getMessage());
            return BenchCli.EXIT_FAILED;
        }
    }
}
