package org.offloadbench.bench.resilience;

import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.offloadbench.bench.plan.ModelRow;
import org.offloadbench.bench.rig.PreparedInput;
import org.offloadbench.bench.rig.SuiteContext;
import org.offloadbench.core.measure.ReplyVerifier;
import org.offloadbench.core.offload.OffloadException;
import org.offloadbench.core.offload.Offloader;
import org.offloadbench.core.offload.OffloaderConfig;
import org.offloadbench.core.offload.OffloaderRegistry;
import org.offloadbench.core.offload.Task;
import org.offloadbench.core.offload.TaskResult;
import org.offloadbench.core.workload.InputSpec;
import org.offloadbench.core.workload.Workload;
import org.offloadbench.core.workload.WorkloadCatalogue;

/**
 * The forked side of the resilience suite: in a JVM of its own (so a fault that takes the caller down
 * takes only this down), per fault it starts the model, proves it works, then submits the fault with
 * normal tasks around it and reports, as protocol lines on stdout:
 * <pre>
 *   &#64;&#64;resilience START fault=fault-hang
 *   &#64;&#64;resilience INJECTED fault=fault-hang pending=16
 *   &#64;&#64;resilience RESULT fault=fault-hang survived=1 recoveryMillis=512.3 lost=0 failed=0 faultOutcome=TIMED_OUT
 *   &#64;&#64;resilience END
 * </pre>
 * Each normal task around the fault is reported as SUBMITTED and then COMPLETED or FAILED, so when the JVM
 * dies the parent records survived=0, the tasks submitted but never completed as lost, and the failures.
 * Recovery time runs from submitting the fault until a normal task submitted after the fault's outcome
 * succeeds. tasks-failed counts the normal tasks around the fault that failed (collateral damage); the
 * fault task itself is expected to fail and is reported as faultOutcome.
 */
public final class ResilienceProbe {
    public static final String PREFIX = "@@resilience ";
    private static final long SETTLE_SECONDS = 30;
    /** Normal tasks are long done by now; a hung fault task (which may ignore interrupts) is not waited for. */
    private static final Duration CLOSE_GRACE = Duration.ofSeconds(1);

    private ResilienceProbe() {
    }

    public static void main(String[] args) {
        // stdout is the protocol: whatever a workload or library prints goes to stderr instead
        PrintStream protocol = new PrintStream(new FileOutputStream(FileDescriptor.out), true, StandardCharsets.UTF_8);
        System.setOut(System.err);
        Map<String, String> a = parse(args);
        String model = a.get("model");
        int workers = Integer.parseInt(a.get("workers"));
        int tasks = Integer.parseInt(a.get("tasks"));
        long timeoutNanos = TimeUnit.MILLISECONDS.toNanos(Long.parseLong(a.get("timeout-millis")));
        WorkloadCatalogue catalogue = WorkloadCatalogue.load();
        Workload normalWorkload = catalogue.get(a.get("normal"));
        PreparedInput normal = PreparedInput.of(normalWorkload, normalWorkload.defaultPayloadBytes());
        OffloaderRegistry registry = OffloaderRegistry.load();
        for (String fault : a.get("faults").split(",")) {
            protocol.println(PREFIX + "START fault=" + fault);
            Offloader offloader = null;
            try {
                offloader = registry.get(model).create(new OffloaderConfig(workers, Math.max(1024, 4 * tasks),
                        ModelRow.decodeOptions(a.getOrDefault("model-options", ""))));
                protocol.println(PREFIX + probe(offloader, model, catalogue.get(fault), normal, tasks, timeoutNanos,
                        protocol));
            } catch (Throwable t) {
                protocol.println(PREFIX + "ERROR fault=" + fault + " message=" + SuiteContext.oneLine(t));
            } finally {
                if (offloader != null) {
                    offloader.close(CLOSE_GRACE);
                }
            }
        }
        protocol.println(PREFIX + "END");
        protocol.flush();
        // abandoned threads of a hung task (in-process models) must not keep this JVM alive
        System.exit(0);
    }

