package org.offloadbench.process;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

import org.offloadbench.core.offload.FailureKind;
import org.offloadbench.core.offload.OffloadException;
import org.offloadbench.core.offload.Offloader;
import org.offloadbench.core.offload.OffloaderConfig;
import org.offloadbench.core.offload.OffloaderStats;
import org.offloadbench.core.offload.Task;
import org.offloadbench.core.offload.TaskResult;
import org.offloadbench.core.wire.Frame;
import org.offloadbench.core.wire.FrameCodec;
import org.offloadbench.core.worker.ChildJvm;
import org.offloadbench.core.worker.ChildJvmLauncher;
import org.offloadbench.core.worker.ChildJvmSpec;
import org.offloadbench.core.workload.WorkloadCatalogue;

/**
 * {@value #NAME}: the seed article's pattern for processes, a new child JVM for every task (what
 * {@code child_process.fork()} per request does in Node), so "use a pool for repeated tasks" has a figure beside
 * {@code process/pipes}. Each task pays a JVM's start (spawn to READY), one request and answer over its pipes,
 * and the child's exit, on its critical path.
 *
 * <p>At most {@code workers} children live at once: {@code workers} runner threads each take a task, start a
 * child for it, send it, read the answer and end the child. A task's timeout counts from the moment its child
 * has the request (the start of execution); past it, or on cancel, the child is killed, which stops any task.
 * A child that dies under its task is counted in {@code respawned} (the next task gets a new child anyway) and,
 * with {@code retry=on}, the task runs once more in a fresh child.
 *
 * <p>Options: {@code heap}, {@code gc}, {@code tiering}, {@code jvmOptions}, {@code retry},
 * {@code startTimeoutMillis}, as for {@code process/pipes}.
 */
public final class SpawnPerTaskProcessOffloader implements Offloader {
    public static final String NAME = "process/spawn-per-task";
    static final Set<String> OPTIONS = Set.of(PipesSettings.HEAP, PipesSettings.GC, PipesSettings.TIERING,
            PipesSettings.JVM_OPTIONS, PipesSettings.RETRY, PipesSettings.START_TIMEOUT_MILLIS);
    /** process/pipes' specs of the options this model takes. */
    static final List<org.offloadbench.core.offload.options.OptionSpec> SPECS = PipesSettings.OPTIONS.stream()
            .filter(o -> OPTIONS.contains(o.name())).toList();

    private final Object lock = new Object();
    private final PipesSettings settings;
    private final WorkloadCatalogue catalogue;
    private final FrameCodec codec = FrameCodec.withDefaults();
    private final ChildJvmLauncher launcher = new ChildJvmLauncher();
    private final ScheduledExecutorService timer;
    private final List<Thread> runners = new ArrayList<>();
    private final ArrayDeque<Job> queue = new ArrayDeque<>();
    private final List<Job> running = new ArrayList<>();
    private long completed;
    private long failed;
    private long timedOut;
    private long rejected;
    private long cancelled;
    private long respawned;
    private boolean closed;
    private Boolean closeResult;

    /** A task and the child running it; guarded by the offloader's lock. */
    private static final class Job {
        final Task task;
        final byte[] input;
        final long submittedNanos = System.nanoTime();
        final CompletableFuture<TaskResult> future = new CompletableFuture<>();
        boolean done;
        ChildJvm child;
        ScheduledFuture<?> timeout;

        Job(Task task, byte[] input) {
            this.task = task;
            this.input = input;
        }
    }

    public SpawnPerTaskProcessOffloader(OffloaderConfig config) {
        config.requireOnly(NAME, OPTIONS);
        this.settings = PipesSettings.from(NAME, config);
        this.catalogue = WorkloadCatalogue.load();
        this.timer = Executors.newSingleThreadScheduledExecutor(r -> daemon(r, NAME + "-timer"));
        for (int i = 0; i < config.workers(); i++) {
            Thread t = daemon(this::runLoop, NAME + "-runner-" + i);
            runners.add(t);
            t.start();
        }
    }

