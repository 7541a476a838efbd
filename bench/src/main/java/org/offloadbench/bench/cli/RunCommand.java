package org.offloadbench.bench.cli;

import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import org.offloadbench.bench.plan.RunOptions;
import org.offloadbench.bench.plan.RunPlan;
import org.offloadbench.bench.plan.RunPlanner;
import org.offloadbench.bench.rig.Progress;
import org.offloadbench.bench.rig.Rig;
import org.offloadbench.bench.suite.Suite;
import org.offloadbench.bench.suite.Suites;
import org.offloadbench.core.measure.NanoClock;
import org.offloadbench.core.offload.OffloaderRegistry;
import org.offloadbench.core.result.EnvironmentCapture;
import org.offloadbench.core.workload.WorkloadCatalogue;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/** {@code bench run}: measures the selected suites and writes results/&lt;run-id&gt;/. */
@Command(name = "run", mixinStandardHelpOptions = true, description = "Run the benchmark suites and write a results folder.")
final class RunCommand implements Callable<Integer> {
    @ParentCommand
    BenchCli parent;

    @Option(names = "--profile", paramLabel = "<profile>", defaultValue = "standard",
            description = "quick (<= 5 min), standard (<= 30 min) or full; default: ${DEFAULT-VALUE}")
    String profile;

    @Option(names = "--suites", split = ",", paramLabel = "<suite>", description = "suites to run (default: all)")
    List<String> suites = new ArrayList<>();

    @Option(names = "--models", paramLabel = "<model>",
            description = "models (default: every available one); a variant is a row of its own, named with its "
                    + "options, e.g. 'shm/zero-copy[wait=park]','shm/zero-copy[wait=spin]'")
    List<String> models = new ArrayList<>();

    @Option(names = "--model-option", paramLabel = "<model:key=value>",
            description = "an option for every row of a model, e.g. process/pipes:dispatch=round-robin (repeatable;"
                    + " a variant's own options win); bench list shows each model's options")
    List<String> modelOptions = new ArrayList<>();

    @Option(names = "--workloads", split = ",", paramLabel = "<id>",
            description = "workloads for scaling, latency, responsiveness (default: all but faults; quick: the first"
                    + " CPU-heavy one, standard: two)")
    List<String> workloads = new ArrayList<>();

    @Option(names = "--sizes", split = ",", paramLabel = "<size>",
            description = "payload sizes of the copy suite, e.g. 64B,1KiB,16MiB (default: per profile)")
    List<String> sizes = new ArrayList<>();

    @Option(names = "--workers", split = ",", paramLabel = "<n>",
            description = "worker counts of the scaling suite (default: 1, 2, 4 ... up to 2x cores)")
    List<String> workers = new ArrayList<>();

    @Option(names = "--fork-jvm-args", paramLabel = "<flags>",
            description = "JVM flags for forked benchmark JVMs, e.g. \"-Xmx2g -XX:+UseZGC\"")
    List<String> forkJvmArgs = new ArrayList<>();

    @Option(names = "--out", paramLabel = "<dir>", defaultValue = "results", description = "results root (default: ${DEFAULT-VALUE})")
    Path out;

    @Option(names = "--overhead-workload", paramLabel = "<id>", defaultValue = "noop",
            description = "hand-off-only workload of overhead and startup (default: ${DEFAULT-VALUE})")
    String overheadWorkload;

    @Option(names = "--copy-workloads", split = ",", paramLabel = "<id>",
            description = "workloads of the copy suite (default: echo,sha256; quick: echo)")
    List<String> copyWorkloads = new ArrayList<>();

    @Option(names = "--faults", split = ",", paramLabel = "<id>",
            description = "fault workloads of the resilience suite (default: fault-hang,fault-halt,fault-oom; "
                    + "quick: fault-halt)")
    List<String> faults = new ArrayList<>();

    @Option(names = "--time-scale", defaultValue = "1.0", paramLabel = "<factor>",
            description = "multiplies every warm-up and measurement duration of the profile, e.g. 2 on a noisy "
                    + "machine where figures come out 'wide' or still warming up (default: ${DEFAULT-VALUE})")
    double timeScale;

    @Option(names = "--progress", defaultValue = "auto", paramLabel = "<mode>",
            description = "auto (a progress bar when stdout is a terminal, else one line per step), bar or plain "
                    + "(default: ${DEFAULT-VALUE})")
    String progressMode;

    @Option(names = "--progress-log", paramLabel = "<file>",
            description = "also write the plain progress lines (and the final 'results: <folder>') to this file")
    Path progressLog;

    @Override
    public Integer call() throws Exception {
        try (ConsoleChoice console = ConsoleChoice.of(progressMode, progressLog, parent.env)) {
            return run(console.progress());
        }
    }

    private Integer run(Progress progress) throws Exception {
        CliEnvironment env = parent.env;
        OffloaderRegistry registry = env.registry().get();
        WorkloadCatalogue catalogue = env.catalogue().get();
        List<Suite> all = env.suites().get();
        List<String> jvmArgs = new ArrayList<>();
        forkJvmArgs.forEach(a -> jvmArgs.addAll(List.of(a.trim().split("\\s+"))));
        jvmArgs.removeIf(String::isEmpty);
        RunOptions options = new RunOptions(profile, suites, models, workloads, sizes, workers, jvmArgs, out,
                overheadWorkload, copyWorkloads, faults, timeScale, modelOptions);
        RunPlan plan = new RunPlanner(registry, catalogue, Suites.names(all),
                Runtime.getRuntime().availableProcessors()).plan(options);
        Rig rig = new Rig(plan, registry, catalogue, all, Clock.systemDefaultZone(), NanoClock.system(), progress,
                () -> EnvironmentCapture.ofThisMachine().capture(plan.forkJvmArgs()));
        Thread hook = new Thread(() -> {
            rig.interrupt();
            try {
                rig.awaitFinished(30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "bench-shutdown");
        if (env.installShutdownHook()) {
            Runtime.getRuntime().addShutdownHook(hook);
        }
        Rig.Outcome outcome;
        try {
            outcome = rig.run();
        } finally {
            if (env.installShutdownHook()) {
                try {
                    Runtime.getRuntime().removeShutdownHook(hook);
                } catch (IllegalStateException e) {
                    // already shutting down (Ctrl-C): the hook is running and waits for us
                }
            }
        }
        progress.results(outcome.folder());
        if (outcome.interrupted()) {
            return BenchCli.EXIT_INTERRUPTED;
        }
        return outcome.complete() ? 0 : BenchCli.EXIT_FAILED;
    }
}
