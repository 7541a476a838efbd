package org.offloadbench.shm;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.LinkedBlockingDeque;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import org.offloadbench.core.offload.FailureKind;
import org.offloadbench.core.offload.OffloadException;
import org.offloadbench.core.offload.Offloader;
import org.offloadbench.core.offload.OffloaderStats;
import org.offloadbench.core.offload.Task;
import org.offloadbench.core.offload.TaskResult;
import org.offloadbench.core.offload.ZeroCopyLease;
import org.offloadbench.core.worker.ChildJvmLauncher;
import org.offloadbench.core.workload.WorkloadCatalogue;
import org.offloadbench.shm.region.RegionLayout;
import org.offloadbench.shm.region.ShmRegion;
import org.offloadbench.shm.slot.Slot;
import org.offloadbench.shm.worker.ChildWorker;
import org.offloadbench.shm.worker.ShmWorker;
import org.offloadbench.shm.worker.ThreadWorker;

/**
 * The shared-memory models. A region with one slot per worker; each worker (a thread of this JVM, or a
 * child JVM attached to the region) serves its slot; one driver thread per slot runs tasks, waits with the
 * configured {@link org.offloadbench.shm.slot.WaitStrategy}, and copies the output out. When a driver is
 * idle, {@code submit} reserves its channel and writes the input into the slot from the caller's thread
 * (one copy, see {@link DriverInbox}); otherwise the task waits in a bounded queue with a private copy of
 * its input, and the driver that takes it copies it in. {@link #leaseSlot} hands a slot to the caller
 * instead, who writes the input in place and reads the output in place (zero-copy), waiting in its own
 * thread.
 *
 * <p>Failures: a task's timeout runs from when its slot is first seen claimed; a child past it, or running a
 * cancelled task, is killed and replaced and its slot reclaimed; a worker thread that ignores interruption
 * is abandoned with its slot and a spare slot takes over. A child that dies while running a task has the
 * task retried once on a fresh child; a second death fails it as WORKER_CRASHED.
 */
public class ShmOffloader implements Offloader {

    /** How long an idle driver sleeps at most before it looks at {@code stopping} again. */
    private static final long LOOK_NANOS = TimeUnit.MILLISECONDS.toNanos(100);

    /** How the workers run. */
    public enum Workers {
        /** Worker threads of this JVM sharing the region ({@code shm/in-process}). */
        THREADS,
        /** Child JVMs attached to the region ({@code shm/copy}, {@code shm/zero-copy}). */
        CHILD_JVMS
    }

    private final String name;
    private final ShmSettings settings;
    private final Workers workersKind;
    private final WorkloadCatalogue catalogue;
    private final ChildJvmLauncher launcher = new ChildJvmLauncher();
    private final ShmRegion region;
    private final List<Channel> channels = new ArrayList<>();
    private final List<Thread> drivers = new ArrayList<>();
    private final Queue<Slot> spareSlots = new ConcurrentLinkedQueue<>();
    private final Set<ThreadWorker> abandoned = ConcurrentHashMap.newKeySet();
    private final LinkedBlockingDeque<Job> queue = new LinkedBlockingDeque<>();
    private final Object admission = new Object();
    /** Channels whose driver is idle ({@link DriverInbox#IDLE}): jobs the admission lets in beyond the queue. */
    private final AtomicInteger idleDrivers = new AtomicInteger();
    private final AtomicInteger leasesOut = new AtomicInteger();
    private final AtomicInteger threadSerial = new AtomicInteger();
    private final Counters counters = new Counters();
    private final Watchdog watchdog;
    private volatile boolean closing;
    private volatile boolean stopping;
    private Boolean closeResult;

