package org.offloadbench.threads;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.ForkJoinTask;
import java.util.concurrent.ForkJoinWorkerThread;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.offloadbench.core.offload.OffloaderConfig;
import org.offloadbench.core.workload.WorkloadCatalogue;
import org.offloadbench.core.offload.support.TaskHandle;
import org.offloadbench.threads.support.ThreadModelSettings;
import org.offloadbench.threads.support.ThreadOffloader;

/**
 * {@value #NAME}: a work-stealing {@link ForkJoinPool} of its own (never the common pool, which the caller's
 * parallel streams and CompletableFutures share), with {@code workers} as its parallelism. A ForkJoinPool
 * has no bounded queue, so the queue bound is the shared admission counter. Tasks are submitted in async
 * (FIFO) mode, the mode meant for event-style tasks that are never joined.
 *
 * <p><b>Timeouts and the trade-off they carry.</b> Counted from the start of execution; the worker is
 * interrupted. A ForkJoinPool cannot replace one of its own threads, so when a task ignores the interrupt past
 * {@code abandonGraceMillis} the whole pool generation is retired: a fresh pool takes over, the tasks still
 * queued in the old one move to it, and the old pool is shut down (its other threads finish what they hold and
 * exit). The stuck thread is counted in {@code stats().abandoned()}, the new pool in {@code respawned()}. The
 * stuck thread keeps its core busy until its task ends by itself: a JVM cannot kill a thread.
 *
 * <p>Options: {@code abandonGraceMillis}.
 */
public final class ForkJoinOffloader extends ThreadOffloader {
    public static final String NAME = "threads/fork-join";

    private final AtomicInteger generation = new AtomicInteger();
    private final List<OwnPool> retired = new CopyOnWriteArrayList<>();
    private final Object generationLock = new Object();
    private volatile OwnPool pool;

    public ForkJoinOffloader(OffloaderConfig config) {
        this(config, WorkloadCatalogue.load());
    }

    public ForkJoinOffloader(OffloaderConfig config, WorkloadCatalogue catalogue) {
        super(ThreadModelSettings.from(NAME, config, List.of()), catalogue);
        pool = newPool();
    }

    @Override
    protected void dispatch(TaskHandle handle) {
        ForkJoinTask<?> task = ForkJoinTask.adapt(() -> {
            handle.runHere(Thread.currentThread().getName());
        });
        while (true) {
            OwnPool target = pool;
            try {
                target.execute(task);
                return;
            } catch (RejectedExecutionException e) {
                if (target == pool) {
                    throw e; // not a generation swap: the offloader is shutting down
                }
            }
        }
    }

    @Override
    protected int workerCount() {
        OwnPool current = pool;
        return current.isShutdown() ? 0 : current.getPoolSize();
    }

    @Override
    protected void onRunnerAbandoned(Thread stuck, boolean closing) {
        synchronized (generationLock) {
            OwnPool old = pool;
            if (closing || !(stuck instanceof ForkJoinWorkerThread w) || w.getPool() != old) {
                return; // a retired generation's thread, or close is stopping everything anyway
            }
            OwnPool fresh = newPool();
            pool = fresh;
            retired.add(old);
            List<ForkJoinTask<?>> waiting = new ArrayList<>();
            old.drainQueued(waiting);
            for (ForkJoinTask<?> task : waiting) {
                fresh.execute(task);
            }
            old.shutdown();
            counters().respawned();
        }
    }

    @Override
    protected void stopWorkers(long deadlineNanos) throws InterruptedException {
        OwnPool current;
        synchronized (generationLock) {
            current = pool;
        }
        // retired generations hold an abandoned thread each (already counted): interrupt the rest, don't wait
        for (OwnPool old : retired) {
            old.shutdownNow();
        }
        current.shutdownNow();
        long left = deadlineNanos - settings().nanoTime().getAsLong();
        if (left > 0) {
            current.awaitTermination(left, TimeUnit.NANOSECONDS);
        }
    }

    private OwnPool newPool() {
        int gen = generation.getAndIncrement();
        AtomicInteger threadNumber = new AtomicInteger();
        String prefix = NAME + "-worker-" + (gen == 0 ? "" : gen + ".");
        OwnPool created = new OwnPool(settings().workers(), p -> {
            ForkJoinWorkerThread t = new ForkJoinWorkerThread(p) {
            };
            t.setName(prefix + threadNumber.incrementAndGet());
            return t;
        });
        prestart(created);
        return created;
    }

    // a pool is warmed up front (the OffloaderProvider contract): park one task per worker until all have
    // started, which makes the pool create every thread now instead of on the first measured tasks
    private void prestart(OwnPool p) {
        int n = settings().workers();
        CountDownLatch allStarted = new CountDownLatch(n);
        for (int i = 0; i < n; i++) {
            p.execute(() -> {
                allStarted.countDown();
                try {
                    allStarted.await(5, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt(); // shutdownNow during warm-up: let the thread exit
                }
            });
        }
        try {
            allStarted.await(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Exposes the protected drain so a retired generation's queued tasks can move to the new one. */
    private static final class OwnPool extends ForkJoinPool {
        OwnPool(int parallelism, ForkJoinWorkerThreadFactory factory) {
            super(parallelism, factory, null, true);
        }

        void drainQueued(List<ForkJoinTask<?>> into) {
            drainTasksTo(into);
        }
    }
}
