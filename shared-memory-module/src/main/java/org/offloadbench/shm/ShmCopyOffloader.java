package org.offloadbench.shm;

import org.offloadbench.core.workload.WorkloadCatalogue;

/** {@code shm/copy}: child JVMs serving the slots; byte arrays copied into the slot and out of it. */
public final class ShmCopyOffloader extends ShmOffloader {

    /** @throws org.offloadbench.core.offload.OffloadException UNAVAILABLE when the region or a child cannot start */
    public ShmCopyOffloader(String name, ShmSettings settings) {
        super(name, settings, WorkloadCatalogue.load(), new ChildSlotWorkers(settings));
    }
}