    /**
     * Creates the region, starts every worker (ready when this returns) and the drivers.
     *
     * @throws OffloadException UNAVAILABLE when the region or a worker cannot be created
     */
    public ShmOffloader(String name, ShmSettings settings, Workers workersKind) {
        this.name = name;
        this.settings = settings;
        this.workersKind = workersKind;
        this.catalogue = WorkloadCatalogue.load();
        // in-process workers can be abandoned holding their slot, so keep spares for their replacements
        int spares = workersKind == Workers.THREADS ? settings.workers() + 2 : 0;
        int slotCount = Math.min(RegionLayout.MAX_SLOTS, settings.workers() + spares);
        if (settings.workers() > RegionLayout.MAX_SLOTS) {
            throw new IllegalArgumentException(name + ": at most " + RegionLayout.MAX_SLOTS + " workers, was "
                    + settings.workers());
        }
        try {
            this.region = ShmRegion.create(settings.dir(), new RegionLayout(slotCount, settings.slotBytes()));
        } catch (IOException e) {
            throw new OffloadException(FailureKind.UNAVAILABLE, name + ": cannot create the shared-memory region in "
                    + settings.dir() + ": " + e.getMessage(), e);
        }
        for (int i = 0; i < settings.workers(); i++) {
            channels.add(new Channel(i, this, region.slot(i), settings.waitStrategy(), new DriverInbox(idleDrivers)));
        }
        for (int i = settings.workers(); i < slotCount; i++) {
            spareSlots.add(region.slot(i));
        }
        this.watchdog = new Watchdog(name + "-watchdog", List.copyOf(channels));
        try {
            // child JVMs start in parallel: startup to ready is one JVM start, not one per worker
            List<CompletableFuture<Void>> starts = new ArrayList<>();
            for (Channel channel : channels) {
                starts.add(CompletableFuture.runAsync(channel::ensureWorker, task -> {
                    Thread starter = new Thread(task, name + "-start-" + channel.index);
                    starter.setDaemon(true);
                    starter.start();
                }));
            }
            CompletableFuture.allOf(starts.toArray(CompletableFuture[]::new)).join();
        } catch (RuntimeException e) {
            stopping = true;
            channels.forEach(c -> c.closeWorker(Duration.ZERO));
            closeRegion();
            Throwable cause = e instanceof java.util.concurrent.CompletionException && e.getCause() != null
                    ? e.getCause() : e;
            throw new OffloadException(FailureKind.UNAVAILABLE, name + ": workers did not start: " + cause.getMessage(),
                    cause);
        }
        watchdog.start();
        for (Channel channel : channels) {
            Thread driver = new Thread(() -> drive(channel), name + "-driver-" + channel.index);
            driver.setDaemon(true);
            drivers.add(driver);
            channel.inbox().bind(driver);
            driver.start();
        }
    }

    @Override
    public String name() {
        return name;
    }

    public ShmSettings settings() {
        return settings;
    }

    /** The region file (for tests and for the report's notes). */
    public ShmRegion region() {
        return region;
    }

    /** The largest input and output of one task: the slot size. */
    public int maxPayloadBytes() {
        return settings.slotBytes();
    }

    /**
     * Tasks whose input the submitting thread wrote straight into an idle channel's slot (one copy, no
     * private clone); the others waited in the queue with a private copy (COPY) or their own array (TRANSFER).
     */
    public long callerWrittenTasks() {
        return counters.callerWritesCount();
    }

    /** True when every channel's driver is idle, so the next submit takes the fast path (for tests). */
    boolean allDriversIdle() {
        for (Channel channel : channels) {
            if (channel.inbox().state() != DriverInbox.IDLE) {
                return false;
            }
        }
        return true;
    }

    /** Tasks re-run once after their worker died. */
    public long retried() {
        return counters.retriedCount();
    }

    // ------------------------------------------------------------------------------------------------
    // submit (copy path)

    @Override
    public CompletableFuture<TaskResult> submit(Task task) {
        long now = System.nanoTime();
        String refusal = refusal(task.workloadId(), task.input().length);
        if (refusal != null || closing) {
            Job job = track(Job.task(new Call(task.workloadId(), task.input(), task.input().length,
                    task.timeoutNanos()), now));
            job.future.completeExceptionally(refusal != null ? OffloadException.badRequest(refusal)
                    : OffloadException.closed(name + " is closed; task " + task.workloadId() + " was not run"));
            return job.future;
        }
        Job direct = submitToIdleChannel(task, now);
        if (direct != null) {
            return direct.future;
        }
        // no driver is idle: the slot is written only when a driver takes the task, and the caller may reuse
        // its array as soon as submit returns, so a COPY task needs a private copy now; a TRANSFER task's
        // array is ours and goes into the slot as it is
        byte[] input = task.handoff() == Task.Handoff.COPY ? task.input().clone() : task.input();
        Job job = track(Job.task(new Call(task.workloadId(), input, input.length, task.timeoutNanos()), now));
        synchronized (admission) {
            if (queue.size() >= settings.queueCapacity() + idleDrivers.get()) {
                job.future.completeExceptionally(OffloadException.rejected(name + ": the queue is full ("
                        + settings.queueCapacity() + " tasks waiting beyond " + channels.size() + " running)"));
                return job.future;
            }
            queue.addLast(job);
        }
        afterQueued(job);
        return job.future;
    }

