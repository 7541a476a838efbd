package org.offloadbench.shm;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.offloadbench.core.offload.OffloadException;
import org.offloadbench.core.offload.Offloader;
import org.offloadbench.core.offload.OffloaderStats;
import org.offloadbench.core.offload.Task;
import org.offloadbench.core.offload.TaskResult;
import org.offloadbench.core.offload.ZeroCopyLease;
import org.offloadbench.core.offload.support.TaskCounters;
import org.offloadbench.core.offload.support.TaskLifecycle;
import org.offloadbench.core.workload.WorkloadCatalogue;
import org.offloadbench.shm.region.ShmRegion;

/**
 * What the shared-memory models share: a region with one slot per worker (a thread of this JVM or a child
 * JVM attached to the region, see {@link SlotWorkers}), held by a {@link SlotPool}; the copy path and the
 * drivers ({@link Dispatcher}, the model of core's {@link TaskLifecycle}, which admits, counts, cancels and
 * drains every task); the zero-copy path ({@link LeasePath}); stats and close. Each model is a
 * small subclass that picks its workers: {@link ShmCopyOffloader}, {@link ShmZeroCopyOffloader},
 * {@link ShmInProcessOffloader}.
 *
 * <p>Failures: a task's timeout runs from when its slot is first seen claimed; a child past it, or running a
 * cancelled task, is killed and replaced and its slot reclaimed; a worker thread that ignores interruption
 * is abandoned with its slot and a spare slot takes over. A child that dies while running a task has the
 * task retried once on a fresh child; a second death fails it as WORKER_CRASHED.
 */
public abstract sealed class ShmOffloader implements Offloader
        permits ShmCopyOffloader, ShmZeroCopyOffloader, ShmInProcessOffloader {

    private final SlotPool pool;
    private final Dispatcher dispatcher;
    private final LeasePath leases;
    private Boolean closeResult; // guarded by this

    /**
     * Creates the region, starts every worker (ready when this returns) and the drivers.
     *
     * @throws OffloadException UNAVAILABLE when the region or a worker cannot be created
     */
    ShmOffloader(String name, ShmSettings settings, WorkloadCatalogue catalogue, SlotWorkers workers) {
        this.pool = new SlotPool(name, settings, catalogue, workers);
        this.dispatcher = new Dispatcher(pool);
        pool.start(dispatcher.counters());
        this.leases = new LeasePath(pool, dispatcher);
        dispatcher.startDrivers(leases);
    }

    @Override
    public String name() {
        return pool.name;
    }

    public ShmSettings settings() {
        return pool.settings;
    }

    /** The region file (for tests and for the report's notes). */
    public ShmRegion region() {
        return pool.region;
    }

    /** The largest input and output of one task: the slot size. */
    public int maxPayloadBytes() {
        return pool.settings.slotBytes();
    }

    /**
     * Tasks whose input the submitting thread wrote straight into an idle channel's slot (one copy, no
     * private clone); the others waited in the queue with a private copy (COPY) or their own array (TRANSFER).
     */
    public long callerWrittenTasks() {
        return dispatcher.callerWrittenTasks();
    }

    /** True when every channel's driver is idle, so the next submit takes the fast path (for tests). */
    boolean allDriversIdle() {
        return dispatcher.allDriversIdle();
    }

    /** Tasks re-run once after their worker died. */
    public long retried() {
        return dispatcher.counters().retries();
    }

    @Override
    public CompletableFuture<TaskResult> submit(Task task) {
        return dispatcher.submit(task);
    }

    /**
     * The zero-copy path: a slot held by the caller, who writes the input and reads the output in place. Every
     * shm model has it (the benchmarks lease {@code shm/in-process} slots too); {@code shm/zero-copy} offers it
     * to the harness as {@link org.offloadbench.core.offload.ZeroCopyOffloader#lease}.
     */
    public ZeroCopyLease leaseSlot(Duration wait) {
        return leases.lease(wait);
    }

    /** The child workers' pids; empty for {@code shm/in-process}, whose workers are threads of this JVM. */
    @Override
    public List<Long> workerPids() {
        return pool.workerPids();
    }

    @Override
    public OffloaderStats stats() {
        int live = pool.liveWorkers();
        TaskCounters tasks = dispatcher.counters();
        // running means a worker has claimed it; a task handed to a driver but not yet claimed is still
        // waiting (so "in flight" never counts a task that a cancel could still take back unrun)
        int taken = dispatcher.onChannels() + leases.counters().inFlight();
        int running = Math.min(pool.claimedCalls(), taken);
        return leases.counters().addTo(tasks.snapshot(live, dispatcher.queuedTasks() + (taken - running), running));
    }

    /**
     * Refuses new tasks and leases, waits (until the timeout) for leases to come back and for the lifecycle's
     * drain, fails what is left with CLOSED, stops every driver, worker and thread and deletes the region.
     */
    @Override
    public boolean close(Duration timeout) {
        synchronized (this) {
            if (closeResult != null) {
                return closeResult;
            }
            long deadline = System.nanoTime() + timeout.toNanos();
            pool.beginClose();
            dispatcher.stopAccepting();
            // as before the lifecycle's own drain: leases back and every channel done, recoveries included
            while (System.nanoTime() < deadline && !idle()) {
                sleepMillis(2);
            }
            boolean idle = idle();
            boolean drained = dispatcher.close(Duration.ofNanos(Math.max(0L, deadline - System.nanoTime())),
                    new TaskLifecycle.Shutdown() {
                        @Override
                        public void beforeCutShort() {
                            // stopping first: a channel that takes a call now aborts it before publishing
                            pool.stop();
                        }

                        @Override
                        public void stopWorkers(long deadlineNanos) {
                            pool.stop();
                            dispatcher.failQueued();
                            dispatcher.stopDrivers();
                            pool.closeWorkersAndRegion();
                        }
                    });
            closeResult = idle && drained;
            return closeResult;
        }
    }

    private boolean idle() {
        return leases.leasesOut() == 0 && leases.counters().inFlight() == 0 && dispatcher.idle();
    }

    private static void sleepMillis(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
