package org.offloadbench.shm;

import org.offloadbench.core.workload.WorkloadCatalogue;

/**
 * {@code shm/in-process}: worker threads of this JVM serving the slots through exactly the slot code the
 * children run, so beside {@code shm/copy} it separates what the mapping costs from what crossing a process
 * costs. A thread that ignores interruption is abandoned with its slot; spare slots serve its replacement.
 */
public final class ShmInProcessOffloader extends ShmOffloader {

    public ShmInProcessOffloader(String name, ShmSettings settings) {
        this(name, settings, WorkloadCatalogue.load());
    }

    private ShmInProcessOffloader(String name, ShmSettings settings, WorkloadCatalogue catalogue) {
        super(name, settings, catalogue, new ThreadSlotWorkers(name, settings, catalogue));
    }
}
