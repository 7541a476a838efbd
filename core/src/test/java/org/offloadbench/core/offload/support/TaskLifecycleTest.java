package org.offloadbench.core.offload.support;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.offloadbench.core.conformance.Await;
import org.offloadbench.core.offload.FailureKind;
import org.offloadbench.core.offload.OffloadException;
import org.offloadbench.core.offload.OffloaderStats;
import org.offloadbench.core.offload.Task;
import org.offloadbench.core.offload.TaskResult;
import org.offloadbench.core.workload.Workload;
import org.offloadbench.core.workload.WorkloadCatalogue;

class TaskLifecycleTest {

    /** A model that only collects what it is handed; the test drives each handle itself. */
    private static final class Collecting implements TaskLifecycle.Model {
        final List<TaskHandle> dispatched = new CopyOnWriteArrayList<>();
        final List<String> stopped = new CopyOnWriteArrayList<>();

        @Override
        public void dispatch(TaskHandle handle) {
            dispatched.add(handle);
        }

        @Override
        public void stopped(TaskHandle handle, TaskHandle.State from) {
            stopped.add(from.name());
        }

        @Override
        public String queueFullMessage() {
            return "test queue is full; raise queueCapacity";
        }
    }

    private final ManualTimers timers = new ManualTimers();
    private final Collecting model = new Collecting();

    private TaskLifecycle lifecycle(int limit) {
        return new TaskLifecycle(LifecycleSettings.of("test/model", limit).withClock(timers::nanoTime)
                .withTimers(timers), model);
    }

    private static TaskResult result(String worker) {
        return new TaskResult(new byte[0], 0L, 0L, 0L, worker);
    }

    private static long total(OffloaderStats s) {
        return s.completed() + s.failed() + s.timedOut() + s.cancelled();
    }

    @Test
    void aFullQueueRejectsClearlyAndACancelledTaskGivesItsPlaceBack() {
        TaskLifecycle lc = lifecycle(2);
        CompletableFuture<TaskResult> first = lc.submit(Task.of("noop", new byte[0]), null);
        lc.submit(Task.of("noop", new byte[0]), null);
        CompletableFuture<TaskResult> third = lc.submit(Task.of("noop", new byte[0]), null);

        OffloadException e = Await.failure(third, "the third task");
        assertEquals(FailureKind.REJECTED, e.kind());
        assertTrue(e.getMessage().contains("queueCapacity"), e.getMessage());
        OffloaderStats s = lc.stats(1);
        assertEquals(1, s.rejected());
        assertEquals(2, s.queueDepth());
        assertEquals(2, model.dispatched.size(), "a rejected task is never dispatched");

        first.cancel(true);
        assertEquals(List.of("QUEUED"), model.stopped, "the model is told the queued task is gone");
        assertEquals(1, lc.stats(1).cancelled());
        CompletableFuture<TaskResult> fourth = lc.submit(Task.of("noop", new byte[0]), null);
        assertFalse(fourth.isDone(), "the cancelled task's place is free at once");
        assertEquals(3, model.dispatched.size());
    }

