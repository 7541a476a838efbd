package org.offloadbench.shm;

import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingDeque;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;
import org.offloadbench.core.offload.FailureKind;
import org.offloadbench.core.offload.OffloadException;
import org.offloadbench.core.offload.Task;
import org.offloadbench.core.offload.TaskResult;
import org.offloadbench.core.offload.support.LifecycleSettings;
import org.offloadbench.core.offload.support.TaskCounters;
import org.offloadbench.core.offload.support.TaskHandle;
import org.offloadbench.core.offload.support.TaskLifecycle;

/**
 * The copy path and the drivers, as the {@link TaskLifecycle.Model} of core's one task lifecycle (admission
 * against {@code workers + queue capacity}, the task handles, the counters, the close drain). One driver
 * thread per channel runs tasks and serves leases. When a driver is idle, {@link #dispatch} reserves its
 * channel and writes the input into the slot from the caller's thread (one copy, see {@link DriverInbox});
 * otherwise the task waits in the shared queue with a private copy of its input, and the driver that takes
 * it copies it in. Lease requests wait in the same queue. Timeouts are the channels' own (from the moment a
 * worker claims the slot, see {@link Watchdog}), so the lifecycle does not time tasks.
 */
final class Dispatcher implements TaskLifecycle.Model {

    /** How long an idle driver sleeps at most before it looks at {@code stopping} again. */
    private static final long LOOK_NANOS = TimeUnit.MILLISECONDS.toNanos(100);

    private final SlotPool pool;
    private final String name;
    private final List<Channel> channels;
    private final int queueCapacity;
    private final TaskLifecycle lifecycle;
    private final LinkedBlockingDeque<Queued> queue = new LinkedBlockingDeque<>();
    private final LongAdder callerWrites = new LongAdder();
    /**
     * Tasks a channel has taken (its driver polled it, or a submitter reserved the channel for it) and not yet
     * finished with: a cancelled or timed-out task counts here until its channel has recovered, so stats and
     * close see the channel busy until then, while its handle is long DONE.
     */
    private final AtomicInteger onChannels = new AtomicInteger();
    private final List<Thread> drivers = new ArrayList<>();

    Dispatcher(SlotPool pool) {
        this.pool = pool;
        this.name = pool.name;
        this.channels = pool.channels;
        this.queueCapacity = pool.settings.queueCapacity();
        // the copy is the dispatcher's: none on the fast path, a private one for a queued COPY task
        this.lifecycle = new TaskLifecycle(LifecycleSettings.of(name, channels.size() + queueCapacity)
                .withTimesTasks(false).withCopyOnSubmit(false), this);
    }

    TaskCounters counters() {
        return lifecycle.counters();
    }

