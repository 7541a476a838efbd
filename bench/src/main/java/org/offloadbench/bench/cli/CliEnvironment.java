package org.offloadbench.bench.cli;

import java.io.PrintStream;
import java.util.List;
import java.util.function.Supplier;
import org.offloadbench.bench.rig.ConsoleProgress;
import org.offloadbench.bench.suite.Suite;
import org.offloadbench.bench.suite.Suites;
import org.offloadbench.core.offload.OffloaderRegistry;
import org.offloadbench.core.workload.WorkloadCatalogue;

/**
 * What the commands work with: the models, workloads and suites on the classpath, and where to print.
 * Tests hand in their own streams; {@link #system()} is what {@code main} uses.
 *
 * @param installShutdownHook whether {@code run} installs its Ctrl-C hook (not in unit tests)
 * @param terminal            whether progress may draw a bar (a console) or prints plain lines
 */
public record CliEnvironment(Supplier<OffloaderRegistry> registry, Supplier<WorkloadCatalogue> catalogue,
                             Supplier<List<Suite>> suites, PrintStream out, PrintStream err,
                             boolean installShutdownHook, boolean terminal) {

    public static CliEnvironment system() {
        return new CliEnvironment(OffloaderRegistry::load, WorkloadCatalogue::load, Suites::all, System.out,
                System.err, true, ConsoleProgress.stdoutIsTerminal());
    }

    public static CliEnvironment forTest(PrintStream out, PrintStream err) {
        return new CliEnvironment(OffloaderRegistry::load, WorkloadCatalogue::load, Suites::all, out, err, false,
                false);
    }
}