    @Test
    void theTimeoutRunsFromTheStartOfExecutionNotFromSubmit() {
        TaskLifecycle lc = lifecycle(4);
        long timeout = TimeUnit.MILLISECONDS.toNanos(5);
        CompletableFuture<TaskResult> f = lc.submit(Task.of("noop", new byte[0]).withTimeoutNanos(timeout), null);
        TaskHandle handle = model.dispatched.get(0);
        timers.clock.addAndGet(TimeUnit.SECONDS.toNanos(10)); // queued far longer than its timeout
        assertTrue(timers.scheduled().isEmpty(), "no timer runs while the task waits");
        assertFalse(f.isDone());

        long startedAt = timers.nanoTime();
        assertTrue(handle.start());
        assertEquals(1, timers.scheduled().size());
        ManualTimers.Scheduled timer = timers.scheduled().get(0);
        assertEquals(startedAt, timer.scheduledAtNanos, "scheduled at the start");
        assertEquals(timeout, timer.delayNanos);
        assertEquals(startedAt, handle.startNanos());

        timer.fire();
        OffloadException e = Await.failure(f, "the timed-out task");
        assertEquals(FailureKind.TIMED_OUT, e.kind());
        assertTrue(e.getMessage().contains("from the start of its execution"), e.getMessage());
        assertEquals(List.of("RUNNING"), model.stopped, "the model is told to stop the running task");
        OffloaderStats s = lc.stats(1);
        assertEquals(1, s.timedOut());
        assertEquals(0, s.inFlight());
        assertFalse(handle.complete(result("late")), "a late answer changes nothing");
        assertEquals(0, lc.stats(1).completed());
    }

    @Test
    void aTaskTimedByItsWorkerGetsNoLifecycleTimer() {
        TaskLifecycle lc = new TaskLifecycle(LifecycleSettings.of("test/remote", 4).withClock(timers::nanoTime)
                .withTimers(timers).withTimesTasks(false), model);
        lc.submit(Task.of("noop", new byte[0]).withTimeoutNanos(1_000), null);
        assertTrue(model.dispatched.get(0).start());
        assertTrue(timers.scheduled().isEmpty());
    }

    @Test
    void aRequeuedTaskRestartsItsTimeoutAtItsNextStart() {
        TaskLifecycle lc = lifecycle(4);
        CompletableFuture<TaskResult> f = lc.submit(Task.of("noop", new byte[0]).withTimeoutNanos(1_000), null);
        TaskHandle h = model.dispatched.get(0);
        assertTrue(h.start());
        assertTrue(h.requeue());
        assertTrue(timers.scheduled().get(0).isCancelled(), "the first run's timer is called off");
        assertEquals(1, lc.stats(1).queueDepth());
        assertEquals(0, lc.stats(1).inFlight());
        assertTrue(h.start());
        assertEquals(2, timers.scheduled().size());
        assertTrue(h.complete(result("w")));
        assertEquals("w", Await.result(f, "the retried task").workerId());
        assertTrue(timers.scheduled().get(1).isCancelled(), "completion calls the timer off");
    }

    @Test
    void completionTimeoutCancelAndCloseRacingEndEachTaskExactlyOnce() throws Exception {
        int rounds = 300;
        for (int round = 0; round < rounds; round++) {
            Collecting m = new Collecting();
            ManualTimers t = new ManualTimers();
            TaskLifecycle lc = new TaskLifecycle(LifecycleSettings.of("test/race", 1).withClock(t::nanoTime)
                    .withTimers(t), m);
            CompletableFuture<TaskResult> f = lc.submit(Task.of("noop", new byte[0]).withTimeoutNanos(10), null);
            TaskHandle h = m.dispatched.get(0);
            assertTrue(h.start());
            ManualTimers.Scheduled timer = t.scheduled().get(0);
            CyclicBarrier go = new CyclicBarrier(4);
            List<Thread> racers = new ArrayList<>();
            List<Runnable> moves = List.of(() -> h.complete(result("w")), timer::fire, () -> f.cancel(true),
                    () -> lc.close(Duration.ZERO, deadline -> { }));
            List<Throwable> errors = new CopyOnWriteArrayList<>();
            for (Runnable move : moves) {
                Thread r = new Thread(() -> {
                    try {
                        go.await();
                        move.run();
                    } catch (Throwable e) {
                        errors.add(e);
                    }
                });
                racers.add(r);
                r.start();
            }
            for (Thread r : racers) {
                r.join(TimeUnit.SECONDS.toMillis(30));
                assertFalse(r.isAlive(), "a racer is stuck");
            }
            assertTrue(errors.isEmpty(), errors.toString());
            assertTrue(f.isDone());
            assertTrue(h.isDone());
            OffloaderStats s = lc.stats(1);
            assertEquals(1, total(s), "round " + round + ": counted once, as exactly one outcome: " + s);
            assertEquals(0, s.inFlight());
            assertEquals(0, s.queueDepth());
            assertEquals(0, lc.accepted());
        }
    }