    /**
     * The fast path: when a channel's driver is idle, this caller reserves the channel (one CAS on its
     * {@link DriverInbox}), copies the input straight into the slot's request area, and posts the job to
     * that driver: one copy of the payload instead of two (no private clone), and no trip through the
     * shared queue. A channel whose worker is not ready, or that may change slots, gets the task through
     * the usual copy instead (still directly). Returns null when no driver is idle.
     */
    private Job submitToIdleChannel(Task task, long submitNanos) {
        if (!queue.isEmpty()) {
            return null; // queued tasks go first
        }
        for (Channel channel : channels) {
            DriverInbox inbox = channel.inbox();
            if (!inbox.tryReserve()) {
                continue;
            }
            // taken by a channel, as when a driver takes a job from the queue
            counters.inFlight.incrementAndGet();
            Job job;
            try {
                Call call;
                if (channel.acceptsCallerWrite()) {
                    channel.slot().requestArea().put(task.input());
                    counters.callerWrote();
                    call = new Call(task.workloadId(), null, task.input().length, task.timeoutNanos());
                } else {
                    byte[] input = task.handoff() == Task.Handoff.COPY ? task.input().clone() : task.input();
                    call = new Call(task.workloadId(), input, input.length, task.timeoutNanos());
                }
                job = Job.task(call, submitNanos);
                job.channel = channel;
                track(job);
            } catch (RuntimeException | Error e) {
                // the reserved driver waits for a post: give it a finished placeholder it will skip
                Job placeholder = Job.task(new Call(task.workloadId(), null, 0, 0L), submitNanos);
                placeholder.future.completeExceptionally(e);
                inbox.post(placeholder);
                throw e;
            }
            inbox.post(job);
            return job;
        }
        return null;
    }

    /** Counts the task when it ends, and takes it back (or stops it) when its future is cancelled. */
    private Job track(Job job) {
        job.future.whenComplete((r, e) -> {
            counters.ended(r, e);
            if (e instanceof CancellationException) {
                cancel(job);
            }
        });
        return job;
    }

    /**
     * After a job went into the shared queue: wakes an idle driver for it (the driver checks the queue after
     * declaring itself idle, so one of the two sees the other), and fails it if close drained the queue
     * before it arrived.
     */
    private void afterQueued(Job job) {
        for (Channel channel : channels) {
            if (channel.inbox().tryWake()) {
                break;
            }
        }
        if (stopping && queue.remove(job)) {
            OffloadException closed = OffloadException.closed(name + " closed before this "
                    + (job.isLease() ? "lease was granted" : "task ran"));
            if (job.isLease()) {
                job.lease.completeExceptionally(closed);
            } else {
                job.future.completeExceptionally(closed);
            }
        }
    }

    /** Why a request cannot run at all, or null. */
    String refusal(String workloadId, int inputBytes) {
        if (!catalogue.contains(workloadId)) {
            return "unknown workload '" + workloadId + "'; valid: " + String.join(", ", catalogue.ids());
        }
        if (workloadId.getBytes(StandardCharsets.UTF_8).length > Slot.MAX_WORKLOAD_ID_BYTES) {
            return "workload id '" + workloadId + "' is longer than " + Slot.MAX_WORKLOAD_ID_BYTES + " bytes";
        }
        if (inputBytes > settings.slotBytes()) {
            return "input of " + inputBytes + " bytes exceeds the slot size of " + settings.slotBytes() + " bytes of "
                    + name + " (raise the " + ShmSettings.SLOT_BYTES + " option, at most "
                    + RegionLayout.MAX_SLOT_BYTES + ")";
        }
        if (inputBytes < 0) {
            return "input of " + inputBytes + " bytes";
        }
        return null;
    }

    private void cancel(Job job) {
        if (queue.remove(job)) {
            return;
        }
        Channel channel = job.channel;
        if (channel != null) {
            channel.abort(job.call, FailureKind.CANCELLED);
        } else {
            job.call.abort(FailureKind.CANCELLED);
        }
    }