    private static String probe(Offloader offloader, String model, Workload fault, PreparedInput normal, int tasks,
                                long timeoutNanos, PrintStream protocol) throws Exception {
        ReplyVerifier verifier = normal.verifierFor(model);
        // the model works before the fault: a failure here is the model's, not the fault's
        for (CompletableFuture<TaskResult> f : submit(offloader, normal.task(), tasks / 2)) {
            verifier.verify(f.get(SETTLE_SECONDS, TimeUnit.SECONDS));
        }
        Task faultTask = Task.of(fault.id(), fault.generateInput(InputSpec.of(PreparedInput.SEED,
                fault.defaultPayloadBytes()))).withTimeoutNanos(timeoutNanos);
        // half the normal tasks go out before the fault, half after; every submit and completion is reported
        // as it happens, so if the fault takes this JVM down the parent still knows what was in flight
        List<CompletableFuture<TaskResult>> around = new ArrayList<>();
        String tag = " fault=" + fault.id();
        around.addAll(submitReported(offloader, normal.task(), tasks - tasks / 2, protocol, tag));
        protocol.println(PREFIX + "INJECTED" + tag + " pending=" + tasks);
        long faultAt = System.nanoTime();
        CompletableFuture<TaskResult> faultFuture = offloader.submit(faultTask);
        around.addAll(submitReported(offloader, normal.task(), tasks / 2, protocol, tag));

        String faultOutcome = outcome(faultFuture, TimeUnit.NANOSECONDS.toSeconds(timeoutNanos) + SETTLE_SECONDS);
        double recoveryMillis = -1;
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(SETTLE_SECONDS);
        while (System.nanoTime() < deadline) {
            try {
                verifier.verify(offloader.submit(normal.task()).get(10, TimeUnit.SECONDS));
                recoveryMillis = (System.nanoTime() - faultAt) / 1e6;
                break;
            } catch (ExecutionException | TimeoutException e) {
                Thread.sleep(10); // still recovering (respawning a worker, ...): try again shortly
            }
        }
        int lost = 0;
        int failed = 0;
        long settleDeadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(SETTLE_SECONDS);
        for (CompletableFuture<TaskResult> f : around) {
            try {
                verifier.verify(f.get(Math.max(1, settleDeadline - System.nanoTime()), TimeUnit.NANOSECONDS));
            } catch (TimeoutException e) {
                lost++;
            } catch (ExecutionException | RuntimeException e) {
                failed++;
            }
        }
        return "RESULT fault=" + fault.id() + " survived=1 recoveryMillis=" + (recoveryMillis < 0 ? "none" : recoveryMillis)
                + " lost=" + lost + " failed=" + failed + " faultOutcome=" + faultOutcome;
    }

    private static List<CompletableFuture<TaskResult>> submitReported(Offloader offloader, Task task, int count,
                                                                      PrintStream protocol, String tag) {
        List<CompletableFuture<TaskResult>> out = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            protocol.println(PREFIX + "SUBMITTED" + tag);
            CompletableFuture<TaskResult> f = offloader.submit(task);
            f.whenComplete((r, e) -> protocol.println(PREFIX + (e == null ? "COMPLETED" : "FAILED") + tag));
            out.add(f);
        }
        return out;
    }

    private static List<CompletableFuture<TaskResult>> submit(Offloader offloader, Task task, int count) {
        List<CompletableFuture<TaskResult>> out = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            out.add(offloader.submit(task));
        }
        return out;
    }

    /** How the fault task ended: a FailureKind, "ok" if it somehow succeeded, or "no-outcome". */
    private static String outcome(CompletableFuture<TaskResult> future, long seconds) throws InterruptedException {
        try {
            future.get(seconds, TimeUnit.SECONDS);
            return "ok";
        } catch (ExecutionException e) {
            OffloadException oe = OffloadException.find(e);
            return oe == null ? e.getCause().getClass().getSimpleName() : oe.kind().name();
        } catch (TimeoutException e) {
            return "no-outcome";
        }
    }

    static Map<String, String> parse(String[] args) {
        Map<String, String> out = new LinkedHashMap<>();
        for (int i = 0; i + 1 < args.length; i += 2) {
            if (!args[i].startsWith("--")) {
                throw new IllegalArgumentException("expected --name value pairs, got '" + args[i] + "'");
            }
            out.put(args[i].substring(2), args[i + 1]);
        }
        for (String required : List.of("model", "workers", "normal", "faults", "tasks", "timeout-millis")) {
            if (!out.containsKey(required)) {
                throw new IllegalArgumentException("missing --" + required);
            }
        }
        return out;
    }
}
