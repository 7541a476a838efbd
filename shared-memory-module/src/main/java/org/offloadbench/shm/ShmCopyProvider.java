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

/** {@code shm/copy}: child JVMs serving slots of a mapped region; byte arrays copied in and out. */
public final class ShmCopyProvider implements OffloaderProvider {
    public static final String NAME = "shm/copy";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String description() {
        return "child JVMs serving slots of a memory-mapped region (/dev/shm); input and output copied through "
                + "the slot; options slotBytes, wait=spin|backoff|park, jvmOptions, dir";
    }

    @Override
    public Availability availability() {
        return ShmAvailability.check();
    }

    @Override
    public ModelTraits traits() {
        return ShmModelTraits.copy();
    }

    @Override
    public Offloader create(OffloaderConfig config) {
        return new ShmCopyOffloader(NAME, ShmSettings.from(NAME, config, true));
    }

    @Override
    public List<OptionSpec> options() {
        return ShmSettings.CHILD_OPTIONS;
    }

    /** A mapped region shared with child JVMs. */
    @Override
    public FloorTransport floorTransport() {
        return FloorTransport.SHARED_MEMORY;
    }

    /**
     * The slot's wait strategy: {@code spin} spins, {@code backoff} spins then yields then parks (adaptive),
     * {@code park} parks. The caller's own thread waits on the task's future in every mode, so the figure is
     * a spinning slot plus thread wake-ups and its floor a lower bound.
     */
    @Override
    public WaitDiscipline waitDiscipline(OffloaderConfig config) {
        return ShmSettings.from(NAME, config, true).waitStrategy().discipline();
    }
}
