package org.offloadbench.threads;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import org.offloadbench.core.offload.OffloaderConfig;
import org.offloadbench.core.workload.WorkloadCatalogue;
import org.offloadbench.core.offload.support.TaskHandle;
import org.offloadbench.threads.support.ThreadModelSettings;
import org.offloadbench.threads.support.ThreadOffloader;

/**
 * {@value #NAME}: the seed article's own pattern, a new platform thread for every task ({@code new Worker(...)}
 * per request in Node), measured so the advice "use a pool for repeated tasks" has a figure beside it. Each
 * task pays a thread's creation, start and teardown (a stack mapped and unmapped, a kernel task created and
 * reaped) on top of the hand-off a pool pays.
 *
 * <p>At most {@code workers} tasks run at once, as in every model, so saturated figures compare like for like.
 * Tasks beyond that wait as handles in a queue, not as threads: a thread is created only when a task can
 * start, and the thread that finishes a task starts the next task's new thread. (Unbounded spawning would
 * measure the scheduler under thousands of runnable threads instead of the cost of a spawn.)
 *
 * <p>Timeouts, cancel and abandonment behave as in {@link PlatformPoolOffloader}: a task that ignores its
 * interrupt past {@code abandonGraceMillis} is abandoned, its permit goes to the next task.
 *
 * <p>Options: {@code abandonGraceMillis}.
 */
public final class SpawnPerTaskOffloader extends ThreadOffloader {
    public static final String NAME = "threads/spawn-per-task";

    private final ConcurrentLinkedQueue<TaskHandle> pending = new ConcurrentLinkedQueue<>();
    private final Semaphore permits;
    private final Set<Thread> live = ConcurrentHashMap.newKeySet();
    private final Set<Thread> abandoned = ConcurrentHashMap.newKeySet();
    private final AtomicLong spawned = new AtomicLong();

    public SpawnPerTaskOffloader(OffloaderConfig config) {
        this(config, WorkloadCatalogue.load());
    }

    public SpawnPerTaskOffloader(OffloaderConfig config, WorkloadCatalogue catalogue) {
        super(ThreadModelSettings.from(NAME, config, Set.of()), catalogue);
        permits = new Semaphore(config.workers());
    }

    @Override
    protected void dispatch(TaskHandle handle) {
        pending.add(handle);
        startWhilePermitted();
    }

    /**
     * Starts a new thread for each pending task while a permit is free. Re-checks the queue after giving a
     * permit back, so a task queued between the poll and the release is never left waiting.
     */
    private void startWhilePermitted() {
        while (!pending.isEmpty() && permits.tryAcquire()) {
            TaskHandle next = pending.poll();
            if (next == null) {
                permits.release();
                continue;
            }
            if (next.isDone()) {
                permits.release(); // cancelled or closed while it waited: no thread for it
                continue;
            }
            Thread thread = new Thread(() -> runTask(next), NAME + "-task-" + spawned.incrementAndGet());
            thread.setDaemon(true);
            live.add(thread);
            try {
                thread.start();
            } catch (OutOfMemoryError | RuntimeException e) {
                live.remove(thread);
                permits.release();
                throw e; // ThreadOffloader.submit fails this task with WORKER_CRASHED
            }
        }
    }

    private void runTask(TaskHandle handle) {
        Thread self = Thread.currentThread();
        boolean wasAbandoned = false;
        try {
            wasAbandoned = handle.runHere(self.getName());
        } finally {
            live.remove(self);
            abandoned.remove(self);
            if (!wasAbandoned) {
                permits.release(); // an abandoned task's permit was handed on already
            }
            startWhilePermitted(); // close drains the queue too; a task it already failed is skipped
        }
    }

    @Override
    protected int workerCount() {
        return Math.max(0, live.size() - abandoned.size());
    }

    @Override
    protected void onRunnerAbandoned(Thread stuck, boolean closing) {
        if (live.contains(stuck)) {
            abandoned.add(stuck);
        }
        permits.release();
        startWhilePermitted();
    }

    @Override
    protected void stopWorkers(long deadlineNanos) throws InterruptedException {
        for (Thread t : live) {
            t.interrupt();
        }
        for (Thread t : live) {
            if (abandoned.contains(t)) {
                continue; // stuck in a task that ignores interrupts; counted, and not worth waiting for
            }
            long left = deadlineNanos - settings().nanoTime().getAsLong();
            if (left > 0) {
                TimeUnit.NANOSECONDS.timedJoin(t, left);
            }
        }
    }
}
