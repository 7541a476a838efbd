package org.offloadbench.shm;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingDeque;
import java.util.concurrent.TimeUnit;
import org.offloadbench.core.offload.FailureKind;
import org.offloadbench.core.offload.OffloadException;
import org.offloadbench.core.offload.Task;
import org.offloadbench.core.offload.TaskResult;

/**
 * The copy path and the drivers: one driver thread per channel runs tasks and serves leases. When a driver
 * is idle, {@link #submit} reserves its channel and writes the input into the slot from the caller's thread
 * (one copy, see {@link DriverInbox}); otherwise the task waits in the bounded queue with a private copy of
 * its input, and the driver that takes it copies it in. Lease requests wait in the same queue.
 */
final class Dispatcher {

    /** How long an idle driver sleeps at most before it looks at {@code stopping} again. */
    private static final long LOOK_NANOS = TimeUnit.MILLISECONDS.toNanos(100);

    private final SlotPool pool;
    private final String name;
    private final Counters counters;
    private final List<Channel> channels;
    private final int queueCapacity;
    private final LinkedBlockingDeque<Job> queue = new LinkedBlockingDeque<>();
    private final Object admission = new Object();
    private final List<Thread> drivers = new ArrayList<>();

    Dispatcher(SlotPool pool) {
        this.pool = pool;
        this.name = pool.name;
        this.counters = pool.counters;
        this.channels = pool.channels;
        this.queueCapacity = pool.settings.queueCapacity();
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

    CompletableFuture<TaskResult> submit(Task task) {
        long now = System.nanoTime();
        String refusal = pool.refusal(task.workloadId(), task.input().length);
        if (refusal != null || pool.isClosing()) {
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
            if (queue.size() >= queueCapacity + pool.idleDrivers.get()) {
                job.future.completeExceptionally(OffloadException.rejected(name + ": the queue is full ("
                        + queueCapacity + " tasks waiting beyond " + channels.size() + " running)"));
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

    /** Queues a lease request behind the tasks already waiting. */
    void queueLease(Job job) {
        queue.addLast(job);
        afterQueued(job);
    }

    /** Takes a job back from the queue; true when it was still there. */
    boolean remove(Job job) {
        return queue.remove(job);
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
        if (pool.isStopping() && queue.remove(job)) {
            OffloadException closed = OffloadException.closed(name + " closed before this "
                    + (job.isLease() ? "lease was granted" : "task ran"));
            if (job.isLease()) {
                job.lease.completeExceptionally(closed);
            } else {
                job.future.completeExceptionally(closed);
            }
        }
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

    private void drive(Channel channel, LeasePath leases) {
        DriverInbox inbox = channel.inbox();
        while (true) {
            Job job = inbox.await(() -> !queue.isEmpty(), pool::isStopping, LOOK_NANOS);
            if (job == null) {
                if (inbox.stopped()) {
                    return;
                }
                job = pool.isStopping() ? null : queue.pollFirst();
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
                    leases.serve(channel, job);
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

    /** Queued tasks (lease requests are not tasks). */
    int queuedTasks() {
        int queued = 0;
        for (Job job : queue) {
            if (!job.isLease()) {
                queued++;
            }
        }
        return queued;
    }

    boolean queueIsEmpty() {
        return queue.isEmpty();
    }

    /** At close, once the pool is stopping: fails what is still queued with CLOSED. */
    void failQueued() {
        for (Job job; (job = queue.pollFirst()) != null; ) {
            OffloadException closed = OffloadException.closed(name + " closed before this task ran");
            if (job.isLease()) {
                job.lease.completeExceptionally(closed);
            } else {
                job.future.completeExceptionally(closed);
            }
        }
    }

    /**
     * At close: stops every channel's call with CLOSED and waits for the drivers. Idle drivers are nudged and
     * see stopping (a driver holding a posted job runs it first, and it fails as CLOSED); interrupting them
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
