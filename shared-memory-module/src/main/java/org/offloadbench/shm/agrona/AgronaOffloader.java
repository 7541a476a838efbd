package org.offloadbench.shm.agrona;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.offloadbench.core.offload.FailureKind;
import org.offloadbench.core.offload.OffloadException;
import org.offloadbench.core.offload.Offloader;
import org.offloadbench.core.offload.OffloaderStats;
import org.offloadbench.core.offload.Task;
import org.offloadbench.core.offload.TaskResult;
import org.offloadbench.core.worker.ChildJvmLauncher;
import org.offloadbench.shm.region.RegionFiles;

/**
 * {@code shm/agrona}: child JVMs, each served through its own pair of Agrona {@code OneToOneRingBuffer}s
 * on a memory-mapped file (see {@link RingFile}). A bounded {@link TaskQueue} feeds one {@link RingDriver}
 * per child; the drivers do the round trips, the recovery (retry once, respawn with backoff, give up after
 * repeated start failures) and the timeouts. This class admits tasks, counts them and closes.
 */
public final class AgronaOffloader implements Offloader {

    private final String name;
    private final AgronaSettings settings;
    private final ChildJvmLauncher launcher;
    private final Path folder;
    private final TaskQueue queue;
    private final org.offloadbench.shm.Counters counters = new org.offloadbench.shm.Counters();
    private final List<RingDriver> drivers = new ArrayList<>();
    private final AtomicLong taskIds = new AtomicLong();
    private final AtomicInteger startFailures = new AtomicInteger();
    private final CountDownLatch firstStarts;
    private final AtomicReference<Exception> firstStartFailure = new AtomicReference<>();
    private final Object drain = new Object();
    private final Object closeLock = new Object();
    private final int maxPayloadBytes;
    private volatile boolean closing;
    private volatile boolean gaveUp;
    private Boolean closedClean; // guarded by closeLock

    private AgronaOffloader(String name, AgronaSettings settings, ChildJvmLauncher launcher, Path folder) {
        this.name = name;
        this.settings = settings;
        this.launcher = launcher;
        this.folder = folder;
        this.queue = new TaskQueue(settings.queueCapacity());
        this.firstStarts = new CountDownLatch(settings.workers());
        // Agrona's own limit: an eighth of the ring; the request header and the workload id come off it
        this.maxPayloadBytes = settings.ringBytes() / 8 - RingMessages.REQUEST_HEADER_BYTES;
    }

    /**
     * Removes ring folders of dead owners, makes this one's private folder and starts every child.
     *
     * @throws OffloadException UNAVAILABLE, quoting the child's stderr, when a child does not come up
     */
    public static AgronaOffloader start(String name, AgronaSettings settings, ChildJvmLauncher launcher) {
        Path folder;
        try {
            RegionFiles.cleanStale(settings.dir());
            folder = RegionFiles.createFolder(settings.dir());
        } catch (IOException | RuntimeException e) {
            throw new OffloadException(FailureKind.UNAVAILABLE, name + ": cannot make a private ring folder under "
                    + settings.dir() + ": " + e.getMessage(), e);
        }
        AgronaOffloader offloader = new AgronaOffloader(name, settings, launcher, folder);
        for (int i = 0; i < settings.workers(); i++) {
            offloader.drivers.add(new RingDriver(i, offloader, settings));
        }
        offloader.drivers.forEach(RingDriver::start);
        try {
            offloader.firstStarts.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            offloader.close(Duration.ZERO);
            throw new OffloadException(FailureKind.UNAVAILABLE, name + ": interrupted while its children started", e);
        }
        Exception failed = offloader.firstStartFailure.get();
        if (failed != null) {
            offloader.close(Duration.ZERO);
            throw new OffloadException(FailureKind.UNAVAILABLE, name + ": a child JVM did not start: "
                    + failed.getMessage(), failed);
        }
        return offloader;
    }

    @Override
    public String name() {
        return name;
    }

    /** The largest input one task may carry with these settings. */
    public int maxPayloadBytes() {
        return maxPayloadBytes;
    }

    @Override
    public CompletableFuture<TaskResult> submit(Task task) {
        RingTask t = new RingTask(task, System.nanoTime(), settings.waitStrategy().callerSpinNanos());
        t.future.whenComplete(counters::ended);
        t.future.whenComplete((r, e) -> {
            if (t.future.isCancelled()) {
                queue.remove(t);
            }
        });
        String problem = badRequest(t);
        if (problem != null) {
            t.fail(OffloadException.badRequest(name + ": " + problem));
        } else {
            queue.offer(t);
        }
        return t.future;
    }

