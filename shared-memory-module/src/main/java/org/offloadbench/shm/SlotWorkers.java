package org.offloadbench.shm;

import java.io.IOException;
import java.util.List;
import org.offloadbench.shm.region.ShmRegion;
import org.offloadbench.shm.slot.Slot;
import org.offloadbench.shm.worker.ShmWorker;
import org.offloadbench.shm.worker.ThreadWorker;

/**
 * How a shared-memory model's workers run, the one thing in which {@code shm/in-process} (threads of this
 * JVM, {@link ThreadSlotWorkers}) differs from {@code shm/copy} and {@code shm/zero-copy} (child JVMs
 * attached to the region, {@link ChildSlotWorkers}): starting one, the pids to charge, and what becomes of
 * a worker that cannot be stopped (a thread is abandoned with its slot, a child is killed).
 */
interface SlotWorkers {

    /** Slots the region holds beyond one per worker, for replacements of workers abandoned with their slot. */
    int spareSlots(int workers);

    /** Keeps {@code slot} for a replacement; called for each spare once the region exists. */
    void addSpareSlot(Slot slot);

    /** A spare slot for a channel whose slot an abandoned worker still holds, or null when none is free. */
    Slot takeSpareSlot();

    /**
     * Starts a worker serving {@code slot} of {@code region} for {@code channel}, ready when this returns.
     *
     * @throws IOException when it does not come up (a child's stderr is quoted)
     */
    ShmWorker start(ShmRegion region, Channel channel, Slot slot) throws IOException;

    /** A worker thread that ignored interruption keeps its slot until it ends; then the slot is a spare. */
    void abandon(ThreadWorker worker);

    /** The pids of the live workers outside this JVM. */
    List<Long> pids(List<Channel> channels);

    /** At close, after every channel's worker was closed: asks abandoned workers to stop too. */
    void close();
}
