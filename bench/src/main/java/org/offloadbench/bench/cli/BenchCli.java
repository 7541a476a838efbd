package org.offloadbench.bench.cli;

import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Callable;
import org.offloadbench.bench.plan.UsageException;
import org.offloadbench.bench.rig.SuiteContext;
import org.offloadbench.core.result.ResultsFormatException;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * {@code bench}: the command line of offload-bench. Exit codes: 0 done, 1 a run or render that failed
 * or is incomplete, 2 bad input (one line naming the problem and the valid choices), 130 interrupted.
 */
@Command(name = "bench", mixinStandardHelpOptions = true, version = "offload-bench 0.1.0",
        description = "Measures where CPU-heavy JVM work should run: threads, child JVMs, a cluster, or shared memory.",
        subcommands = {RunCommand.class, ReportCommand.class, CompareCommand.class, ListCommand.class, AdrCommand.class,
                CommandLine.HelpCommand.class})
public final class BenchCli implements Callable<Integer> {
    public static final int EXIT_USAGE = 2;
    public static final int EXIT_FAILED = 1;
    public static final int EXIT_INTERRUPTED = 130;

    final CliEnvironment env;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    BenchCli(CliEnvironment env) {
        this.env = env;
    }

    public static void main(String[] args) {
        System.exit(execute(CliEnvironment.system(), args));
    }

    public static int execute(CliEnvironment env, String... args) {
        CommandLine cli = new CommandLine(new BenchCli(env));
        cli.setOut(new PrintWriter(new java.io.OutputStreamWriter(env.out(), StandardCharsets.UTF_8), true));
        cli.setErr(new PrintWriter(new java.io.OutputStreamWriter(env.err(), StandardCharsets.UTF_8), true));
        cli.setParameterExceptionHandler((e, a) -> {
            env.err().println("bench: " + oneLine(e.getMessage()) + " (see: bench "
                    + e.getCommandLine().getCommandSpec().qualifiedName().replaceFirst("^bench ?", "")
                    + (e.getCommandLine().getCommandSpec().qualifiedName().equals("bench") ? "" : " ") + "--help)");
            return EXIT_USAGE;
        });
        cli.setExecutionExceptionHandler((e, cmd, parsed) -> {
            if (e instanceof UsageException || e instanceof ResultsFormatException
                    || e instanceof IllegalArgumentException) {
                env.err().println("bench: " + oneLine(e.getMessage()));
                return EXIT_USAGE;
            }
            env.err().println("bench: " + SuiteContext.oneLine(e));
            return EXIT_FAILED;
        });
        return cli.execute(args);
    }

    static String oneLine(String message) {
        return message == null ? "" : message.replaceAll("\\s*\\R\\s*", " ").trim();
    }

    @Override
    public Integer call() {
        spec.commandLine().usage(env.out());
        env.err().println("bench: a command is required; valid: run, report, compare, list, help");
        return EXIT_USAGE;
    }
}