    @Test
    void closeDrainsWhatFinishesInTimeAndFailsTheRestWithClosed() throws Exception {
        TaskLifecycle lc = lifecycle(4);
        CompletableFuture<TaskResult> finishing = lc.submit(Task.of("noop", new byte[0]), null);
        TaskHandle h = model.dispatched.get(0);
        assertTrue(h.start());
        CountDownLatch closing = new CountDownLatch(1);
        List<Long> stopDeadlines = new CopyOnWriteArrayList<>();
        CompletableFuture<Boolean> closed = CompletableFuture.supplyAsync(() -> {
            closing.countDown();
            return lc.close(Duration.ofSeconds(30), stopDeadlines::add);
        });
        closing.await();
        Await.until("close to stop accepting", lc::isClosed, () -> "open");
        assertEquals(FailureKind.CLOSED, Await.failure(lc.submit(Task.of("noop", new byte[0]), null),
                "a task after close").kind());
        h.complete(result("w"));
        assertTrue(closed.get(30, TimeUnit.SECONDS), "everything finished within the timeout");
        assertEquals("w", Await.result(finishing, "the drained task").workerId());
        assertEquals(1, stopDeadlines.size(), "the workers are stopped once");
        assertTrue(timers.isStopped());

        Collecting m2 = new Collecting();
        TaskLifecycle cut = new TaskLifecycle(LifecycleSettings.of("test/cut", 4).withTimers(new ManualTimers()), m2);
        CompletableFuture<TaskResult> stuck = cut.submit(Task.of("noop", new byte[0]), null);
        assertTrue(m2.dispatched.get(0).start());
        List<String> order = new CopyOnWriteArrayList<>();
        boolean clean = cut.close(Duration.ZERO, new TaskLifecycle.Shutdown() {
            @Override
            public void beforeCutShort() {
                order.add("cut");
            }

            @Override
            public void stopWorkers(long deadlineNanos) {
                order.add("stop");
            }
        });
        assertFalse(clean);
        assertEquals(List.of("cut", "stop"), order);
        OffloadException e = Await.failure(stuck, "the task close cut short");
        assertEquals(FailureKind.CLOSED, e.kind());
        assertEquals(1, cut.stats(1).failed());
        assertFalse(cut.close(Duration.ofSeconds(1), d -> order.add("again")), "a second close repeats the answer");
        assertEquals(2, order.size(), "and does nothing more");
    }

