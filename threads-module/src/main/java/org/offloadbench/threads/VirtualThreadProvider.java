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

/** Registers {@link VirtualThreadOffloader}; unavailable, with the reason, on JDKs before 21. */
public final class VirtualThreadProvider implements OffloaderProvider {
    @Override
    public String name() {
        return VirtualThreadOffloader.NAME;
    }

    @Override
    public String description() {
        return "one virtual thread per task, at most 'workers' running (JDK 21+)";
    }

    @Override
    public Availability availability() {
        return VirtualThreads.availability();
    }

    @Override
    public ModelTraits traits() {
        return ThreadModelTraits.of("none direct: async functions on the event loop are the nearest, but CPU "
                + "work on a virtual thread still occupies a carrier thread");
    }

    @Override
    public Offloader create(OffloaderConfig config) {
        return new VirtualThreadOffloader(config);
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
