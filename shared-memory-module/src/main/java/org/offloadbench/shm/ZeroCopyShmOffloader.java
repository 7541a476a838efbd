package org.offloadbench.shm;

import java.time.Duration;
import org.offloadbench.core.offload.ZeroCopyLease;
import org.offloadbench.core.offload.ZeroCopyOffloader;

/**
 * A shared-memory model that also offers the zero-copy path: {@link #lease} gives the caller a slot whose
 * mapped request area it writes and whose response area it reads in place. Byte-array tasks
 * ({@link #submit}) still work, through the copy path, so the model runs in every suite.
 */
public class ZeroCopyShmOffloader extends ShmOffloader implements ZeroCopyOffloader {

    public ZeroCopyShmOffloader(String name, ShmSettings settings, Workers workers) {
        super(name, settings, workers);
    }

    @Override
    public ZeroCopyLease lease(Duration wait) {
        return leaseSlot(wait);
    }
}
