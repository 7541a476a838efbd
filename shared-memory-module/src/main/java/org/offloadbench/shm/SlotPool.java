package org.offloadbench.shm;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import org.offloadbench.core.offload.FailureKind;
import org.offloadbench.core.offload.OffloadException;
import org.offloadbench.core.measure.NanoClock;
import org.offloadbench.core.offload.support.TaskCounters;
import org.offloadbench.core.offload.transport.RecoveryPolicy;
import org.offloadbench.core.worker.StartRetry;
import org.offloadbench.core.workload.WorkloadCatalogue;
import org.offloadbench.shm.region.RegionLayout;
import org.offloadbench.shm.region.ShmRegion;
import org.offloadbench.shm.slot.Slot;
import org.offloadbench.shm.worker.ShmWorker;
import org.offloadbench.shm.worker.ThreadWorker;

/**
 * The region, its channels (one worker and its slot each) and their watchdog: what the copy path and the
 * lease path both drive. It is every channel's {@link ChannelHost}, and owns the stopping flag close sets.
 */
final class SlotPool implements ChannelHost {

    /**
     * shm's recovery policy, as process/pipes': a task whose worker died is retried once on a fresh worker; a
     * worker that dies or fails while starting is started again after 50 ms, then 100 ms; only the third
     * failed start in a row fails the channel's start (core's {@code StartRetry.DEFAULT}).
     */
    static final RecoveryPolicy RECOVERY = RecoveryPolicy.of(true, StartRetry.DEFAULT.maxAttempts(),
            StartRetry.DEFAULT.firstBackoffNanos());
    private static final StartRetry START_RETRY = RECOVERY.warmUpRetry(NanoClock.system());

    final String name;
    final ShmSettings settings;
    final ShmRegion region;
    final List<Channel> channels = new ArrayList<>();
    private final WorkloadCatalogue catalogue;
    private final SlotWorkers workers;
    private final Watchdog watchdog;
    private TaskCounters counters; // set by start, before any worker or driver runs
    private volatile boolean closing;
    private volatile boolean stopping;

    /**
     * Creates the region and its channels; {@link #start} starts the workers.
     *
     * @throws OffloadException UNAVAILABLE when the region cannot be created
     */
    SlotPool(String name, ShmSettings settings, WorkloadCatalogue catalogue, SlotWorkers workers) {
        this.name = name;
        this.settings = settings;
        this.catalogue = catalogue;
        this.workers = workers;
        int slotCount = Math.min(RegionLayout.MAX_SLOTS, settings.workers() + workers.spareSlots(settings.workers()));
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
            channels.add(new Channel(i, this, region.slot(i), settings.waitStrategy(), new DriverInbox()));
        }
        for (int i = settings.workers(); i < slotCount; i++) {
            workers.addSpareSlot(region.slot(i));
        }
        this.watchdog = new Watchdog(name + "-watchdog", List.copyOf(channels));
    }

    /**
     * Starts every worker (ready when this returns) and the watchdog; respawns and abandons count in
     * {@code taskCounters}.
     *
     * @throws OffloadException UNAVAILABLE when a worker cannot be started (the region is removed)
     */
    void start(TaskCounters taskCounters) {
        this.counters = taskCounters;
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
            Throwable cause = e instanceof CompletionException && e.getCause() != null ? e.getCause() : e;
            throw new OffloadException(FailureKind.UNAVAILABLE, name + ": workers did not start: " + cause.getMessage(),
                    cause);
        }
        watchdog.start();
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

    List<Long> workerPids() {
        return workers.pids(channels);
    }

    int liveWorkers() {
        int live = 0;
        for (Channel channel : channels) {
            if (channel.hasLiveWorker()) {
                live++;
            }
        }
        return live;
    }

    /** Running means a worker has claimed it: a call published but not yet claimed could still be taken back. */
    int claimedCalls() {
        int running = 0;
        for (Channel channel : channels) {
            Call call = channel.current();
            int state = channel.slot().state();
            if (call != null && (state == Slot.CLAIMED || state == Slot.RESPONSE_WRITTEN)) {
                running++;
            }
        }
        return running;
    }

    /** Close has begun: no new task or lease is taken. */
    boolean isClosing() {
        return closing;
    }

    void beginClose() {
        closing = true;
    }

    /** From now on no worker is started and no task retried; idle drivers stop at their next look. */
    void stop() {
        stopping = true;
    }

    /** After the drivers stopped: ends the watchdog and every worker, and deletes the region. */
    void closeWorkersAndRegion() {
        watchdog.stop();
        for (Channel channel : channels) {
            channel.closeWorker(Duration.ofSeconds(2));
        }
        workers.close();
        closeRegion();
    }

    private void closeRegion() {
        try {
            region.close();
        } catch (IOException e) {
            throw new UncheckedIOException(name + ": cannot remove the shared-memory region " + region.file(), e);
        }
    }

    // ------------------------------------------------------------------------------------------------
    // ChannelHost

    @Override
    public String name() {
        return name;
    }

    @Override
    public boolean isStopping() {
        return stopping;
    }

    @Override
    public StartRetry startRetry() {
        return START_RETRY;
    }

    @Override
    public boolean mayRetry(int attempt) {
        return RECOVERY.mayRetry(attempt, stopping);
    }

    @Override
    public ShmWorker startWorker(Channel channel, Slot slot) throws IOException {
        return workers.start(region, channel, slot);
    }

    @Override
    public Slot takeSpareSlot() {
        return workers.takeSpareSlot();
    }

    @Override
    public void abandon(ThreadWorker worker) {
        counters.abandoned();
        workers.abandon(worker);
    }

    @Override
    public void callStarted(Call call) {
        watchdog.started(call);
    }

    @Override
    public void callFinished(Call call) {
        watchdog.finished(call);
    }

    @Override
    public void respawned() {
        counters.respawned();
    }

    @Override
    public void retried() {
        counters.retried();
    }
}
