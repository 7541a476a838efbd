package org.offloadbench.shm;

import java.util.List;
import org.offloadbench.core.offload.Availability;
import org.offloadbench.core.offload.FloorTransport;
import org.offloadbench.core.offload.ModelTraits;
import org.offloadbench.core.offload.Offloader;
import org.offloadbench.core.offload.OffloaderConfig;
import org.offloadbench.core.offload.OffloaderProvider;
import org.offloadbench.core.offload.options.OptionSpec;
import org.offloadbench.core.offload.WaitDiscipline;

/**
 * {@code shm/in-process}: worker threads of this JVM serving slots of a mapped region, through exactly the
 * slot code the child JVMs run. Beside {@code shm/copy} it separates what the mapping costs from what
 * crossing a process costs.
 */
public final class ShmInProcessProvider implements OffloaderProvider {
    public static final String NAME = "shm/in-process";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String description() {
        return "worker threads serving slots of a memory-mapped region (the shm slot protocol without a process "
                + "boundary); options slotBytes, wait=spin|backoff|park, dir";
    }

    @Override
    public Availability availability() {
        return ShmAvailability.check();
    }

    @Override
    public ModelTraits traits() {
        return ShmModelTraits.inProcess();
    }

    @Override
    public Offloader create(OffloaderConfig config) {
        return new ShmInProcessOffloader(NAME, ShmSettings.from(NAME, config, false));
    }

    @Override
    public List<OptionSpec> options() {
        return ShmSettings.IN_PROCESS_OPTIONS;
    }

    /** A mapped region between threads of this JVM (no process boundary, so the thread hand-off floor). */
    @Override
    public FloorTransport floorTransport() {
        return FloorTransport.THREAD_HANDOFF;
    }

    /**
     * The slot's wait strategy: {@code spin} spins, {@code backoff} spins then yields then parks (adaptive),
     * {@code park} parks. The caller's own thread waits on the task's future in every mode, so the figure is
     * a spinning slot plus thread wake-ups and its floor a lower bound.
     */
    @Override
    public WaitDiscipline waitDiscipline(OffloaderConfig config) {
        return ShmSettings.from(NAME, config, false).waitStrategy().discipline();
    }
}
