package org.offloadbench.bench.cli;

import java.io.PrintStream;
import java.util.List;
import java.util.concurrent.Callable;
import org.offloadbench.bench.suite.Suite;
import org.offloadbench.core.offload.Availability;
import org.offloadbench.core.offload.OffloaderProvider;
import org.offloadbench.core.offload.options.OptionSpec;
import org.offloadbench.core.workload.Workload;
import picocli.CommandLine.Command;
import picocli.CommandLine.ParentCommand;

/** {@code bench list}: models (with availability and the reason when not, and their options), workloads, suites. */
@Command(name = "list", mixinStandardHelpOptions = true, description = "List models (with availability and options), workloads (including user ones) and suites.")
final class ListCommand implements Callable<Integer> {
    @ParentCommand
    BenchCli parent;

    @picocli.CommandLine.Option(names = "--metrics", description = "print the summary.json metric table (Markdown) instead")
    boolean metrics;

    @picocli.CommandLine.Option(names = "--options", description = "print each model's options as Markdown tables "
            + "(what the module READMEs list) instead")
    boolean options;

    /** Each model's option table, as the module READMEs list them: generated from the providers' OptionSpecs. */
    static String optionTables(List<OffloaderProvider> providers) {
        StringBuilder b = new StringBuilder();
        for (OffloaderProvider p : providers) {
            b.append("`").append(p.name()).append("`");
            if (p.options().isEmpty()) {
                b.append(": no options\n\n");
                continue;
            }
            b.append(":\n\n| option | default | values | what it does |\n|---|---|---|---|\n");
            for (OptionSpec o : p.options()) {
                b.append("| `").append(o.name()).append("` | ").append(defaultText(o)).append(" | ")
                        .append(o.values().replace("|", "\\|")).append(" | ").append(o.description().replace("|", "\\|"));
                if (!o.aliases().isEmpty()) {
                    b.append(" (old name: ").append(String.join(", ", o.aliases())).append(")");
                }
                b.append(" |\n");
            }
            b.append('\n');
        }
        return b.toString();
    }

    private static String defaultText(OptionSpec o) {
        return o.defaultValue() == null ? "(unset)" : o.defaultValue().isEmpty() ? "''" : "`" + o.defaultValue() + "`";
    }

    /** The metric table of bench/README.md, generated from core's Metric enum so the two cannot drift. */
    static String metricTable() {
        StringBuilder b = new StringBuilder("| metric | unit | better | meaning |\n|---|---|---|---|\n");
        for (org.offloadbench.core.result.Metric m : org.offloadbench.core.result.Metric.values()) {
            b.append("| `").append(m.id()).append("` | ").append(m.unit()).append(" | ")
                    .append(m.higherIsBetter() ? "higher" : "lower").append(" | ").append(m.meaning()).append(" |\n");
        }
        return b.toString();
    }

    @Override
    public Integer call() {
        PrintStream out = parent.env.out();
        if (metrics) {
            out.print(metricTable());
            return 0;
        }
        if (options) {
            out.print(optionTables(parent.env.registry().get().all()));
            return 0;
        }
        out.println("models:");
        var providers = parent.env.registry().get().all();
        if (providers.isEmpty()) {
            out.println("  (none on the classpath)");
        }
        for (OffloaderProvider p : providers) {
            Availability a = p.availability();
            out.printf("  %-28s %-11s %s%s%n", p.name(), a.available() ? "available" : "unavailable",
                    p.description(), a.available() ? "" : " -- " + a.reason());
            for (OptionSpec o : p.options()) {
                out.printf("      %-26s default %-14s %s: %s%n", o.name(), o.defaultValue() == null ? "(unset)"
                        : o.defaultValue().isEmpty() ? "''" : o.defaultValue(), o.values(), o.description());
            }
        }
        out.println("  (set an option with --model-option MODEL:key=value, or run a variant: 'MODEL[key=value]')");
        out.println("workloads:");
        var workloads = parent.env.catalogue().get().all();
        if (workloads.isEmpty()) {
            out.println("  (none on the classpath)");
        }
        for (Workload w : workloads) {
            out.printf("  %-28s %-11s %s%n", w.id(), w.workloadClass().name().toLowerCase(java.util.Locale.ROOT),
                    w.description());
        }
        out.println("suites:");
        for (Suite s : parent.env.suites().get()) {
            out.printf("  %-28s %s%n", s.name(), s.question());
        }
        return 0;
    }
}
