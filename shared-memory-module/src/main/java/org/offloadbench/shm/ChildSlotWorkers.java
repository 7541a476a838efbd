package org.offloadbench.shm;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.offloadbench.core.worker.ChildJvmLauncher;
import org.offloadbench.shm.region.ShmRegion;
import org.offloadbench.shm.slot.Slot;
import org.offloadbench.shm.worker.ChildWorker;
import org.offloadbench.shm.worker.ShmWorker;
import org.offloadbench.shm.worker.ThreadWorker;

/**
 * Child JVMs attached to the region ({@code shm/copy}, {@code shm/zero-copy}), started with core's shared
 * launcher. A child's task cannot be interrupted, only killed with its child, so no worker is ever
 * abandoned and no spare slot is needed: a killed child's slot is reclaimed once the process is gone.
 */
final class ChildSlotWorkers implements SlotWorkers {
    private final ShmSettings settings;
    private final ChildJvmLauncher launcher = new ChildJvmLauncher();

    ChildSlotWorkers(ShmSettings settings) {
        this.settings = settings;
    }

    @Override
    public int spareSlots(int workers) {
        return 0;
    }

    @Override
    public void addSpareSlot(Slot slot) {
        throw new IllegalStateException("child workers keep no spare slots");
    }

    @Override
    public Slot takeSpareSlot() {
        return null;
    }

    @Override
    public ShmWorker start(ShmRegion region, Channel channel, Slot slot) throws IOException {
        ChildWorker worker = ChildWorker.start(launcher, region, slot, settings.waitStrategy(), settings.jvmOptions());
        worker.child().onExit().thenRun(() -> channel.workerDied(worker));
        return worker;
    }

    @Override
    public void abandon(ThreadWorker worker) {
        throw new IllegalStateException("a child worker is killed, never abandoned");
    }

    @Override
    public List<Long> pids(List<Channel> channels) {
        List<Long> pids = new ArrayList<>();
        for (Channel c : channels) {
            if (c.worker() instanceof ChildWorker child && child.isAlive()) {
                pids.add(child.pid());
            }
        }
        return pids;
    }

    @Override
    public void close() {
        // every child went with its channel
    }
}
