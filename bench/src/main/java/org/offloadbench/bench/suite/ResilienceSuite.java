package org.offloadbench.bench.suite;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.offloadbench.bench.plan.ModelRow;
import org.offloadbench.bench.plan.RunPlan;
import org.offloadbench.bench.resilience.ResilienceProbe;
import org.offloadbench.bench.rig.ForkedJvm;
import org.offloadbench.bench.rig.RunInterruptedException;
import org.offloadbench.bench.rig.SuiteContext;
import org.offloadbench.core.result.Metric;

/**
 * What happens when a worker hangs, halts its JVM or exhausts its heap? Each model and fault runs in a
 * forked JVM of its own ({@link ResilienceProbe}) so that a fault that takes the caller down takes down
 * only the fork: that is recorded as survived=0 with the tasks in flight as lost - for in-process threads,
 * a halt ends the whole process, and the report says so.
 */
public final class ResilienceSuite implements Suite {
    /** Small, so fault-oom exhausts it quickly; a user's --fork-jvm-args come after and win. */
    static final List<String> FORK_JVM_ARGS = List.of("-Xmx256m", "-XX:+UseSerialGC");
    private static final long FORK_SLACK_SECONDS = 60;
    /** A JVM ended by SIGINT or SIGTERM exits with 128 + the signal number. */
    private static final java.util.Set<Integer> INTERRUPT_EXIT_CODES = java.util.Set.of(130, 143);

    @Override
    public String name() {
        return "resilience";
    }

    @Override
    public String question() {
        return "what happens when a worker dies or hangs? (survival, recovery time, tasks lost)";
    }

    private static List<String> faults(SuiteContext ctx) {
        return ctx.plan().faults().stream().filter(ctx.catalogue()::contains).toList();
    }

    private static String normalWorkload(SuiteContext ctx) {
        return ctx.plan().cpuWorkloads().isEmpty() ? ctx.plan().overheadWorkload() : ctx.plan().cpuWorkloads().get(0);
    }

    @Override
    public Optional<String> skipReason(SuiteContext ctx) {
        if (faults(ctx).isEmpty()) {
            return Optional.of("none of the fault workloads " + ctx.plan().faults() + " is in the catalogue");
        }
        return ctx.catalogue().contains(normalWorkload(ctx)) ? Optional.empty()
                : Optional.of("no normal workload to run around the faults");
    }

    @Override
    public int steps(SuiteContext ctx) {
        return ctx.models().size() * faults(ctx).size();
    }

    @Override
    public long estimateSeconds(SuiteContext ctx) {
        // per model and fault: a fork's JVM, the model's start and the start of the worker that replaces the one the
        // fault took, the fault's timeout (fault-hang), and on average part of the 1 s close grace
        double perFault = Estimates.FORK_JVM_SECONDS + 0.7 + ctx.plan().settings().resilienceTimeoutMillis() / 1000.0;
        double seconds = 0;
        for (String model : ctx.models()) {
            seconds += faults(ctx).size() * (perFault + 2 * Estimates.startSeconds(ctx, model, ctx.cores()));
        }
        return Math.round(seconds);
    }

    @Override
    public void run(SuiteContext ctx) throws Exception {
        for (String model : ctx.models()) {
            for (String fault : faults(ctx)) {
                ctx.checkStop();
                ctx.progress().step(model + " " + fault);
                // one fork per model and fault: what one fault leaves behind (an abandoned hung thread, a
                // fragmented heap) never colours the next fault's figures
                List<String> remaining = new ArrayList<>(List.of(fault));
                while (!remaining.isEmpty()) {
                    ctx.checkStop();
                    try {
                        runFork(ctx, model, remaining);
                    } catch (IOException | RuntimeException e) {
                        // the fork could not be run: recorded for this model and fault, the others go on
                        ctx.checkStop();
                        ctx.failed(model + " " + String.join(",", remaining), e);
                        remaining.clear();
                    }
                }
            }
        }
    }

