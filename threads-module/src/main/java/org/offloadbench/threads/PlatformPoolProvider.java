package org.offloadbench.threads;

import java.util.List;
import org.offloadbench.core.offload.Availability;
import org.offloadbench.core.offload.FloorTransport;
import org.offloadbench.core.offload.ModelTraits;
import org.offloadbench.core.offload.Offloader;
import org.offloadbench.core.offload.OffloaderConfig;
import org.offloadbench.core.offload.OffloaderProvider;
import org.offloadbench.core.offload.options.OptionSpec;
import org.offloadbench.threads.support.ThreadModelSettings;
import org.offloadbench.core.offload.WaitDiscipline;

/** Registers {@link PlatformPoolOffloader}. */
public final class PlatformPoolProvider implements OffloaderProvider {
    @Override
    public String name() {
        return PlatformPoolOffloader.NAME;
    }

    @Override
    public String description() {
        return "fixed pool of platform threads sharing one bounded FIFO queue";
    }

    @Override
    public Availability availability() {
        return Availability.yes();
    }

    @Override
    public ModelTraits traits() {
        return ThreadModelTraits.of("a worker_threads pool with a shared task queue (piscina)");
    }

    @Override
    public Offloader create(OffloaderConfig config) {
        return new PlatformPoolOffloader(config);
    }

    @Override
    public List<OptionSpec> options() {
        return ThreadModelSettings.specs(List.of());
    }

    /** A hand-off between threads of one process. */
    @Override
    public FloorTransport floorTransport() {
        return FloorTransport.THREAD_HANDOFF;
    }

    /** The caller blocks on the task's future and the worker thread parks when idle: no spinning on either side. */
    @Override
    public WaitDiscipline waitDiscipline(OffloaderConfig config) {
        return WaitDiscipline.PARK;
    }
}
