package org.offloadbench.shm;

import java.util.List;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import org.offloadbench.core.workload.WorkloadCatalogue;
import org.offloadbench.shm.region.ShmRegion;
import org.offloadbench.shm.slot.Slot;
import org.offloadbench.shm.worker.ShmWorker;
import org.offloadbench.shm.worker.ThreadWorker;

/**
 * Worker threads of this JVM serving slots of the region ({@code shm/in-process}). A thread that ignores
 * interruption cannot be stopped: it is abandoned with its slot (it may still write there), a spare slot
 * serves its replacement, and its slot becomes a spare once the thread ends.
 */
final class ThreadSlotWorkers implements SlotWorkers {
    private final String name;
    private final ShmSettings settings;
    private final WorkloadCatalogue catalogue;
    private final Queue<Slot> spareSlots = new ConcurrentLinkedQueue<>();
    private final Set<ThreadWorker> abandoned = ConcurrentHashMap.newKeySet();
    private final AtomicInteger threadSerial = new AtomicInteger();

    ThreadSlotWorkers(String name, ShmSettings settings, WorkloadCatalogue catalogue) {
        this.name = name;
        this.settings = settings;
        this.catalogue = catalogue;
    }

    /** In-process workers can be abandoned holding their slot, so keep spares for their replacements. */
    @Override
    public int spareSlots(int workers) {
        return workers + 2;
    }

    @Override
    public void addSpareSlot(Slot slot) {
        spareSlots.add(slot);
    }

    @Override
    public Slot takeSpareSlot() {
        return spareSlots.poll();
    }

    @Override
    public ShmWorker start(ShmRegion region, Channel channel, Slot slot) {
        return new ThreadWorker(name + "-worker-" + threadSerial.getAndIncrement(), slot, catalogue,
                settings.waitStrategy());
    }

    @Override
    public void abandon(ThreadWorker worker) {
        abandoned.add(worker);
        worker.requestStop();
        Thread watcher = new Thread(() -> {
            try {
                worker.thread().join();
            } catch (InterruptedException e) {
                return; // closing: the region goes with the offloader
            }
            abandoned.remove(worker);
            worker.slot().setStateRelease(Slot.FREE);
            spareSlots.add(worker.slot());
        }, name + "-abandoned-" + worker.id());
        watcher.setDaemon(true);
        watcher.start();
    }

    /** None: the workers are threads of the caller's JVM. */
    @Override
    public List<Long> pids(List<Channel> channels) {
        return List.of();
    }

    @Override
    public void close() {
        for (ThreadWorker worker : abandoned) {
            worker.requestStop();
        }
    }
}
