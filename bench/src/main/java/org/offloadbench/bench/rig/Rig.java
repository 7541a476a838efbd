package org.offloadbench.bench.rig;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.offloadbench.bench.plan.ModelRow;
import org.offloadbench.bench.plan.RunPlan;
import org.offloadbench.bench.suite.Suite;
import org.offloadbench.core.measure.NanoClock;
import org.offloadbench.core.offload.OffloaderProvider;
import org.offloadbench.core.offload.OffloaderRegistry;
import org.offloadbench.core.result.EnvironmentInfo;
import org.offloadbench.core.result.ModelInfo;
import org.offloadbench.core.result.ResultsFolder;
import org.offloadbench.core.result.RunConditions;
import org.offloadbench.core.result.RunConditionsCapture;
import org.offloadbench.core.result.RunRecord;
import org.offloadbench.core.result.SuiteStatus;
import org.offloadbench.core.workload.WorkloadCatalogue;

/**
 * Owns a run: the results folder, the order of the suites, saving after each, progress, and cleaning up.
 *
 * <p>run.json is written before the first suite (complete=false, every suite pending) and after every
 * state change, and summary.json after every suite, so the folder is valid at any moment: a run stopped
 * with Ctrl-C ({@link #interrupt()}) leaves what finished, the current suite marked "interrupted", and
 * complete=false. Every offloader and process a suite opened is closed after the suite, whatever happened.
 * Each suite's status carries the run conditions (load, steal, quota, busy processes) at its start and end.
 */
public final class Rig {
    private static final DateTimeFormatter RUN_ID_TIME = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss");

    private final RunPlan plan;
    private final OffloaderRegistry registry;
    private final WorkloadCatalogue catalogue;
    private final List<Suite> suites;
    private final Clock wallClock;
    private final NanoClock clock;
    private final Progress progress;
    private final Supplier<EnvironmentInfo> environment;
    /** Captures the run conditions at each suite's start and end; null to record none. */
    private final RunConditionsCapture conditions;
    private final OpenResources resources = new OpenResources();
    private final CountDownLatch finished = new CountDownLatch(1);
    private volatile boolean stopRequested;
    private volatile Thread runner;

    public Rig(RunPlan plan, OffloaderRegistry registry, WorkloadCatalogue catalogue, List<Suite> suites,
               Clock wallClock, NanoClock clock, Progress progress, Supplier<EnvironmentInfo> environment) {
        this(plan, registry, catalogue, suites, wallClock, clock, progress, environment,
                RunConditionsCapture.ofThisMachine());
    }

    /** @param conditions captures the run conditions around each suite (null: none recorded) */
    public Rig(RunPlan plan, OffloaderRegistry registry, WorkloadCatalogue catalogue, List<Suite> suites,
               Clock wallClock, NanoClock clock, Progress progress, Supplier<EnvironmentInfo> environment,
               RunConditionsCapture conditions) {
        this.conditions = conditions;
        this.plan = plan;
        this.registry = registry;
        this.catalogue = catalogue;
        this.suites = List.copyOf(suites);
        this.wallClock = wallClock;
        this.clock = clock;
        this.progress = progress;
        this.environment = environment;
    }

    /** Where a run ended up. */
    public record Outcome(Path folder, RunRecord run, boolean interrupted, long elapsedMillis) {
        public boolean complete() {
            return run.complete();
        }
    }

    public Outcome run() throws IOException {
        runner = Thread.currentThread();
        try {
            return runSuites();
        } finally {
            resources.closeAll();
            runner = null;
            finished.countDown();
        }
    }

    /** Asks the run to stop (Ctrl-C): the current suite is interrupted, the folder saved as incomplete. */
    public void interrupt() {
        stopRequested = true;
        Thread t = runner;
        if (t != null) {
            t.interrupt();
        }
    }

    /** Waits until {@link #run()} has saved and cleaned up (the shutdown hook calls this). */
    public boolean awaitFinished(long timeout, TimeUnit unit) throws InterruptedException {
        return finished.await(timeout, unit);
    }

