package org.offloadbench.shm;

import java.time.Duration;
import org.offloadbench.core.offload.ZeroCopyLease;
import org.offloadbench.core.offload.ZeroCopyOffloader;
import org.offloadbench.core.workload.WorkloadCatalogue;

/**
 * {@code shm/zero-copy}: child JVMs serving the slots, and the zero-copy path: {@link #lease} gives the
 * caller a slot whose mapped request area it writes and whose response area it reads in place. Byte-array
 * tasks ({@link #submit}) still work, through the copy path, so the model runs in every suite.
 */
public final class ShmZeroCopyOffloader extends ShmOffloader implements ZeroCopyOffloader {

    /** @throws org.offloadbench.core.offload.OffloadException UNAVAILABLE when the region or a child cannot start */
    public ShmZeroCopyOffloader(String name, ShmSettings settings) {
        super(name, settings, WorkloadCatalogue.load(), new ChildSlotWorkers(settings));
    }

    @Override
    public ZeroCopyLease lease(Duration wait) {
        return leaseSlot(wait);
    }
}