    /** Starts one driver per channel; {@code leases} serves the lease requests they take from the queue. */
    void startDrivers(LeasePath leases) {
        for (Channel channel : channels) {
            Thread driver = new Thread(() -> drive(channel, leases), name + "-driver-" + channel.index);
            driver.setDaemon(true);
            drivers.add(driver);
            channel.inbox().bind(driver);
            driver.start();
        }
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

    long callerWrittenTasks() {
        return callerWrites.sum();
    }

    CompletableFuture<TaskResult> submit(Task task) {
        String refusal = pool.refusal(task.workloadId(), task.input().length);
        if (refusal != null) {
            return lifecycle.failAtSubmit(OffloadException.badRequest(refusal));
        }
        return lifecycle.submit(task, null);
    }

    @Override
    public String queueFullMessage() {
        return name + ": the queue is full (" + queueCapacity + " tasks waiting beyond " + channels.size()
                + " running)";
    }

    /**
     * The fast path: when a channel's driver is idle (and nothing is queued: queued tasks go first), this
     * caller reserves the channel (one CAS on its {@link DriverInbox}), copies the input straight into the
     * slot's request area, and posts the call to that driver: one copy of the payload instead of two (no
     * private clone), and no trip through the shared queue. A channel whose worker is not ready, or that may
     * change slots, gets the task through the usual copy instead (still directly). Otherwise the slot is
     * written only when a driver takes the task, and the caller may reuse its array as soon as submit
     * returns, so a COPY task needs a private copy now; a TRANSFER task's array is ours as it is.
     */
    @Override
    public void dispatch(TaskHandle handle) {
        Task task = handle.task();
        if (queue.isEmpty()) {
            for (Channel channel : channels) {
                DriverInbox inbox = channel.inbox();
                if (!inbox.tryReserve()) {
                    continue;
                }
                // taken by a channel, as when a driver takes a task from the queue
                onChannels.incrementAndGet();
                Call call;
                try {
                    if (channel.acceptsCallerWrite()) {
                        channel.slot().requestArea().put(task.input());
                        callerWrites.increment();
                        call = new Call(handle, task.workloadId(), null, task.input().length, task.timeoutNanos());
                    } else {
                        byte[] input = task.handoff() == Task.Handoff.COPY ? task.input().clone() : task.input();
                        call = new Call(handle, task.workloadId(), input, input.length, task.timeoutNanos());
                    }
                    call.channel = channel;
                    handle.attach(call);
                } catch (RuntimeException | Error e) {
                    // the reserved driver waits for a post: give it a stopped placeholder it will skip
                    Call placeholder = new Call(null, task.workloadId(), null, 0, 0L);
                    placeholder.abort(FailureKind.CANCELLED);
                    inbox.post(placeholder);
                    throw e;
                }
                inbox.post(call);
                return;
            }
        }
        byte[] input = task.handoff() == Task.Handoff.COPY ? task.input().clone() : task.input();
        Call call = new Call(handle, task.workloadId(), input, input.length, task.timeoutNanos());
        handle.attach(call);
        queue.addLast(call);
        afterQueued(call);
    }

    /** A task ended from outside (cancel, close): take it back from the queue, or stop its round trip. */
    @Override
    public void stopped(TaskHandle handle, TaskHandle.State from) {
        if (!(handle.attachment() instanceof Call call)) {
            return; // ended before it was dispatched
        }
        if (from == TaskHandle.State.QUEUED && queue.remove(call)) {
            return;
        }
        FailureKind reason = lifecycle.isClosed() ? FailureKind.CLOSED : FailureKind.CANCELLED;
        Channel channel = call.channel;
        if (channel != null) {
            channel.abort(call, reason);
        } else {
            call.abort(reason);
        }
    }

    /** Queues a lease request behind the tasks already waiting. */
    void queueLease(LeaseRequest request) {
        queue.addLast(request);
        afterQueued(request);
    }

    /** Takes a lease request back from the queue; true when it was still there. */
    boolean remove(LeaseRequest request) {
        return queue.remove(request);
    }

    /**
     * After an entry went into the shared queue: wakes an idle driver for it (the driver checks the queue after
     * declaring itself idle, so one of the two sees the other), and fails it if close drained the queue
     * before it arrived.
     */
    private void afterQueued(Queued entry) {
        for (Channel channel : channels) {
            if (channel.inbox().tryWake()) {
                break;
            }
        }
        if (pool.isStopping() && queue.remove(entry)) {
            failClosed(entry, name + " closed before this "
                    + (entry instanceof LeaseRequest ? "lease was granted" : "task ran"));
        }
    }

    private static void failClosed(Queued entry, String message) {
        OffloadException closed = OffloadException.closed(message);
        if (entry instanceof LeaseRequest request) {
            request.lease.completeExceptionally(closed);
        } else {
            ((Call) entry).handle.abort(closed);
        }
    }

    private void drive(Channel channel, LeasePath leases) {
        DriverInbox inbox = channel.inbox();
        while (true) {
            Queued entry = inbox.await(() -> !queue.isEmpty(), pool::isStopping, LOOK_NANOS);
            if (entry == null) {
                if (inbox.stopped()) {
                    return;
                }
                entry = pool.isStopping() ? null : queue.pollFirst();
                if (entry == null) {
                    continue;
                }
                if (entry instanceof Call) {
                    onChannels.incrementAndGet();
                }
            } // else posted by a submitter, who counted it on its channel
            if (entry instanceof LeaseRequest request) {
                if (!request.lease.isDone()) {
                    leases.serve(channel, request);
                }
            } else {
                runTask(channel, (Call) entry);
            }
        }
    }

    /**
     * Runs a task taken by this channel (counted on it by whoever took it): RUNNING from here (a task cancelled
     * before never runs). It leaves the count before its handle completes the future, so a caller that has its
     * result sees stats that agree, and the channel becomes reservable again before that too.
     */
    private void runTask(Channel channel, Call call) {
        boolean counted = true;
        try {
            call.channel = channel;
            if (call.aborted() || !call.handle.start()) {
                return; // cancelled before it ran; the future is already complete
            }
            TaskHandle handle = call.handle;
            Channel.Response response = channel.execute(call);
            ByteBuffer view = response.output();
            byte[] output = new byte[view.remaining()];
            view.get(output);
            TaskResult result = new TaskResult(output, response.checksum(), handle.startNanos() - handle.submitNanos(),
                    response.runNanos(), response.workerId());
            counted = leaveChannel(counted);
            channel.inbox().idleAhead();
            handle.complete(result);
        } catch (OffloadException e) {
            counted = leaveChannel(counted);
            channel.inbox().idleAhead();
            call.handle.fail(e);
        } catch (RuntimeException | Error e) {
            counted = leaveChannel(counted);
            call.handle.fail(new OffloadException(FailureKind.WORKER_CRASHED, name + ": " + call.workloadId
                    + " failed in the transport: " + e, e));
            throw e;
        } finally {
            leaveChannel(counted);
        }
    }

    private boolean leaveChannel(boolean counted) {
        if (counted) {
            onChannels.decrementAndGet();
        }
        return false;
    }

    /** Tasks taken by a channel and not yet finished with (see {@link #onChannels}). */
    int onChannels() {
        return onChannels.get();
    }

    /** Queued tasks in the shared queue (lease requests are not tasks). */
    int queuedTasks() {
        int queued = 0;
        for (Queued entry : queue) {
            if (entry instanceof Call) {
                queued++;
            }
        }
        return queued;
    }

    /** Nothing queued (lease requests included), no task accepted and not done, no channel busy with one. */
    boolean idle() {
        return queue.isEmpty() && lifecycle.accepted() == 0 && onChannels.get() == 0;
    }

    /** Stops accepting tasks (close is under way). */
    void stopAccepting() {
        lifecycle.stopAccepting();
    }

    /** The lifecycle's drain and cut-off, then {@code shutdown}; true when every task finished in time. */
    boolean close(Duration timeout, TaskLifecycle.Shutdown shutdown) {
        return lifecycle.close(timeout, shutdown);
    }

    /** At close, once the pool is stopping: fails what is still queued with CLOSED. */
    void failQueued() {
        for (Queued entry; (entry = queue.pollFirst()) != null; ) {
            failClosed(entry, name + " closed before this task ran");
        }
    }

    /**
     * At close: stops every channel's call with CLOSED and waits for the drivers. Idle drivers are nudged and
     * see stopping (a driver holding a posted call runs it first, and it fails as CLOSED); interrupting them
     * could cut a recovery (reaping a killed child) short.
     */
    void stopDrivers() {
        for (Channel channel : channels) {
            channel.abort(null, FailureKind.CLOSED);
            channel.inbox().nudge();
        }
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
    }
}