    public OpenResources resources() {
        return resources;
    }

    private Outcome runSuites() throws IOException {
        Instant started = wallClock.instant();
        String hash = plan.configHash(catalogue);
        String runId = RUN_ID_TIME.format(started.atZone(zone())) + "-" + plan.profile().id() + "-" + hash;
        ResultsFolder folder = ResultsFolder.create(plan.outDir().resolve(runId));
        SummarySink sink = new SummarySink(folder);
        List<SuiteStatus> statuses = new ArrayList<>();
        List<Suite> selected = suites.stream().filter(s -> plan.suites().contains(s.name())).toList();
        selected.forEach(s -> statuses.add(new SuiteStatus(s.name(), "pending", null, null, "")));
        EnvironmentInfo env = environment.get();
        List<ModelInfo> models = modelInfos(plan, registry.all());
        RunState state = new RunState(folder, runId, hash, started, env, models, statuses);
        state.save(false, null);
        sink.flush();

        long estimate = 0;
        List<SuiteContext> contexts = new ArrayList<>();
        for (Suite suite : selected) {
            SuiteContext ctx = context(suite, folder, sink);
            contexts.add(ctx);
            estimate += suite.skipReason(ctx).isPresent() ? 0 : suite.estimateSeconds(ctx);
        }
        progress.runStarted(runId, folder.dir(), estimate);

        boolean interrupted = false;
        boolean allOk = true;
        for (int i = 0; i < selected.size(); i++) {
            Suite suite = selected.get(i);
            SuiteContext ctx = contexts.get(i);
            if (interrupted || stopRequested) {
                interrupted = true;
                state.set(i, "skipped", null, null, "run interrupted before this suite");
                continue;
            }
            Optional<String> skip = suite.skipReason(ctx);
            if (skip.isPresent()) {
                state.set(i, "skipped", null, null, skip.get());
                progress.suiteFinished(suite.name(), "skipped", skip.get());
                state.save(false, null);
                continue;
            }
            RunConditions atStart = captureConditions();
            Instant suiteStart = wallClock.instant();
            state.set(i, "running", suiteStart, null, "", atStart, null);
            state.save(false, null);
            progress.suiteStarted(suite.name(), suite.steps(ctx), suite.estimateSeconds(ctx));
            String outcome;
            String message;
            // what the console prints when the suite ends: failures and close problems, not the notes,
            // which it has already counted in its warnings summary
            String consoleMessage;
            try {
                suite.run(ctx);
                ctx.checkStop();
                List<String> failures = ctx.failures();
                outcome = failures.isEmpty() ? "done" : "failed";
                // failures first, then notes: a failed model must not hide another model's caveat; one per
                // line, since a note may itself contain "; " and the report shows them as lines
                List<String> lines = new ArrayList<>(failures);
                lines.addAll(ctx.notes());
                message = String.join("\n", lines);
                consoleMessage = String.join("\n", failures);
            } catch (RunInterruptedException | InterruptedException e) {
                interrupted = true;
                outcome = "interrupted";
                message = "stopped by the user";
                consoleMessage = message;
            } catch (Exception | Error e) {
                if (stopRequested) {
                    interrupted = true;
                    outcome = "interrupted";
                    message = "stopped by the user (" + SuiteContext.oneLine(e) + ")";
                } else {
                    outcome = "failed";
                    message = SuiteContext.oneLine(e);
                }
                consoleMessage = message;
            } finally {
                Thread.interrupted(); // an interrupt aimed at this suite must not leak into saving
            }
            List<String> closeProblems = resources.closeAll();
            if (!closeProblems.isEmpty()) {
                message = (message.isEmpty() ? "" : message + "\n") + String.join("\n", closeProblems);
                consoleMessage = (consoleMessage.isEmpty() ? "" : consoleMessage + "\n")
                        + String.join("\n", closeProblems);
            }
            allOk &= outcome.equals("done");
            Instant suiteEnd = wallClock.instant();
            state.set(i, outcome, suiteStart, suiteEnd, message, atStart, captureConditions());
            sink.flush();
            state.save(false, null);
            progress.suiteFinished(suite.name(), outcome, consoleMessage);
        }
        boolean complete = allOk && !interrupted;
        Instant ended = wallClock.instant();
        RunRecord record = state.save(complete, ended);
        long elapsed = ended.toEpochMilli() - started.toEpochMilli();
        progress.runFinished(complete, elapsed);
        return new Outcome(folder.dir(), record, interrupted, elapsed);
    }