    private String badRequest(RingTask t) {
        if (t.workloadId.length == 0 || t.workloadId.length > RingMessages.MAX_WORKLOAD_ID_BYTES) {
            return "a workload id must be 1.." + RingMessages.MAX_WORKLOAD_ID_BYTES + " bytes of UTF-8, was "
                    + t.workloadId.length;
        }
        int room = maxPayloadBytes - t.workloadId.length;
        if (t.input.length > room) {
            return "an input of " + t.input.length + " bytes does not fit one ring message: Agrona's maxMsgLength is "
                    + settings.ringBytes() / 8 + " bytes (an eighth of ringBytes=" + settings.ringBytes() + "), which "
                    + "leaves " + room + " bytes for the input; raise the option " + AgronaSettings.RING_BYTES
                    + " (a power of two up to " + AgronaSettings.MAX_RING_BYTES + ")";
        }
        return null;
    }

    @Override
    public OffloaderStats stats() {
        int live = 0;
        for (RingDriver d : drivers) {
            live += d.pid() > 0 ? 1 : 0;
        }
        return counters.snapshot(live, queue.size());
    }

    @Override
    public List<Long> workerPids() {
        List<Long> pids = new ArrayList<>();
        for (RingDriver d : drivers) {
            long pid = d.pid();
            if (pid > 0) {
                pids.add(pid);
            }
        }
        return List.copyOf(pids);
    }

    /** Pids of the children that have started the task they run now (for tests and the resilience probe). */
    public List<Long> runningPids() {
        List<Long> pids = new ArrayList<>();
        for (RingDriver d : drivers) {
            long pid = d.runningOn();
            if (pid > 0) {
                pids.add(pid);
            }
        }
        return List.copyOf(pids);
    }

    /** Tasks retried on another child after their child died. */
    public long retried() {
        return counters.retriedCount();
    }

    /** The private folder holding the ring files. */
    public Path folder() {
        return folder;
    }

    @Override
    public boolean close(Duration timeout) {
        synchronized (closeLock) {
            if (closedClean != null) {
                return closedClean;
            }
            closing = true;
            queue.shut(FailureKind.CLOSED, name + " is closed", false);
            boolean drained = awaitDrained(System.nanoTime() + timeout.toNanos());
            queue.shut(FailureKind.CLOSED, name + " was closed before the task ran", true);
            drivers.forEach(RingDriver::stop);
            boolean stopped = joinDrivers();
            try {
                RegionFiles.deleteFolder(folder);
                RegionFiles.released(folder);
            } catch (IOException e) {
                System.err.println(name + ": could not remove ring folder " + folder + ": " + e);
                stopped = false;
            }
            closedClean = drained && stopped;
            return closedClean;
        }
    }

    /** Waits until nothing is queued or running, or the deadline passes. */
    private boolean awaitDrained(long deadlineNanos) {
        synchronized (drain) {
            while (!queue.drained()) {
                long left = deadlineNanos - System.nanoTime();
                if (left <= 0) {
                    return false;
                }
                try {
                    // drivers notify at every task's end; the slice catches a queue emptied by cancels
                    drain.wait(Math.max(1L, Math.min(TimeUnit.NANOSECONDS.toMillis(left), 10L)));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return false;
                }
            }
            return true;
        }
    }

    private boolean joinDrivers() {
        boolean all = true;
        for (RingDriver d : drivers) {
            try {
                all &= d.join(Duration.ofSeconds(40));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                all = false;
            }
        }
        return all;
    }

    // ---------------------------------------------------------------------------------------------------
    // for the drivers

    TaskQueue queue() {
        return queue;
    }

    org.offloadbench.shm.Counters counters() {
        return counters;
    }

    ChildJvmLauncher launcher() {
        return launcher;
    }

    Path folder0() {
        return folder;
    }

    long nextTaskId() {
        return taskIds.incrementAndGet();
    }

    int startFailures() {
        return startFailures.get();
    }

    boolean gaveUp() {
        return gaveUp;
    }

    void taskLeft() {
        if (closing) {
            synchronized (drain) {
                drain.notifyAll();
            }
        }
    }

    void childStarted(boolean replacement) {
        startFailures.set(0);
        if (replacement) {
            counters.respawned();
        } else {
            firstStarts.countDown();
        }
    }

    void childStartFailed(int driver, boolean replacement, Exception e) {
        int failures = startFailures.incrementAndGet();
        if (!replacement) {
            // create() gives up at once and says why: a model that cannot start a child is unavailable
            firstStartFailure.compareAndSet(null, e);
            firstStarts.countDown();
            return;
        }
        System.err.println(name + ": driver " + driver + " could not start a replacement child (" + failures
                + " in a row): " + e.getMessage());
        if (failures >= settings.maxStartFailures() && !gaveUp) {
            gaveUp = true;
            queue.shut(FailureKind.WORKER_CRASHED, name + " stopped respawning after " + failures
                    + " consecutive child start failures; the last: " + e.getMessage(), true);
        }
    }
}
