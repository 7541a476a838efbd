package org.offloadbench.shm.agrona;

import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.agrona.concurrent.IdleStrategy;
import org.agrona.concurrent.ringbuffer.OneToOneRingBuffer;
import org.offloadbench.core.offload.FailureKind;
import org.offloadbench.core.offload.OffloadException;
import org.offloadbench.core.offload.TaskResult;

/**
 * One driver thread per child: starts (and replaces) its child, takes tasks from the queue, writes each into
 * the child's request ring and waits on the response ring with the configured idle strategy, watching
 * meanwhile for the caller's cancel, the task's timeout (from the moment the child marks it running), the
 * child's exit and close. The only thread that touches its child's rings in this JVM.
 */
final class RingDriver implements Runnable {

    /** How long a child gets to exit on its own once its stdin is closed. */
    static final Duration CHILD_CLOSE_GRACE = Duration.ofSeconds(2);

    private final int index;
    private final AgronaOffloader owner;
    private final AgronaSettings settings;
    private final IdleStrategy idle;
    private final Thread thread;
    private volatile RingChild child;
    /** The pid of the child once it has marked the current task running, else -1. */
    private volatile long runningOn = -1L;
    private volatile boolean stop;
    private boolean started;
    private final RingMessages.Response[] reply = new RingMessages.Response[1];
    private final RuntimeException[] malformed = new RuntimeException[1];

    RingDriver(int index, AgronaOffloader owner, AgronaSettings settings) {
        this.index = index;
        this.owner = owner;
        this.settings = settings;
        this.idle = settings.waitStrategy().newIdleStrategy();
        this.thread = new Thread(this, owner.name() + "-driver-" + index);
        thread.setDaemon(true);
    }

    void start() {
        thread.start();
    }

    /** Asks the driver to fail its running task with CLOSED, end its child and return. */
    void stop() {
        stop = true;
        LockSupport.unpark(thread);
    }

    boolean join(Duration wait) throws InterruptedException {
        thread.join(Math.max(1L, wait.toMillis()));
        return !thread.isAlive();
    }

    /** The pid of the child running a task now (it has started it), or -1. */
    long runningOn() {
        return runningOn;
    }

    /** The live child's pid, or -1. */
    long pid() {
        RingChild c = child;
        return c != null && !c.exited() ? c.pid() : -1L;
    }

    @Override
    public void run() {
        try {
            while (!stop) {
                if (!ensureChild()) {
                    continue;
                }
                RingTask task = owner.queue().poll();
                if (task == null) {
                    idle.idle(0);
                    continue;
                }
                idle.reset();
                runTask(task);
            }
        } finally {
            discardChild();
        }
    }

    /** A live child, or false after a failed (re)start; backs off between failed starts. */
    private boolean ensureChild() {
        RingChild c = child;
        if (c != null && !c.exited()) {
            return true;
        }
        discardChild();
        if (owner.gaveUp()) {
            LockSupport.parkNanos(this, TimeUnit.MILLISECONDS.toNanos(50));
            return false;
        }
        long delay = settings.respawnDelayNanos(owner.startFailures());
        long until = System.nanoTime() + delay;
        while (!stop && until - System.nanoTime() > 0) {
            LockSupport.parkNanos(this, until - System.nanoTime());
        }
        if (stop) {
            return false;
        }
        try {
            RingChild fresh = RingChild.start(owner.launcher(), owner.folder0(), settings);
            child = fresh;
            owner.childStarted(started);
            started = true;
            return !stop;
        } catch (IOException | RuntimeException e) {
            owner.childStartFailed(index, started, e);
            return false;
        }
    }

    /** Sends the task (RUNNING from here) and waits for its answer; a task that ended while queued never runs. */
    private void runTask(RingTask task) {
        if (!task.handle.start()) {
            return;
        }
        RingChild c = child;
        task.attempts++;
        try {
            exchange(c, task);
        } finally {
            runningOn = -1L;
        }
    }

    private void exchange(RingChild c, RingTask task) {
        long taskId = owner.nextTaskId();
        OneToOneRingBuffer requests = c.rings().requests();
        int index = requests.tryClaim(RingMessages.REQUEST, RingMessages.requestLength(task.workloadId,
                task.input.length));
        if (index < 0) {
            // one task at a time and a fresh file per child: the ring is empty here unless the child broke it
            replaceChild();
            task.fail(OffloadException.workerCrashed("shm/agrona: the request ring of child JVM pid " + c.pid()
                    + " had no room for a task; the child was replaced"));
            return;
        }
        RingMessages.writeRequest(requests.buffer(), index, taskId, task.submitNanos, task.timeoutNanos,
                task.workloadId, task.input);
        requests.commit(index);
        awaitReply(c, task, taskId);
    }

