package org.offloadbench.bench.jmh;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.offloadbench.bench.plan.ModelRow;
import org.offloadbench.bench.plan.ProfileSettings;
import org.offloadbench.bench.rig.ForkedJvm;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.results.format.ResultFormatFactory;
import org.openjdk.jmh.results.format.ResultFormatType;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.ChainedOptionsBuilder;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;
import org.openjdk.jmh.runner.format.OutputFormatFactory;
import org.openjdk.jmh.runner.options.VerboseMode;

/**
 * Runs {@link OffloadBenchmark} through JMH's Java API in forked JVMs, one model at a time (so progress
 * and Ctrl-C act between models), and writes all of a suite's results as one raw JMH JSON file.
 */
public final class JmhLauncher {
    private final ProfileSettings settings;
    private static final long LOCK_WAIT_NANOS = TimeUnit.MINUTES.toNanos(5);
    private static final long LOCK_POLL_MILLIS = 2000;

    private final List<String> forkJvmArgs;
    private final Runnable lockWaiter;

    /** @param lockWaiter called when a run starts waiting for another JMH run to release the JMH lock */
    public JmhLauncher(ProfileSettings settings, List<String> forkJvmArgs, Runnable lockWaiter) {
        this.settings = settings;
        this.forkJvmArgs = List.copyOf(forkJvmArgs);
        this.lockWaiter = lockWaiter;
    }

    /**
     * Measures one row of the plan (a model with its options) at the given workload and sizes in {@code mode}.
     *
     * @throws RunnerException when a fork fails, including when a reply had the wrong bytes
     */
    public Collection<RunResult> run(ModelRow model, String workload, List<Integer> payloadSizes, Mode mode)
            throws RunnerException, InterruptedException {
        long deadline = System.nanoTime() + LOCK_WAIT_NANOS;
        boolean told = false;
        while (true) {
            try {
                return runOnce(model, workload, payloadSizes, mode);
            } catch (RunnerException e) {
                // JMH refuses to run beside another JMH run on this machine (its file lock), because the two
                // would disturb each other's numbers; wait for it rather than fail or measure alongside it
                if (!describe(e).contains("JMH lock") || System.nanoTime() > deadline) {
                    throw e;
                }
                if (!told) {
                    lockWaiter.run();
                    told = true;
                }
                Thread.sleep(LOCK_POLL_MILLIS);
            }
        }
    }

    private Collection<RunResult> runOnce(ModelRow model, String workload, List<Integer> payloadSizes, Mode mode)
            throws RunnerException {
        ChainedOptionsBuilder options = new OptionsBuilder()
                .include("^" + Pattern.quote(OffloadBenchmark.class.getName() + ".roundTrip") + "$")
                .mode(mode)
                .timeUnit(TimeUnit.NANOSECONDS)
                .forks(settings.jmhForks())
                .warmupIterations(settings.jmhWarmupIterations())
                .warmupTime(TimeValue.milliseconds(settings.jmhWarmupMillis()))
                .measurementIterations(settings.jmhIterations())
                .measurementTime(TimeValue.milliseconds(settings.jmhIterationMillis()))
                .threads(1)
                .param("model", model.model())
                .param("modelOptions", ModelRow.encodeOptions(model.options()))
                .param("workload", workload)
                .param("payloadBytes", payloadSizes.stream().map(String::valueOf).toArray(String[]::new))
                .param("workers", "1")
                .param("preWarmMaxMillis", Long.toString(settings.jmhPreWarmMaxMillis()))
                .param("preWarmMaxRoundTrips", Long.toString(settings.jmhPreWarmMaxRoundTrips()))
                .addProfiler(PreWarmProfiler.class)
                .shouldFailOnError(true)
                .verbosity(VerboseMode.SILENT);
        List<String> appended = new ArrayList<>(ForkedJvm.MODULE_FLAGS);
        appended.addAll(forkJvmArgs);
        options.jvmArgsAppend(appended.toArray(String[]::new));
        PrintStream discard = new PrintStream(OutputStream.nullOutputStream(), true, StandardCharsets.UTF_8);
        return new Runner(options.build(), OutputFormatFactory.createFormatInstance(discard, VerboseMode.SILENT))
                .run();
    }

    /**
     * The most specific message inside a JMH failure: JMH wraps the fork's exception (for example a
     * ChecksumMismatchException) in a BenchmarkException, as a cause or as suppressed exceptions.
     */
    public static String describe(Throwable error) {
        Throwable best = error;
        java.util.ArrayDeque<Throwable> queue = new java.util.ArrayDeque<>(List.of(error));
        java.util.Set<Throwable> seen = java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<>());
        while (!queue.isEmpty()) {
            Throwable t = queue.poll();
            if (!seen.add(t)) {
                continue;
            }
            if (t.getMessage() != null && !(t instanceof RunnerException)
                    && !t.getClass().getSimpleName().equals("BenchmarkException")) {
                best = t;
                if (t.getCause() == null && t.getSuppressed().length == 0) {
                    break;
                }
            }
            if (t.getCause() != null) {
                queue.add(t.getCause());
            }
            queue.addAll(List.of(t.getSuppressed()));
        }
        String text = best.getClass().getSimpleName() + ": " + best.getMessage();
        return text.replaceAll("\\s+", " ").trim();
    }

    /** Writes results in JMH's own JSON format (readable by JMH Visualizer). */
    public static void writeJson(Path file, Collection<RunResult> results) throws IOException {
        Files.createDirectories(file.toAbsolutePath().getParent());
        try (PrintStream out = new PrintStream(Files.newOutputStream(file), false, StandardCharsets.UTF_8)) {
            ResultFormatFactory.getInstance(ResultFormatType.JSON, out).writeOut(new ArrayList<>(results));
        }
    }
}
