package org.offloadbench.threads;

import java.util.List;
import java.util.concurrent.LinkedBlockingQueue;

import org.offloadbench.core.offload.OffloaderConfig;
import org.offloadbench.core.workload.WorkloadCatalogue;
import org.offloadbench.threads.support.DedicatedWorkers;
import org.offloadbench.core.offload.support.TaskHandle;
import org.offloadbench.threads.support.ThreadModelSettings;
import org.offloadbench.threads.support.ThreadOffloader;

/**
 * {@value #NAME}: a fixed pool of platform threads taking tasks from one shared FIFO queue, bounded at
 * {@code queueCapacity} waiting tasks. The textbook JVM answer (what {@code Executors.newFixedThreadPool}
 * gives, plus a bounded queue and per-task timeouts) and the closest analog of a piscina pool in Node.
 *
 * <p><b>Timeouts and the trade-off they carry.</b> A task's timeout counts from the moment a thread starts
 * it. On timeout (or cancel) the thread is interrupted; a blocking task that honours interrupts returns at
 * once. A CPU-bound task that never checks for interrupts cannot be stopped inside a JVM ({@code Thread.stop}
 * is gone), so after a grace period ({@code abandonGraceMillis}, default 200 ms) the pool abandons that thread,
 * starts a replacement, and counts it in {@code stats().abandoned()} and {@code respawned()}. The abandoned
 * thread keeps burning its core and holding what it references until the task ends on its own: the pool stays
 * responsive, but the machine does not get that core back. Only an out-of-process model can really kill
 * such a task.
 *
 * <p>Options: {@code abandonGraceMillis}.
 */
public final class PlatformPoolOffloader extends ThreadOffloader {
    public static final String NAME = "threads/platform-pool";

    private final LinkedBlockingQueue<TaskHandle> queue = new LinkedBlockingQueue<>();
    private final DedicatedWorkers workers;

    public PlatformPoolOffloader(OffloaderConfig config) {
        this(config, WorkloadCatalogue.load());
    }

    public PlatformPoolOffloader(OffloaderConfig config, WorkloadCatalogue catalogue) {
        super(ThreadModelSettings.from(NAME, config, List.of()), catalogue);
        workers = new DedicatedWorkers(NAME, config.workers(), slot -> queue); // every slot serves one queue
        workers.start();
    }

    @Override
    protected void dispatch(TaskHandle handle) {
        queue.add(handle);
    }

    @Override
    protected int workerCount() {
        return workers.serving();
    }

    @Override
    protected void onRunnerAbandoned(Thread stuck, boolean closing) {
        if (workers.replace(stuck)) {
            counters().respawned();
        }
    }

    @Override
    protected void stopWorkers(long deadlineNanos) throws InterruptedException {
        workers.stop(deadlineNanos, settings().nanoTime());
    }
}