    @Test
    void aTaskRunHereIsInterruptedWhenCancelledAndItsThreadAbandonedWhenItIgnoresThat() throws Exception {
        List<Thread> abandoned = new CopyOnWriteArrayList<>();
        TaskLifecycle lc = new TaskLifecycle(LifecycleSettings.of("test/threads", 2).withTimers(timers),
                new TaskLifecycle.Model() {
                    @Override
                    public void dispatch(TaskHandle handle) {
                        model.dispatched.add(handle);
                    }

                    @Override
                    public void runnerAbandoned(Thread stuck, boolean closing) {
                        abandoned.add(stuck);
                    }

                    @Override
                    public String queueFullMessage() {
                        return "full";
                    }
                });
        CountDownLatch inside = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        List<Boolean> sawInterrupt = new CopyOnWriteArrayList<>();
        Workload echo = WorkloadCatalogue.load().get("echo");
        Workload blocking = new Workload() {
            @Override
            public String id() {
                return "blocking";
            }

            @Override
            public String description() {
                return "waits for the test, ignoring interrupts";
            }

            @Override
            public org.offloadbench.core.workload.WorkloadClass workloadClass() {
                return echo.workloadClass();
            }

            @Override
            public int defaultPayloadBytes() {
                return 0;
            }

            @Override
            public byte[] generateInput(org.offloadbench.core.workload.InputSpec spec) {
                return new byte[0];
            }

            @Override
            public byte[] execute(byte[] input) {
                inside.countDown();
                boolean interrupted = false;
                while (true) {
                    try {
                        release.await();
                        break;
                    } catch (InterruptedException e) {
                        interrupted = true;
                    }
                }
                sawInterrupt.add(interrupted);
                return input;
            }
        };
        CompletableFuture<TaskResult> f = lc.submit(Task.of("blocking", new byte[0]), blocking);
        TaskHandle h = model.dispatched.get(0);
        CompletableFuture<Boolean> ran = CompletableFuture.supplyAsync(() -> h.runHere("runner"));
        inside.await();
        f.cancel(true);
        assertEquals(1, lc.stats(1).cancelled());
        ManualTimers.Scheduled grace = timers.scheduled().get(timers.scheduled().size() - 1);
        assertEquals(LifecycleSettings.DEFAULT_ABANDON_GRACE_NANOS, grace.delayNanos);
        grace.fire();
        assertEquals(1, abandoned.size(), "a thread past its grace is handed to the model to replace");
        assertEquals(1, lc.stats(1).abandoned());
        release.countDown();
        assertTrue(ran.get(30, TimeUnit.SECONDS), "the runner learns it was abandoned");
        assertEquals(List.of(true), sawInterrupt, "the runner was interrupted");
        assertEquals(1, total(lc.stats(1)), "the late result is not counted");
    }

    @Test
    void copyOnSubmitClonesOnlyAcceptedCopyInputsAndTheAttachmentStaysWithTheHandle() {
        TaskLifecycle lc = lifecycle(1);
        byte[] input = {1, 2, 3};
        lc.submit(Task.of("echo", input), null);
        TaskHandle h = model.dispatched.get(0);
        assertNotSame(input, h.input());
        input[0] = 9;
        assertEquals(1, h.input()[0], "the caller may reuse its array once submit returns");
        assertNull(h.attachment());
        Object mine = new Object();
        h.attach(mine);
        assertSame(mine, h.attachment());

        TaskLifecycle remote = new TaskLifecycle(LifecycleSettings.of("test/remote", 1).withTimers(timers)
                .withCopyOnSubmit(false), model);
        byte[] owned = {4};
        remote.submit(Task.of("echo", owned), null);
        assertSame(owned, model.dispatched.get(1).input(), "without copyOnSubmit the model copies when it must");
        assertEquals(FailureKind.BAD_REQUEST, Await.failure(remote.failAtSubmit(OffloadException.badRequest("x")),
                "a refused task").kind());
        assertEquals(1, remote.stats(1).failed());
    }

    private static void assertNotSame(Object a, Object b) {
        org.junit.jupiter.api.Assertions.assertNotSame(a, b);
    }

    @Test
    void theSubmitFlowRunsWithARealWatchdog() {
        WorkloadCatalogue catalogue = WorkloadCatalogue.load();
        List<Thread> threads = new ArrayList<>();
        TaskLifecycle lc = new TaskLifecycle(LifecycleSettings.of("test/real", 4), new TaskLifecycle.Model() {
            @Override
            public void dispatch(TaskHandle handle) {
                Thread t = new Thread(() -> handle.runHere("t"));
                threads.add(t);
                t.start();
            }

            @Override
            public String queueFullMessage() {
                return "full";
            }
        });
        TaskResult r = Await.result(lc.submit(Task.of("sha256", new byte[] {1, 2, 3}), catalogue.get("sha256")),
                "sha256");
        assertEquals(32, r.output().length);
        assertTrue(lc.close(Duration.ofSeconds(5), d -> { }));
        assertEquals(1, lc.stats(0).completed());
    }
}