    private void awaitReply(RingChild c, RingTask task, long taskId) {
        OneToOneRingBuffer responses = c.rings().responses();
        long startSeenNanos = 0L;
        idle.reset();
        while (true) {
            int read = readReply(responses);
            if (reply[0] != null || malformed[0] != null) {
                deliver(c, task, taskId);
                return;
            }
            if (task.isDone()) {
                replaceChild(); // cancelled by the caller: a child's task can only be stopped with the child
                return;
            }
            if (stop) {
                c.kill();
                task.fail(OffloadException.closed("shm/agrona was closed while the task ran; child JVM pid "
                        + c.pid() + " was stopped"));
                return;
            }
            if (startSeenNanos == 0L) {
                if (c.rings().runningTask() == taskId) {
                    startSeenNanos = System.nanoTime();
                    runningOn = c.pid();
                }
            } else if (task.timeoutNanos > 0) {
                if (System.nanoTime() - startSeenNanos > task.timeoutNanos) {
                    replaceChild();
                    task.fail(OffloadException.timedOut("shm/agrona: the task ran longer than its timeout of "
                            + TimeUnit.NANOSECONDS.toMillis(task.timeoutNanos) + " ms (counted from the start of its "
                            + "execution); child JVM pid " + c.pid() + " was killed and is replaced"));
                    return;
                }
            }
            if (c.exited()) {
                if (readReply(responses) > 0) { // an answer written just before the exit still counts
                    deliver(c, task, taskId);
                } else {
                    crashed(c, task);
                }
                return;
            }
            idle.idle(read);
        }
    }

    private int readReply(OneToOneRingBuffer responses) {
        reply[0] = null;
        malformed[0] = null;
        return responses.read((type, buffer, at, length) -> {
            try {
                reply[0] = RingMessages.readResponse(buffer, at, length);
            } catch (RuntimeException e) {
                malformed[0] = e;
            }
        }, 1);
    }

    private void deliver(RingChild c, RingTask task, long taskId) {
        RingMessages.Response r = reply[0];
        if (r == null || r.taskId() != taskId) {
            replaceChild();
            task.fail(OffloadException.workerCrashed("shm/agrona: child JVM pid " + c.pid() + " answered "
                    + (r == null ? "with a malformed record (" + malformed[0].getMessage() + ")"
                    : "task " + r.taskId() + " instead of " + taskId) + "; the child was replaced"));
        } else if (r.ok()) {
            task.complete(new TaskResult(r.payload(), r.checksum(), r.queueNanos(), r.runNanos(),
                    "pid " + c.pid()));
        } else {
            task.fail(new OffloadException(r.failure(), r.message()));
        }
    }

    private void crashed(RingChild c, RingTask task) {
        String note = c.deathNote();
        if (stop) {
            task.fail(OffloadException.closed("shm/agrona was closed while the task ran (" + note + ")"));
        } else if (owner.recovery().mayRetry(task.attempts, false)) {
            if (task.handle.requeue()) { // false: cancelled meanwhile
                owner.counters().retried();
                owner.queue().retry(task); // to the front: the first driver with a live child takes it
            }
        } else {
            task.fail(OffloadException.workerCrashed("shm/agrona: " + note + " while running the task"
                    + owner.recovery().noRetryReason()));
        }
    }

    /**
     * Kills the child and waits until it is gone before the next task: a child killed but not yet reaped
     * still looks alive, and a task written to it would be taken for the victim of a crash.
     */
    private void replaceChild() {
        RingChild c = child;
        if (c != null) {
            c.kill();
            discardChild();
        }
    }

    private void discardChild() {
        RingChild c = child;
        if (c == null) {
            return;
        }
        child = null;
        try {
            c.close(c.exited() ? Duration.ZERO : CHILD_CLOSE_GRACE);
        } catch (IOException | RuntimeException e) {
            // the folder removal at close takes the file; the child itself is gone or reported here
            System.err.println("shm/agrona: could not end child JVM pid " + c.pid() + " cleanly: " + e);
        }
    }
}