    /** Runs the remaining faults in one fork; removes each fault that got an answer (or killed the fork). */
    private void runFork(SuiteContext ctx, String model, List<String> remaining) throws Exception {
        var s = ctx.plan().settings();
        List<String> jvmArgs = new ArrayList<>(FORK_JVM_ARGS);
        jvmArgs.addAll(ctx.plan().forkJvmArgs());
        ModelRow row = ctx.plan().row(model);
        List<String> command = ForkedJvm.command(jvmArgs, ResilienceProbe.class.getName(), List.of(
                "--model", row.model(), "--model-options", ModelRow.encodeOptions(row.options()),
                "--workers", Integer.toString(ctx.cores()), "--normal", normalWorkload(ctx),
                "--faults", String.join(",", remaining), "--tasks", Integer.toString(s.resilienceTasks()),
                "--timeout-millis", Integer.toString(s.resilienceTimeoutMillis())));
        Path log = ctx.resolve("resilience/" + RunPlan.fileName(model) + ".log");
        Files.createDirectories(log.getParent());
        Process process = ctx.resources().track(new ProcessBuilder(command)
                .redirectError(ProcessBuilder.Redirect.appendTo(log.toFile())).start());
        process.getOutputStream().close();
        BlockingQueue<String> lines = new LinkedBlockingQueue<>();
        Thread reader = readLines(process, lines);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(remaining.size()
                * (FORK_SLACK_SECONDS + s.resilienceTimeoutMillis() / 1000));
        String current = null;
        Map<String, int[]> counts = new HashMap<>(); // fault -> {submitted, completed, failed}
        try {
            while (true) {
                ctx.checkStop();
                String line = lines.poll(100, TimeUnit.MILLISECONDS);
                if (line == null) {
                    if (!reader.isAlive() && lines.isEmpty()) {
                        break; // stdout closed: the fork ended
                    }
                    if (System.nanoTime() > deadline) {
                        ctx.note(model + ": resilience fork did not finish in time and was killed while running "
                                + current);
                        break;
                    }
                    continue;
                }
                if (!line.startsWith(ResilienceProbe.PREFIX)) {
                    continue;
                }
                Map<String, String> f = fields(line.substring(ResilienceProbe.PREFIX.length()));
                String fault = f.get("fault");
                switch (f.getOrDefault("kind", "")) {
                    case "START" -> current = fault;
                    case "INJECTED" -> counts.computeIfAbsent(fault, k -> new int[3]);
                    case "SUBMITTED" -> counts.computeIfAbsent(fault, k -> new int[3])[0]++;
                    case "COMPLETED" -> counts.computeIfAbsent(fault, k -> new int[3])[1]++;
                    case "FAILED" -> counts.computeIfAbsent(fault, k -> new int[3])[2]++;
                    case "RESULT" -> {
                        recordResult(ctx, model, fault, f);
                        remaining.remove(fault);
                        current = null;
                    }
                    case "ERROR" -> {
                        ctx.failed(model + " " + fault, new IllegalStateException(f.get("message")));
                        remaining.remove(fault);
                        current = null;
                    }
                    case "END" -> remaining.clear();
                    default -> { }
                }
            }
        } finally {
            ctx.resources().release(process);
            reader.join(TimeUnit.SECONDS.toMillis(5));
        }
        ctx.checkStop();
        if (!process.isAlive() && INTERRUPT_EXIT_CODES.contains(process.exitValue())) {
            // Ctrl-C reaches the fork too (same process group): that is the user stopping the run, not a fault
            throw new RunInterruptedException("resilience fork for " + model + " ended by a signal (exit code "
                    + process.exitValue() + ")");
        }
        if (current != null) {
            // the fork died (or hung) during this fault: the caller went down with it
            String fault = current;
            remaining.remove(fault);
            int[] c = counts.getOrDefault(fault, new int[3]);
            Map<String, String> params = Map.of("fault", fault);
            ctx.sink().add(name(), model, fault, params, Metric.SURVIVED, 0, 1);
            // submitted around the fault and never answered: they went down with the caller
            ctx.sink().add(name(), model, fault, params, Metric.TASKS_LOST, c[0] - c[1] - c[2], 1);
            ctx.sink().add(name(), model, fault, params, Metric.TASKS_FAILED, c[2], 1);
            ctx.note(model + " " + fault + ": the caller's JVM did not survive (exit code "
                    + (process.isAlive() ? "none, killed" : process.exitValue()) + "); see " + ctx.folder().dir()
                    .relativize(log));
        } else if (!remaining.isEmpty()) {
            // ended without starting a fault: not a fault's doing, a broken fork; do not loop forever
            ctx.failed(model + " resilience", new IllegalStateException("fork exited ("
                    + (process.isAlive() ? "killed" : "exit code " + process.exitValue()) + ") before running "
                    + remaining + "; see " + ctx.folder().dir().relativize(log)));
            remaining.clear();
        }
    }

    private void recordResult(SuiteContext ctx, String model, String fault, Map<String, String> f) {
        Map<String, String> params = Map.of("fault", fault);
        ctx.sink().add(name(), model, fault, params, Metric.SURVIVED, Double.parseDouble(f.get("survived")), 1);
        String recovery = f.get("recoveryMillis");
        if (recovery != null && !recovery.equals("none")) {
            ctx.sink().add(name(), model, fault, params, Metric.RECOVERY_TIME, Double.parseDouble(recovery), 1);
        } else {
            ctx.note(model + " " + fault + ": no normal task succeeded within 30 s after the fault");
        }
        ctx.sink().add(name(), model, fault, params, Metric.TASKS_LOST, Double.parseDouble(f.get("lost")), 1);
        ctx.sink().add(name(), model, fault, params, Metric.TASKS_FAILED, Double.parseDouble(f.get("failed")), 1);
    }

    /** "RESULT fault=x a=b" -> {kind=RESULT, fault=x, a=b}; message= takes the rest of the line. */
    static Map<String, String> fields(String text) {
        Map<String, String> out = new LinkedHashMap<>();
        int space = text.indexOf(' ');
        out.put("kind", space < 0 ? text : text.substring(0, space));
        String rest = space < 0 ? "" : text.substring(space + 1);
        while (!rest.isEmpty()) {
            int eq = rest.indexOf('=');
            if (eq < 0) {
                break;
            }
            String key = rest.substring(0, eq);
            if (key.equals("message")) {
                out.put(key, rest.substring(eq + 1));
                break;
            }
            int next = rest.indexOf(' ', eq);
            out.put(key, next < 0 ? rest.substring(eq + 1) : rest.substring(eq + 1, next));
            rest = next < 0 ? "" : rest.substring(next + 1);
        }
        return out;
    }

    private static Thread readLines(Process process, BlockingQueue<String> lines) {
        Thread t = new Thread(() -> {
            try (BufferedReader in = new BufferedReader(new InputStreamReader(process.getInputStream(),
                    StandardCharsets.UTF_8))) {
                for (String line; (line = in.readLine()) != null; ) {
                    lines.add(line);
                }
            } catch (IOException e) {
                lines.add(ResilienceProbe.PREFIX + "ERROR fault=? message=reading the fork's output failed: " + e);
            }
        }, "resilience-reader");
        t.setDaemon(true);
        t.start();
        return t;
    }
}
