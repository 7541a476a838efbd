package org.offloadbench.hazelcast;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The member's record of its running task: a stop hits exactly the task it names, whenever it arrives. */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class MemberTasksTest {
    private final MemberTasks tasks = new MemberTasks();

    @Test
    void aStopThatOvertakesItsTaskKeepsItFromRunning() throws Exception {
        assertTrue(tasks.stop(7, 100), "nothing runs, so the executor is free of task 7");
        assertFalse(tasks.begin(7), "task 7 arrived after its stop: it must not run");
        assertTrue(tasks.begin(8), "the tombstone names task 7 only");
        tasks.end(8);
        assertTrue(tasks.begin(7), "a tombstone is used once: the same id sent again (a retry) runs");
        tasks.end(7);
    }

    @Test
    void aStopOfAFinishedTaskLeavesNoTombstone() throws Exception {
        assertTrue(tasks.begin(3));
        tasks.end(3);
        assertTrue(tasks.stop(3, 100), "a stop racing the task's own answer");
        assertTrue(tasks.begin(3), "no tombstone was left for a task that had finished");
        tasks.end(3);
    }

    @Test
    void aStopInterruptsTheRunningTaskAndWaitsForItsReturn() throws Exception {
        CountDownLatch running = new CountDownLatch(1);
        AtomicBoolean interrupted = new AtomicBoolean();
        Thread worker = new Thread(() -> {
            tasks.begin(5);
            running.countDown();
            try {
                Thread.sleep(30_000);
            } catch (InterruptedException e) {
                interrupted.set(true);
            } finally {
                tasks.end(5);
            }
        });
        worker.start();
        running.await();
        assertTrue(tasks.stop(5, 10_000), "an interruptible task returns within the grace");
        assertTrue(interrupted.get(), "the stop interrupted the task");
        worker.join(5_000);
        assertFalse(worker.isAlive());
    }

    @Test
    void aTaskThatIgnoresTheInterruptIsReportedAfterTheGrace() throws Exception {
        CountDownLatch running = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        Thread worker = new Thread(() -> {
            tasks.begin(9);
            running.countDown();
            boolean done = false;
            while (!done) {
                try {
                    done = release.await(30, TimeUnit.SECONDS);
                } catch (InterruptedException ignored) {
                    // the point of this task: it does not stop when asked
                }
            }
            tasks.end(9);
        });
        worker.start();
        running.await();
        assertFalse(tasks.stop(9, 200), "still running after the grace: the member must be replaced");
        release.countDown();
        worker.join(5_000);
    }
}