    private static Thread daemon(Runnable r, String name) {
        Thread t = new Thread(r, name);
        t.setDaemon(true);
        return t;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public CompletableFuture<TaskResult> submit(Task task) {
        synchronized (lock) {
            if (closed) {
                failed++;
                return CompletableFuture.failedFuture(OffloadException.closed(NAME + " is closed and accepts no more tasks"));
            }
            if (!catalogue.contains(task.workloadId())) {
                failed++;
                return CompletableFuture.failedFuture(OffloadException.badRequest("unknown workload '"
                        + task.workloadId() + "'; valid: " + String.join(", ", catalogue.ids())));
            }
            long accepted = queue.size() + running.stream().filter(j -> !j.done).count();
            if (accepted >= settings.workers() + settings.queueCapacity()) {
                rejected++;
                return CompletableFuture.failedFuture(OffloadException.rejected("queue full: " + running.size()
                        + " running and " + queue.size() + " queued in " + NAME + " (queueCapacity "
                        + settings.queueCapacity() + "); retry later or raise queueCapacity"));
            }
            Job job = new Job(task, task.handoff() == Task.Handoff.COPY ? task.input().clone() : task.input());
            job.future.whenComplete((r, e) -> {
                if (job.future.isCancelled()) {
                    onCancelled(job);
                }
            });
            queue.addLast(job);
            lock.notifyAll();
            return job.future;
        }
    }

    private void runLoop() {
        while (true) {
            Job job;
            synchronized (lock) {
                while (queue.isEmpty() && !closed) {
                    try {
                        lock.wait();
                    } catch (InterruptedException e) {
                        return;
                    }
                }
                if (queue.isEmpty()) {
                    return; // closed and drained
                }
                job = queue.pollFirst();
                running.add(job);
            }
            if (runOnce(job, settings.retry())) {
                runOnce(job, false); // the child died under it: once more in a fresh child
            }
            synchronized (lock) {
                running.remove(job);
                lock.notifyAll();
            }
        }
    }

    /**
     * Runs {@code job} in a new child; true when the child died under it and {@code mayRetry} leaves the task
     * open for one more try, false when the task is settled.
     */
    private boolean runOnce(Job job, boolean mayRetry) {
        ChildJvm child;
        try {
            child = launcher.launch(ChildJvmSpec.worker().withJvmOptions(settings.jvmOptions()));
            child.awaitReady(codec, Duration.ofNanos(settings.startTimeoutNanos()));
        } catch (IOException e) {
            finish(job, null, new OffloadException(FailureKind.UNAVAILABLE, NAME + ": " + e.getMessage(), e));
            return false;
        }
        long startedNanos;
        synchronized (lock) {
            if (job.done) {
                kill(child); // cancelled or closed while its child started
                return false;
            }
            job.child = child;
            startedNanos = System.nanoTime();
            if (job.task.hasTimeout()) {
                job.timeout = timer.schedule(() -> onTimeout(job, child), job.task.timeoutNanos(), TimeUnit.NANOSECONDS);
            }
        }
        try {
            codec.write(new Frame.Request(1, job.task.workloadId(), job.task.timeoutNanos(), job.input), child.stdin());
            child.stdin().flush();
            Frame answer = codec.readVerifyingResponses(child.stdout());
            if (answer instanceof Frame.Response r) {
                finish(job, new TaskResult(r.payload(), r.checksum(), startedNanos - job.submittedNanos, r.runNanos(),
                        "child-" + child.pid()), null);
            } else if (answer instanceof Frame.Error e) {
                finish(job, null, new OffloadException(e.failure(), e.message()));
            } else {
                throw new IOException(answer == null ? "the child closed its stdout" : "unexpected " + answer.kind());
            }
            child.close(Duration.ofMillis(500));
            return false;
        } catch (IOException | RuntimeException e) {
            child.destroyForcibly();
            synchronized (lock) {
                if (job.done) {
                    return false; // killed on purpose: timeout or cancel
                }
                respawned++;
            }
            if (!mayRetry) {
                finish(job, null, OffloadException.workerCrashed(NAME + ": child " + child.pid() + " died under the "
                        + "task: " + e.getMessage() + "; stderr: " + String.join(" | ", child.stderrTail())));
                return false;
            }
            return true;
        } finally {
            if (job.timeout != null) {
                job.timeout.cancel(false);
            }
        }
    }

    private void onTimeout(Job job, ChildJvm child) {
        if (finish(job, null, OffloadException.timedOut(NAME + ": task ran past its timeout of "
                + TimeUnit.NANOSECONDS.toMillis(job.task.timeoutNanos()) + " ms; child " + child.pid() + " killed"))) {
            kill(child);
        }
    }

    private void onCancelled(Job job) {
        ChildJvm child;
        synchronized (lock) {
            if (job.done) {
                return;
            }
            job.done = true;
            cancelled++;
            queue.remove(job);
            child = job.child;
            lock.notifyAll();
        }
        if (child != null) {
            kill(child);
        }
    }

    private void kill(ChildJvm child) {
        child.destroyForcibly();
        synchronized (lock) { // lock order: never called with the lock held by a caller that waits on a child
            respawned++; // a killed child is what "replacing a worker" means here
        }
    }

    /** Completes the job once; true when this call did it. */
    private boolean finish(Job job, TaskResult result, OffloadException failure) {
        synchronized (lock) {
            if (job.done) {
                return false;
            }
            job.done = true;
            boolean won = result != null ? job.future.complete(result) : job.future.completeExceptionally(failure);
            if (won) {
                if (result != null) {
                    completed++;
                } else if (failure.kind() == FailureKind.TIMED_OUT) {
                    timedOut++;
                } else {
                    failed++;
                }
            }
            lock.notifyAll();
            return won;
        }
    }

    @Override
    public OffloaderStats stats() {
        synchronized (lock) {
            int live = (int) runners.stream().filter(Thread::isAlive).count();
            int inFlight = (int) running.stream().filter(j -> !j.done).count();
            return new OffloaderStats(closed ? 0 : live, queue.size(), inFlight, completed, failed, timedOut, rejected,
                    cancelled, respawned, 0);
        }
    }

    @Override
    public List<Long> workerPids() {
        synchronized (lock) {
            return running.stream().filter(j -> j.child != null && j.child.isAlive()).map(j -> j.child.pid()).toList();
        }
    }

    @Override
    public boolean close(Duration timeout) {
        List<Job> cut = new ArrayList<>();
        synchronized (lock) {
            if (closeResult != null) {
                return closeResult;
            }
            closed = true;
            lock.notifyAll();
            long deadline = System.nanoTime() + Math.min(timeout.toNanos(), TimeUnit.DAYS.toNanos(365));
            try {
                while ((!queue.isEmpty() || running.stream().anyMatch(j -> !j.done))
                        && deadline - System.nanoTime() > 0) {
                    TimeUnit.NANOSECONDS.timedWait(lock, deadline - System.nanoTime());
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            closeResult = queue.isEmpty() && running.stream().allMatch(j -> j.done);
            cut.addAll(queue);
            cut.addAll(running);
            queue.clear();
        }
        OffloadException closedFailure = OffloadException.closed(NAME + " was closed before the task finished");
        for (Job job : cut) {
            ChildJvm child;
            synchronized (lock) {
                child = job.child;
            }
            finish(job, null, closedFailure);
            if (child != null) {
                child.destroyForcibly();
            }
        }
        for (Thread t : runners) {
            t.interrupt();
        }
        for (Thread t : runners) {
            try {
                t.join(TimeUnit.SECONDS.toMillis(10));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        timer.shutdownNow();
        return closeResult;
    }
}