    private void drive(Channel channel) {
        DriverInbox inbox = channel.inbox();
        while (true) {
            Job job = inbox.await(() -> !queue.isEmpty(), () -> stopping, LOOK_NANOS);
            if (job == null) {
                if (inbox.stopped()) {
                    return;
                }
                job = stopping ? null : queue.pollFirst();
                if (job == null) {
                    continue;
                }
                if (!job.isLease()) {
                    counters.inFlight.incrementAndGet();
                }
            } // else posted by a submitter, who counted it in flight
            job.channel = channel;
            if (job.isLease()) {
                if (!job.isDone()) {
                    serveLease(channel, job);
                }
            } else {
                runTask(channel, job);
            }
        }
    }

    /**
     * Runs a task taken by this channel (counted in flight by whoever took it). It leaves the in-flight
     * count before its future completes, so a caller that has its result sees stats that agree.
     */
    private void runTask(Channel channel, Job job) {
        long startNanos = System.nanoTime();
        boolean counted = true;
        try {
            if (job.isDone() || job.call.aborted()) {
                return; // cancelled before it ran; the future is already complete
            }
            Channel.Response response = channel.execute(job.call);
            ByteBuffer view = response.output();
            byte[] output = new byte[view.remaining()];
            view.get(output);
            TaskResult result = new TaskResult(output, response.checksum(), startNanos - job.submitNanos,
                    response.runNanos(), response.workerId());
            counted = leaveInFlight(counted);
            channel.inbox().idleAhead();
            job.future.complete(result);
        } catch (OffloadException e) {
            counted = leaveInFlight(counted);
            channel.inbox().idleAhead();
            job.future.completeExceptionally(e);
        } catch (RuntimeException | Error e) {
            counted = leaveInFlight(counted);
            job.future.completeExceptionally(new OffloadException(FailureKind.WORKER_CRASHED, name + ": "
                    + job.call.workloadId + " failed in the transport: " + e, e));
            throw e;
        } finally {
            leaveInFlight(counted);
        }
    }

    private boolean leaveInFlight(boolean counted) {
        if (counted) {
            counters.inFlight.decrementAndGet();
        }
        return false;
    }

    // ------------------------------------------------------------------------------------------------
    // lease (zero-copy path)

