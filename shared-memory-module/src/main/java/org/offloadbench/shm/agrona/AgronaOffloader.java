package org.offloadbench.shm.agrona;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.offloadbench.core.offload.FailureKind;
import org.offloadbench.core.offload.OffloadException;
import org.offloadbench.core.offload.Offloader;
import org.offloadbench.core.offload.OffloaderStats;
import org.offloadbench.core.offload.Task;
import org.offloadbench.core.offload.TaskResult;
import org.offloadbench.core.offload.support.LifecycleSettings;
import org.offloadbench.core.offload.support.TaskCounters;
import org.offloadbench.core.offload.support.TaskHandle;
import org.offloadbench.core.offload.support.TaskLifecycle;
import org.offloadbench.core.offload.transport.RecoveryPolicy;
import org.offloadbench.core.worker.ChildJvmLauncher;
import org.offloadbench.shm.region.RegionFiles;

/**
 * {@code shm/agrona}: child JVMs, each served through its own pair of Agrona {@code OneToOneRingBuffer}s
 * on a memory-mapped file (see {@link RingFile}). Core's {@link TaskLifecycle} admits, counts, cancels and
 * drains the tasks; this class is its model: a {@link TaskQueue} feeds one {@link RingDriver} per child, and
 * the drivers do the round trips, the timeouts (from the moment the child marks a task running) and the
 * recovery, deciding with a core {@link RecoveryPolicy} (retry once, give up after repeated start failures)
 * and {@link AgronaSettings#respawnDelayNanos} (respawn with backoff).
 */
public final class AgronaOffloader implements Offloader, TaskLifecycle.Model {

    private final String name;
    private final AgronaSettings settings;
    private final ChildJvmLauncher launcher;
    private final Path folder;
    private final TaskQueue queue = new TaskQueue();
    private final TaskLifecycle lifecycle;
    private final RecoveryPolicy recovery;
    private final List<RingDriver> drivers = new ArrayList<>();
    private final AtomicLong taskIds = new AtomicLong();
    private final AtomicInteger startFailures = new AtomicInteger();
    private final CountDownLatch firstStarts;
    private final AtomicReference<Exception> firstStartFailure = new AtomicReference<>();
    private final int maxPayloadBytes;
    private volatile boolean gaveUp;
    private Boolean closeResult; // guarded by this: a second close repeats the first answer

    private AgronaOffloader(String name, AgronaSettings settings, ChildJvmLauncher launcher, Path folder) {
        this.name = name;
        this.settings = settings;
        this.launcher = launcher;
        this.folder = folder;
        // the lifecycle copies a COPY input once the task has a place; the driver times tasks itself
        long spinNanos = settings.waitStrategy().callerSpinNanos();
        this.lifecycle = new TaskLifecycle(LifecycleSettings.of(name, settings.workers() + settings.queueCapacity())
                .withTimesTasks(false).withFutures(() -> new SpinningFuture<>(spinNanos)), this);
        this.recovery = settings.recovery();
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
        String problem = badRequest(task.workloadId().getBytes(StandardCharsets.UTF_8), task.input().length);
        if (problem != null) {
            return lifecycle.failAtSubmit(OffloadException.badRequest(name + ": " + problem));
        }
        return lifecycle.submit(task, null);
    }

    @Override
    public void dispatch(TaskHandle handle) {
        RingTask task = new RingTask(handle);
        handle.attach(task);
        queue.offer(task);
    }

    /** A task cancelled (or cut short by close) leaves the queue; a running one is stopped by its driver. */
    @Override
    public void stopped(TaskHandle handle, TaskHandle.State from) {
        if (handle.attachment() instanceof RingTask task) {
            queue.remove(task);
        }
    }

    @Override
    public String queueFullMessage() {
        return "shm/agrona: the queue is full (" + settings.queueCapacity() + " tasks waiting beyond those running); "
                + "raise the queue capacity or submit more slowly";
    }

    private String badRequest(byte[] workloadId, int inputBytes) {
        if (workloadId.length == 0 || workloadId.length > RingMessages.MAX_WORKLOAD_ID_BYTES) {
            return "a workload id must be 1.." + RingMessages.MAX_WORKLOAD_ID_BYTES + " bytes of UTF-8, was "
                    + workloadId.length;
        }
        int room = maxPayloadBytes - workloadId.length;
        if (inputBytes > room) {
            return "an input of " + inputBytes + " bytes does not fit one ring message: Agrona's maxMsgLength is "
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
        return lifecycle.stats(live);
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
        return lifecycle.counters().retries();
    }

    /** The private folder holding the ring files. */
    public Path folder() {
        return folder;
    }

    /**
     * Refuses new work, lets queued and running tasks finish until the timeout (core's drain), fails the rest
     * CLOSED, ends every child and removes the folder.
     */
    @Override
    public synchronized boolean close(Duration timeout) {
        if (closeResult != null) {
            return closeResult;
        }
        boolean[] stopped = {true};
        boolean drained = lifecycle.close(timeout, new TaskLifecycle.Shutdown() {
            @Override
            public void beforeCutShort() {
                // the drivers first: a running task fails CLOSED and its child is stopped, none is respawned
                drivers.forEach(RingDriver::stop);
            }

            @Override
            public void stopWorkers(long deadlineNanos) {
                queue.shut(FailureKind.CLOSED, name + " was closed before the task ran", true);
                drivers.forEach(RingDriver::stop);
                stopped[0] = joinDrivers();
                try {
                    RegionFiles.deleteFolder(folder);
                    RegionFiles.released(folder);
                } catch (IOException e) {
                    System.err.println(name + ": could not remove ring folder " + folder + ": " + e);
                    stopped[0] = false;
                }
            }
        });
        closeResult = drained && stopped[0];
        return closeResult;
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

    TaskCounters counters() {
        return lifecycle.counters();
    }

    RecoveryPolicy recovery() {
        return recovery;
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

    void childStarted(boolean replacement) {
        startFailures.set(0);
        if (replacement) {
            lifecycle.counters().respawned();
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
        if (recovery.givesUp(failures) && !gaveUp) {
            gaveUp = true;
            queue.shut(FailureKind.WORKER_CRASHED, name + " stopped respawning after " + failures
                    + " consecutive child start failures; the last: " + e.getMessage(), true);
        }
    }
}
