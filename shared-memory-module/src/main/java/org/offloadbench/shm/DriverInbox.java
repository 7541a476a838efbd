package org.offloadbench.shm;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;

/**
 * Where one channel's driver thread waits for work, and the one atomic word that says who owns the channel.
 *
 * <pre>
 *   BUSY --driver, nothing to do--> IDLE --submitter CAS (reserve)--> RESERVED --driver takes the job--> BUSY
 *                                   IDLE --submitter CAS (wake: a job was queued)--> BUSY
 *                                   IDLE --driver CAS (queue not empty, time to look, stopping)--> BUSY | STOPPED
 * </pre>
 *
 * <p>Only IDLE is ever left by a CAS from two sides, so exactly one party wins a channel: a submitter that
 * reserves it owns its slot until it {@link #post posts} the job (it writes the input into the slot in
 * between: the caller-writes-the-slot fast path), while a leased or running channel is BUSY and cannot be
 * reserved. (Admission is core's lifecycle's, {@code workers + queue capacity}: no idle count is kept here.)
 *
 * <p>Why not wait in the shared queue: a thread blocked in {@code BlockingQueue.poll} can only be woken by
 * an element or an interrupt, and a job meant for one particular channel (its input already lies in that
 * channel's slot) must wake that channel's driver, with one {@code unpark}. So drivers park here and a
 * submitter that queues a job wakes an idle driver itself ({@link #tryWake}); the two sides write first
 * (the queue, the IDLE state) and read second (the states, the queue), so one of them always sees the
 * other and no job waits for the driver's periodic look.
 */
final class DriverInbox {
    static final int BUSY = 0;
    static final int IDLE = 1;
    static final int RESERVED = 2;
    static final int STOPPED = 3;

    private final AtomicInteger state = new AtomicInteger(BUSY);
    private volatile Call posted;
    private volatile Thread driver;
    /** Driver thread only: it declared itself idle in {@link #idleAhead} and has not waited since. */
    private boolean idleAlready;

    /** Names the thread to unpark; called before that thread starts. */
    void bind(Thread driverThread) {
        this.driver = driverThread;
    }

    int state() {
        return state.get();
    }

    // ---- submitter side

    /**
     * Takes an idle channel for a job its caller is about to {@link #post}; true when this caller won it.
     * Never the caller's own channel: a driver that submits from a task's completion callback (its channel is
     * already idle then, see {@link #idleAhead}) and waits for the result would wait for itself.
     */
    boolean tryReserve() {
        if (Thread.currentThread() == driver) {
            return false;
        }
        if (state.get() == IDLE && state.compareAndSet(IDLE, RESERVED)) {
            return true;
        }
        return false;
    }

    /** Hands the job to the reserved channel's driver. Must follow a successful {@link #tryReserve}, always. */
    void post(Call job) {
        posted = job;
        LockSupport.unpark(driver);
    }

    /** Wakes an idle driver to look at the shared queue; true when this one was idle. */
    boolean tryWake() {
        if (state.get() == IDLE && state.compareAndSet(IDLE, BUSY)) {
            LockSupport.unpark(driver);
            return true;
        }
        return false;
    }

    /** Lets a parked driver see that the offloader is stopping without waiting for its periodic look. */
    void nudge() {
        Thread t = driver;
        if (t != null) {
            LockSupport.unpark(t);
        }
    }

    // ---- driver side

    /**
     * Waits (in the driver thread) until there is something to do. Returns a job posted to this channel;
     * or null when the driver should look at the shared queue (state BUSY) or stop (state STOPPED: see
     * {@link #stopped()}).
     *
     * @param queued   whether the shared queue holds jobs
     * @param stopping whether the offloader is stopping (then an idle driver stops)
     * @param lookNanos how long to sleep at most before looking at {@code stopping} again
     */
    Call await(BooleanSupplier queued, BooleanSupplier stopping, long lookNanos) {
        if (!idleAlready) {
            state.set(IDLE);
        }
        idleAlready = false;
        long deadline = System.nanoTime() + lookNanos;
        while (true) {
            int s = state.get();
            if (s == RESERVED) {
                Call job = posted;
                if (job != null) {
                    posted = null;
                    state.set(BUSY);
                    return job;
                }
                // the submitter is still writing the input into the slot; it unparks us when it posts
                LockSupport.parkNanos(this, lookNanos);
                continue;
            }
            if (s != IDLE) {
                return null; // woken (BUSY) to look at the queue
            }
            boolean stop = stopping.getAsBoolean();
            if (stop || queued.getAsBoolean() || System.nanoTime() - deadline >= 0) {
                if (state.compareAndSet(IDLE, stop ? STOPPED : BUSY)) {
                    return null;
                }
                continue; // reserved or woken in the meantime
            }
            LockSupport.parkNanos(this, deadline - System.nanoTime());
        }
    }

    /**
     * The driver is done with the channel (slot FREE, worker ready) and has only a future to complete before
     * its next {@link #await}: it becomes reservable now. Otherwise a caller woken by that future, submitting
     * its next task at once, would often find the driver not yet idle and take the queued path (with a
     * private copy). Anything posted meanwhile is picked up by that {@code await}. Driver thread only, and
     * only when it is certain to reach {@code await} (not when it is about to die of a bug).
     */
    void idleAhead() {
        state.set(IDLE);
        idleAlready = true;
    }

    boolean stopped() {
        return state.get() == STOPPED;
    }
}
