package org.offloadbench.threads;

import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;

import org.offloadbench.core.offload.FailureKind;
import org.offloadbench.core.offload.OffloadException;
import org.offloadbench.core.offload.OffloaderConfig;
import org.offloadbench.core.workload.WorkloadCatalogue;
import org.offloadbench.core.offload.support.TaskHandle;
import org.offloadbench.threads.support.ThreadModelSettings;
import org.offloadbench.threads.support.ThreadOffloader;

/**
 * {@value #NAME}: one new virtual thread per task (JDK 21+; on older JDKs the provider reports the model
 * unavailable with the reason). {@code workers} caps how many tasks run at once with a fair semaphore: a
 * virtual thread waiting for a permit is the queue, and it costs a few hundred bytes rather than a stack.
 * Virtual threads do not add CPU: CPU-bound tasks still share the JDK's carrier threads (one per core by
 * default), so this model measures the cost of creating and scheduling a thread per task.
 *
 * <p><b>Timeouts and the trade-off they carry.</b> Counted from the start of execution (once the task holds a
 * permit); the virtual thread is interrupted. A task that ignores the interrupt past {@code abandonGraceMillis}
 * is abandoned: its permit goes to the next task and it is counted in {@code stats().abandoned()}. If the stuck
 * task is CPU-bound it keeps one carrier thread pinned until it ends, which takes a core away from every virtual
 * thread in the JVM; a JVM cannot kill a thread.
 *
 * <p>Options: {@code abandonGraceMillis}.
 */
public final class VirtualThreadOffloader extends ThreadOffloader {
    public static final String NAME = "threads/virtual";

    private final ThreadFactory factory;
    private final Semaphore permits;
    private final Set<Thread> live = ConcurrentHashMap.newKeySet();
    private final Set<Thread> abandoned = ConcurrentHashMap.newKeySet();

    /**
     * @throws OffloadException UNAVAILABLE on a JDK without virtual threads
     */
    public VirtualThreadOffloader(OffloaderConfig config) {
        this(config, WorkloadCatalogue.load());
    }

    public VirtualThreadOffloader(OffloaderConfig config, WorkloadCatalogue catalogue) {
        super(ThreadModelSettings.from(NAME, config, List.of()), catalogue);
        if (!VirtualThreads.availability().available()) {
            throw new OffloadException(FailureKind.UNAVAILABLE,
                    VirtualThreads.availability().reason());
        }
        factory = VirtualThreads.factory(NAME + "-task-");
        permits = new Semaphore(config.workers(), true);
    }

    @Override
    protected void dispatch(TaskHandle handle) {
        Thread thread = factory.newThread(() -> runTask(handle));
        live.add(thread);
        thread.start();
    }

    private void runTask(TaskHandle handle) {
        Thread self = Thread.currentThread();
        try {
            handle.setWaiter(self);
            if (handle.isDone()) {
                return; // cancelled or closed before this thread got going
            }
            try {
                permits.acquire();
            } catch (InterruptedException e) {
                // ending the task while it waits interrupts us (see TaskHandle); close may too
                if (!handle.isDone()) {
                    throw new IllegalStateException("interrupted while waiting for a permit, task still live", e);
                }
                return;
            }
            boolean wasAbandoned = false;
            try {
                wasAbandoned = handle.runHere(self.getName());
            } finally {
                if (!wasAbandoned) {
                    permits.release(); // an abandoned task's permit was handed on already
                }
            }
        } finally {
            live.remove(self);
            abandoned.remove(self);
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
