package org.offloadbench.threads;

import org.offloadbench.core.offload.Availability;
import org.offloadbench.core.offload.FloorTransport;
import org.offloadbench.core.offload.ModelTraits;
import org.offloadbench.core.offload.Offloader;
import org.offloadbench.core.offload.OffloaderConfig;
import org.offloadbench.core.offload.OffloaderProvider;
import org.offloadbench.core.offload.WaitDiscipline;

/** Registers {@link SpawnPerTaskOffloader}, the seed article's new-worker-per-task pattern. */
public final class SpawnPerTaskProvider implements OffloaderProvider {
    @Override
    public String name() {
        return SpawnPerTaskOffloader.NAME;
    }

    @Override
    public String description() {
        return "a new platform thread for every task, at most 'workers' running (the seed article's pattern)";
    }

    @Override
    public Availability availability() {
        return Availability.yes();
    }

    @Override
    public ModelTraits traits() {
        return ThreadModelTraits.of("new Worker() per task, the article's basic example");
    }

    @Override
    public FloorTransport floorTransport() {
        return FloorTransport.THREAD_HANDOFF;
    }

    @Override
    public WaitDiscipline waitDiscipline(OffloaderConfig config) {
        return WaitDiscipline.PARK; // the caller parks on the future; the new thread is started, not woken
    }

    @Override
    public Offloader create(OffloaderConfig config) {
        return new SpawnPerTaskOffloader(config);
    }

    @Override
    public java.util.List<org.offloadbench.core.offload.options.OptionSpec> options() {
        return org.offloadbench.threads.support.ThreadModelSettings.specs(java.util.List.of());
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
