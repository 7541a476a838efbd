package org.offloadbench.shm.worker;

import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.offloadbench.core.workload.WorkloadCatalogue;
import org.offloadbench.shm.slot.Doorbell;
import org.offloadbench.shm.slot.Slot;
import org.offloadbench.shm.slot.SlotServer;
import org.offloadbench.shm.slot.ThreadDoorbell;
import org.offloadbench.shm.slot.WaitStrategy;

/**
 * A worker thread of this JVM serving a slot of the region ({@code shm/in-process}): the same
 * {@link SlotServer} a child runs, without the process boundary, so the two models differ by exactly that.
 */
public final class ThreadWorker implements ShmWorker {
    private final Slot slot;
    private final Thread thread;
    private final ThreadDoorbell toWorker = new ThreadDoorbell();
    private final ThreadDoorbell fromWorker = new ThreadDoorbell();
    private volatile boolean stop;

    public ThreadWorker(String name, Slot slot, WorkloadCatalogue catalogue, WaitStrategy wait) {
        this.slot = slot;
        SlotServer server = new SlotServer(slot, catalogue, wait, toWorker, fromWorker, () -> stop);
        this.thread = new Thread(() -> {
            try {
                server.run();
            } catch (IOException e) {
                // thread doorbells never throw; reaching here is a bug worth seeing
                throw new IllegalStateException(e);
            }
        }, name);
        thread.setDaemon(true);
        thread.start();
    }

    @Override
    public String id() {
        return thread.getName();
    }

    @Override
    public Slot slot() {
        return slot;
    }

    @Override
    public Doorbell toWorker() {
        return toWorker;
    }

    @Override
    public Doorbell fromWorker() {
        return fromWorker;
    }

    @Override
    public boolean isAlive() {
        return thread.isAlive();
    }

    /** Wakes a parent waiting on this worker (an abort), without touching the worker. */
    public void wakeParent() {
        fromWorker.ring();
    }

    @Override
    public void stopTask() {
        thread.interrupt();
    }

    @Override
    public boolean awaitStopped(Duration wait) {
        long deadline = System.nanoTime() + wait.toNanos();
        while (slot.state() == Slot.CLAIMED || slot.state() == Slot.REQUEST_WRITTEN) {
            if (System.nanoTime() > deadline || !thread.isAlive()) {
                return slot.state() != Slot.CLAIMED && slot.state() != Slot.REQUEST_WRITTEN;
            }
            try {
                TimeUnit.MILLISECONDS.sleep(1);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }
        return true;
    }

    @Override
    public String deathNote() {
        return thread.isAlive() ? "" : "thread " + thread.getName() + " ended";
    }

    /** Asks the thread to leave its loop; when it is stuck in a task that ignores interrupts it stays. */
    public void requestStop() {
        stop = true;
        toWorker.ring();
        thread.interrupt();
    }

    @Override
    public void close(Duration grace) {
        requestStop();
        try {
            thread.join(Math.max(1, grace.toMillis()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    public Thread thread() {
        return thread;
    }
}
