package org.offloadbench.bench.rig;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BooleanSupplier;
import org.offloadbench.bench.plan.ModelRow;
import org.offloadbench.bench.plan.RunPlan;
import org.offloadbench.core.measure.NanoClock;
import org.offloadbench.core.offload.Offloader;
import org.offloadbench.core.offload.OffloaderRegistry;
import org.offloadbench.core.result.ResultsFolder;
import org.offloadbench.core.workload.WorkloadCatalogue;

/**
 * What a suite gets from the rig: the plan, the models and workloads, the results folder, a place for its
 * figures, progress, and offloaders that the rig closes for it whatever happens. Measurement failures of
 * one model are collected with {@link #failed} so the other models are still measured.
 */
public final class SuiteContext {
    private final String suite;
    private final RunPlan plan;
    private final OffloaderRegistry registry;
    private final WorkloadCatalogue catalogue;
    private final ResultsFolder folder;
    private final SummarySink sink;
    private final Progress progress;
    private final OpenResources resources;
    private final NanoClock clock;
    private final BooleanSupplier stopRequested;
    private final List<String> failures = new ArrayList<>();
    private final List<String> notes = new ArrayList<>();

    public SuiteContext(String suite, RunPlan plan, OffloaderRegistry registry, WorkloadCatalogue catalogue,
                        ResultsFolder folder, SummarySink sink, Progress progress, OpenResources resources,
                        NanoClock clock, BooleanSupplier stopRequested) {
        this.suite = suite;
        this.plan = plan;
        this.registry = registry;
        this.catalogue = catalogue;
        this.folder = folder;
        this.sink = sink;
        this.progress = progress;
        this.resources = resources;
        this.clock = clock;
        this.stopRequested = stopRequested;
    }

    public String suite() {
        return suite;
    }

    public RunPlan plan() {
        return plan;
    }

    /**
     * The rows this suite measures: every row of the plan when {@code --models} named them, else the rows whose
     * model is measured here by default ({@code OffloaderProvider.measuredByDefaultIn}).
     */
    public List<String> models() {
        if (plan.modelsNamed()) {
            return plan.models();
        }
        return plan.models().stream().filter(name -> {
            String model = plan.row(name).model();
            return !registry.names().contains(model) || registry.get(model).measuredByDefaultIn(suite);
        }).toList();
    }

    /** Whether the row's model runs {@code workloadId}, without a note: for the suites' step counts. */
    public boolean supports(String row, String workloadId) {
        String model = plan.row(row).model();
        return !registry.names().contains(model) || registry.get(model).supportsWorkload(workloadId);
    }

    /** The largest input the row's model carries with its options ({@code OffloaderProvider.maxInputBytes}). */
    public long maxInputBytes(String row) {
        ModelRow r = plan.row(row);
        return !registry.names().contains(r.model()) ? Long.MAX_VALUE
                : registry.get(r.model()).maxInputBytes(r.config(1, 1));
    }

    private final java.util.Set<String> skipsNoted = java.util.concurrent.ConcurrentHashMap.newKeySet();

    /**
     * Whether the row's model runs {@code workloadId} ({@code OffloaderProvider.supportsWorkload}); when not, says
     * so in the run's notes (once per row), and the suite skips that pair.
     */
    public boolean runs(String row, String workloadId) {
        if (supports(row, workloadId)) {
            return true;
        }
        if (skipsNoted.add(row)) {
            note(suite + ": " + row + " skips the workloads its model does not run (" + workloadId + " and any other)");
        }
        return false;
    }

    public OffloaderRegistry registry() {
        return registry;
    }

    public WorkloadCatalogue catalogue() {
        return catalogue;
    }

    public ResultsFolder folder() {
        return folder;
    }

    public Path resolve(String relative) {
        return folder.resolve(relative);
    }

    public SummarySink sink() {
        return sink;
    }

    public Progress progress() {
        return progress;
    }

    public OpenResources resources() {
        return resources;
    }

    public NanoClock clock() {
        return clock;
    }

    public int cores() {
        return Runtime.getRuntime().availableProcessors();
    }

    /** @throws RunInterruptedException when the run was stopped; suites call it between measurements */
    public void checkStop() {
        if (stopRequested.getAsBoolean() || Thread.currentThread().isInterrupted()) {
            throw new RunInterruptedException(suite + " interrupted");
        }
    }

    /**
     * Starts a row of the plan (a model, or a variant with its options) with {@code workers} workers, tracked so
     * it is closed even if the suite fails.
     */
    public Offloader open(String model, int workers) {
        return open(model, workers, Math.max(1024, 8 * workers));
    }

    /** As {@link #open(String, int)}, with room for {@code queueCapacity} tasks waiting beyond those running. */
    public Offloader open(String model, int workers, int queueCapacity) {
        ModelRow row = plan.row(model);
        return resources.track(registry.get(row.model()).create(row.config(workers, queueCapacity)));
    }

    /** Closes an offloader the suite is done with; a close that had to fail tasks becomes a note. */
    public void close(Offloader offloader) {
        if (!resources.close(offloader)) {
            note(offloader.name() + " had to fail unfinished tasks when closed");
        }
    }

    public PreparedInput prepare(String workloadId, int payloadBytes) {
        return PreparedInput.of(catalogue.get(workloadId), payloadBytes);
    }

    /** One measurement failed; the suite goes on and ends as "failed" naming it. */
    public void failed(String what, Throwable error) {
        String line = what + ": " + oneLine(error);
        synchronized (failures) {
            failures.add(line);
        }
        progress.note("FAILED " + line);
    }

    /** A caveat for the report (run.json keeps it in full); the console counts it in the suite's summary. */
    public void note(String message) {
        note(Warning.note(message));
    }

    /** As {@link #note(String)}, with a kind and a severity the console's summary groups and ranks by. */
    public void note(Warning warning) {
        synchronized (notes) {
            notes.add(warning.message());
        }
        progress.warning(warning);
    }

    public List<String> failures() {
        synchronized (failures) {
            return List.copyOf(failures);
        }
    }

    public List<String> notes() {
        synchronized (notes) {
            return List.copyOf(notes);
        }
    }

    public void writeJson(String relative, Object value) throws IOException {
        folder.writeJson(relative, value);
    }

    /** Sleeps on the injected clock, honouring a stop request. */
    public void sleep(Duration duration) throws InterruptedException {
        clock.sleepNanos(duration.toNanos());
        checkStop();
    }

    public static String oneLine(Throwable error) {
        Throwable t = error;
        while ((t instanceof java.util.concurrent.CompletionException
                || t instanceof java.util.concurrent.ExecutionException
                || t instanceof java.lang.reflect.InvocationTargetException) && t.getCause() != null) {
            t = t.getCause();
        }
        String message = t.getMessage() == null ? t.getClass().getSimpleName()
                : t.getClass().getSimpleName() + ": " + t.getMessage();
        return message.replaceAll("\\s+", " ").trim();
    }
}
