package org.offloadbench.hazelcast;

import java.util.ArrayDeque;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * What a member runs now, by task id, so that the client can stop one task precisely ({@link StopCall}).
 *
 * <p>Why not Hazelcast's own cancel: a member takes incoming operations on several generic threads, so a
 * cancel (or any later call) can overtake the task it follows on the same connection. Measured: the cancel
 * found nothing to cancel, an idle probe sent after it answered at once, and the task then ran its full
 * 30 s, with the next task queued behind it. Here a stop that arrives first leaves a tombstone, and the
 * task, when it arrives, returns at once without running.
 *
 * <p>One member runs one task at a time; the client sends the next only after the previous one answered or
 * was stopped, so at most one id runs and tombstones are removed by the arrival they wait for.
 */
final class MemberTasks {
    /** Finished ids remembered, so that a stop racing a task's own answer is not left as a tombstone. */
    private static final int RECENT_FINISHED = 64;
    private static final MemberTasks INSTANCE = new MemberTasks();


    private long runningId;
    private Thread runningThread;
    private final Set<Long> stoppedBeforeStart = new HashSet<>();
    private final ArrayDeque<Long> recentFinished = new ArrayDeque<>();

    static MemberTasks instance() {
        return INSTANCE;
    }

    /** The task {@code taskId} starts on this thread; false when a stop came first (it must not run). */
    synchronized boolean begin(long taskId) {
        if (stoppedBeforeStart.remove(taskId)) {
            finished(taskId);
            return false;
        }
        runningId = taskId;
        runningThread = Thread.currentThread();
        return true;
    }

    synchronized void end(long taskId) {
        if (runningId == taskId) {
            runningId = 0;
            runningThread = null;
        }
        finished(taskId);
        notifyAll();
    }

    /**
     * Stops {@code taskId}: interrupts it when it runs and waits up to {@code graceMillis} for it to return;
     * one that has not started yet never will. True when the member's executor is free of it.
     */
    synchronized boolean stop(long taskId, long graceMillis) throws InterruptedException {
        if (recentFinished.contains(taskId)) {
            return true;
        }
        if (runningId != taskId) {
            stoppedBeforeStart.add(taskId);
            return true;
        }
        runningThread.interrupt();
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(graceMillis);
        for (long left; runningId == taskId; ) {
            left = deadline - System.nanoTime();
            if (left <= 0) {
                return false;
            }
            TimeUnit.NANOSECONDS.timedWait(this, left);
        }
        return true;
    }

    private void finished(long taskId) {
        recentFinished.addLast(taskId);
        if (recentFinished.size() > RECENT_FINISHED) {
            recentFinished.removeFirst();
        }
    }
}