    /** The zero-copy path; public through {@link ZeroCopyShmOffloader#lease}. */
    protected ZeroCopyLease leaseSlot(Duration wait) {
        if (closing) {
            throw OffloadException.closed(name + " is closed; no lease");
        }
        Job job = Job.lease(System.nanoTime());
        queue.addLast(job);
        afterQueued(job);
        try {
            return job.lease.get(wait.toNanos(), TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
            job.lease.completeExceptionally(OffloadException.rejected("no " + name + " worker was free within "
                    + wait.toMillis() + " ms"));
            queue.remove(job);
            // granted in the meantime: the driver sees the failed future and moves on
            throw OffloadException.rejected(name + ": no worker was free within " + wait.toMillis() + " ms");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            job.lease.cancel(false);
            queue.remove(job);
            throw OffloadException.cancelled("interrupted while waiting for a " + name + " lease");
        } catch (java.util.concurrent.ExecutionException e) {
            OffloadException oe = OffloadException.find(e);
            throw oe != null ? oe : new OffloadException(FailureKind.WORKER_CRASHED, name + ": lease failed: " + e, e);
        }
    }

    private void serveLease(Channel channel, Job job) {
        ShmLease lease = new ShmLease(this, channel);
        try {
            channel.ensureWorker();
        } catch (OffloadException e) {
            job.lease.completeExceptionally(e);
            return;
        }
        leasesOut.incrementAndGet();
        try {
            if (job.lease.complete(lease)) {
                lease.awaitReleased(() -> stopping);
            }
        } finally {
            lease.forceClose();
            leasesOut.decrementAndGet();
        }
    }

    /** One zero-copy call from a lease holder's thread, counted like a task. */
    ByteBuffer call(ShmLease lease, Channel channel, String workloadId, int inputBytes, long timeoutNanos) {
        CompletableFuture<TaskResult> accounting = new CompletableFuture<>();
        accounting.whenComplete(counters::ended);
        String refusal = refusal(workloadId, inputBytes);
        if (refusal != null) {
            OffloadException e = OffloadException.badRequest(refusal);
            accounting.completeExceptionally(e);
            throw e;
        }
        if (timeoutNanos < 0) {
            throw new IllegalArgumentException("timeoutNanos must be >= 0, was " + timeoutNanos);
        }
        counters.inFlight.incrementAndGet();
        try {
            Channel.Response response = channel.execute(new Call(workloadId, null, inputBytes, timeoutNanos));
            lease.lastChecksum = response.checksum();
            accounting.complete(null);
            return response.output();
        } catch (OffloadException e) {
            accounting.completeExceptionally(e);
            throw e;
        } finally {
            counters.inFlight.decrementAndGet();
        }
    }

    // ------------------------------------------------------------------------------------------------
    // workers

    ShmWorker startWorker(Channel channel, Slot slot) throws IOException {
        if (workersKind == Workers.THREADS) {
            return new ThreadWorker(name + "-worker-" + threadSerial.getAndIncrement(), slot, catalogue,
                    settings.waitStrategy());
        }
        ChildWorker worker = ChildWorker.start(launcher, region, slot, settings.waitStrategy(), settings.jvmOptions());
        worker.child().onExit().thenRun(() -> channel.workerDied(worker));
        return worker;
    }

    /** A worker thread that ignored interruption keeps its slot until it ends; then the slot is a spare. */
    void abandon(ThreadWorker worker) {
        counters.abandoned();
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

    Slot takeSpareSlot() {
        return spareSlots.poll();
    }

    Counters counters() {
        return counters;
    }

    Watchdog watchdog() {
        return watchdog;
    }

    boolean isStopping() {
        return stopping;
    }

    // ------------------------------------------------------------------------------------------------
    // stats and close

    /** The child workers' pids; empty for {@code shm/in-process}, whose workers are threads of this JVM. */
    @Override
    public List<Long> workerPids() {
        List<Long> pids = new ArrayList<>();
        for (Channel c : channels) {
            if (c.worker() instanceof org.offloadbench.shm.worker.ChildWorker child && child.isAlive()) {
                pids.add(child.pid());
            }
        }
        return pids;
    }

    @Override
    public OffloaderStats stats() {
        int live = 0;
        for (Channel channel : channels) {
            if (channel.hasLiveWorker()) {
                live++;
            }
        }
        int queued = 0;
        for (Job job : queue) {
            if (!job.isLease()) {
                queued++;
            }
        }
        // running means a worker has claimed it; a task handed to a driver but not yet claimed is still
        // waiting (so "in flight" never counts a task that a cancel could still take back unrun)
        int running = 0;
        for (Channel channel : channels) {
            Call call = channel.current();
            int state = channel.slot().state();
            if (call != null && (state == Slot.CLAIMED || state == Slot.RESPONSE_WRITTEN)) {
                running++;
            }
        }
        int taken = counters.inFlight.get();
        running = Math.min(running, taken);
        return counters.snapshot(live, queued + (taken - running), running);
    }

    @Override
    public boolean close(Duration timeout) {
        synchronized (this) {
            if (closeResult != null) {
                return closeResult;
            }
            closing = true;
            long deadline = System.nanoTime() + timeout.toNanos();
            while (System.nanoTime() < deadline && !(queue.isEmpty() && counters.inFlight.get() == 0
                    && leasesOut.get() == 0)) {
                sleepMillis(2);
            }
            boolean clean = queue.isEmpty() && counters.inFlight.get() == 0 && leasesOut.get() == 0;
            stopping = true;
            for (Job job; (job = queue.pollFirst()) != null; ) {
                OffloadException closed = OffloadException.closed(name + " closed before this task ran");
                if (job.isLease()) {
                    job.lease.completeExceptionally(closed);
                } else {
                    job.future.completeExceptionally(closed);
                }
            }
            for (Channel channel : channels) {
                channel.abort(null, FailureKind.CLOSED);
                channel.inbox().nudge();
            }
            // idle drivers were nudged and see stopping (a driver holding a posted job runs it first, and it
            // fails as CLOSED); interrupting them could cut a recovery (reaping a killed child) short
            for (Thread driver : drivers) {
                try {
                    driver.join(TimeUnit.SECONDS.toMillis(60));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                if (driver.isAlive()) {
                    throw new IllegalStateException(driver.getName() + " did not stop within 60 s of close");
                }
            }
            watchdog.stop();
            for (Channel channel : channels) {
                channel.closeWorker(Duration.ofSeconds(2));
            }
            for (ThreadWorker worker : abandoned) {
                worker.requestStop();
            }
            closeRegion();
            closeResult = clean;
            return clean;
        }
    }

    private void closeRegion() {
        try {
            region.close();
        } catch (IOException e) {
            throw new UncheckedIOException(name + ": cannot remove the shared-memory region " + region.file(), e);
        }
    }

    private static void sleepMillis(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