    /** How busy the machine is now; null when not captured or when the run is being stopped meanwhile. */
    private RunConditions captureConditions() {
        if (conditions == null) {
            return null;
        }
        try {
            return conditions.capture();
        } catch (InterruptedException e) {
            return null; // Ctrl-C: interrupt() has set stopRequested, which ends the run; saving comes first
        }
    }

    private SuiteContext context(Suite suite, ResultsFolder folder, SummarySink sink) {
        return new SuiteContext(suite.name(), plan, registry, catalogue, folder, sink, progress, resources, clock,
                () -> stopRequested);
    }

    private ZoneId zone() {
        return wallClock.getZone();
    }

    /**
     * Every model found, as run.json lists it: a model measured as variants appears once per variant, under the
     * variant's name with its options in the description, so the report's model list shows every row.
     */
    static List<ModelInfo> modelInfos(RunPlan plan, List<OffloaderProvider> providers) {
        List<ModelInfo> out = new ArrayList<>();
        for (OffloaderProvider p : providers) {
            List<ModelRow> rows = plan.modelRows().stream().filter(r -> r.model().equals(p.name())
                    && !r.name().equals(r.model())).toList();
            if (rows.isEmpty() || plan.models().contains(p.name())) {
                out.add(modelInfo(p));
            }
            for (ModelRow r : rows) {
                var availability = p.availability();
                out.add(new ModelInfo(r.name(), p.description() + " (variant of " + r.model() + ": "
                        + String.join(",", r.options().entrySet().stream().map(e -> e.getKey() + "=" + e.getValue())
                        .toList()) + ")", availability.available(), availability.reason(), p.traits()));
            }
        }
        return out;
    }

    static ModelInfo modelInfo(OffloaderProvider p) {
        var availability = p.availability();
        return new ModelInfo(p.name(), p.description(), availability.available(), availability.reason(), p.traits());
    }

    /** run.json as it evolves. */
    private final class RunState {
        private final ResultsFolder folder;
        private final String runId;
        private final String hash;
        private final Instant started;
        private final EnvironmentInfo env;
        private final List<ModelInfo> models;
        private final List<SuiteStatus> statuses;

        RunState(ResultsFolder folder, String runId, String hash, Instant started, EnvironmentInfo env,
                 List<ModelInfo> models, List<SuiteStatus> statuses) {
            this.folder = folder;
            this.runId = runId;
            this.hash = hash;
            this.started = started;
            this.env = env;
            this.models = models;
            this.statuses = statuses;
        }

        void set(int index, String state, Instant from, Instant to, String message) {
            set(index, state, from, to, message, null, null);
        }

        void set(int index, String state, Instant from, Instant to, String message, RunConditions atStart,
                 RunConditions atEnd) {
            statuses.set(index, new SuiteStatus(statuses.get(index).suite(), state,
                    from == null ? null : from.toString(), to == null ? null : to.toString(), message, atStart,
                    atEnd));
        }

        RunRecord save(boolean complete, Instant ended) throws IOException {
            RunRecord record = new RunRecord(RunRecord.FORMAT_VERSION, runId, plan.profile().id(), hash,
                    plan.config(catalogue), started.toString(), ended == null ? null : ended.toString(), complete,
                    env, models, List.copyOf(statuses));
            folder.writeRun(record);
            return record;
        }
    }
}
