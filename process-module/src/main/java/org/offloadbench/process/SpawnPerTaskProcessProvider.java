package org.offloadbench.process;

import org.offloadbench.core.offload.Availability;
import org.offloadbench.core.offload.FloorTransport;
import org.offloadbench.core.offload.ModelTraits;
import org.offloadbench.core.offload.Offloader;
import org.offloadbench.core.offload.OffloaderConfig;
import org.offloadbench.core.offload.OffloaderProvider;
import org.offloadbench.core.offload.WaitDiscipline;

/** Registers {@link SpawnPerTaskProcessOffloader}, the seed article's new-child-per-task pattern. */
public final class SpawnPerTaskProcessProvider implements OffloaderProvider {
    @Override
    public String name() {
        return SpawnPerTaskProcessOffloader.NAME;
    }

    @Override
    public String description() {
        return "a new child JVM for every task, at most 'workers' at once (the seed article's pattern); options: "
                + String.join(", ", new java.util.TreeSet<>(SpawnPerTaskProcessOffloader.OPTIONS));
    }

    @Override
    public Availability availability() {
        return new PipesProvider().availability(); // the same java launcher
    }

    @Override
    public ModelTraits traits() {
        return new ModelTraits(
                "process",
                "separate process and heap per task; same host and user",
                "a crash, halt, heap exhaustion or runaway task ends only its own child; with retry=on the task runs "
                        + "once more in a fresh child",
                false,
                "a child JVM started per task by the caller (no server, no port)",
                "child_process.fork() per request, the article's basic example");
    }

    @Override
    public FloorTransport floorTransport() {
        return FloorTransport.PIPE;
    }

    @Override
    public WaitDiscipline waitDiscipline(OffloaderConfig config) {
        return WaitDiscipline.PARK; // a runner thread blocks in read() on the child's stdout
    }

    @Override
    public Offloader create(OffloaderConfig config) {
        return new SpawnPerTaskProcessOffloader(config);
    }

    @Override
    public java.util.List<org.offloadbench.core.offload.options.OptionSpec> options() {
        return SpawnPerTaskProcessOffloader.SPECS;
    }

    /** Also applies the model's own rules (the same checks {@link #create} makes); starts nothing. */
    @Override
    public java.util.Map<String, String> resolveOptions(org.offloadbench.core.offload.OffloaderConfig config) {
        config.requireOnly(name(), SpawnPerTaskProcessOffloader.OPTIONS);
        PipesSettings.from(name(), config);
        return org.offloadbench.core.offload.OffloaderProvider.super.resolveOptions(config);
    }

    /**
     * The pattern's point is its per-task start: a default run measures it in overhead, startup and granularity
     * (from which task size a new worker per task pays, beside a pool) only.
     */
    @Override
    public boolean measuredByDefaultIn(String suite) {
        return suite.equals(org.offloadbench.core.result.SuiteNames.OVERHEAD)
                || suite.equals(org.offloadbench.core.result.SuiteNames.STARTUP)
                || suite.equals(org.offloadbench.core.result.SuiteNames.GRANULARITY);
    }
}
