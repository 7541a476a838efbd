package org.offloadbench.process;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import org.offloadbench.core.offload.FailureKind;
import org.offloadbench.core.offload.OffloadException;
import org.offloadbench.core.offload.Offloader;
import org.offloadbench.core.offload.OffloaderConfig;
import org.offloadbench.core.offload.OffloaderStats;
import org.offloadbench.core.offload.Task;
import org.offloadbench.core.offload.TaskResult;
import org.offloadbench.core.offload.support.LifecycleSettings;
import org.offloadbench.core.offload.support.TaskHandle;
import org.offloadbench.core.offload.support.TaskLifecycle;
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
 * <p>Tasks live in core's {@link TaskLifecycle} (admission, exactly-once completion, cancel, counters, close
 * drain). At most {@code workers} children live at once: {@code workers} runner threads each take a task (it
 * is RUNNING from then on), start a child for it, send it, read the answer and end the child. A task's timeout
 * counts from the moment its child has the request (the start of execution, {@link TaskHandle#startTimeoutNow});
 * past it, or on cancel, the child is killed, which stops any task. A child that dies under its task is counted
 * in {@code respawned} (the next task gets a new child anyway) and, with {@code retry=on}, the task runs once
 * more in a fresh child.
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

    private final PipesSettings settings;
    private final WorkloadCatalogue catalogue;
    private final FrameCodec codec = FrameCodec.withDefaults();
    private final ChildJvmLauncher launcher = new ChildJvmLauncher();
    private final TaskLifecycle lifecycle;
    private final LinkedBlockingQueue<TaskHandle> queue = new LinkedBlockingQueue<>();
    private final List<Thread> runners = new ArrayList<>();
    /** The children running a task now. */
    private final Set<ChildJvm> children = ConcurrentHashMap.newKeySet();
    /** Orders a runner attaching its child against a task ended from outside (which kills that child). */
    private final Object attachLock = new Object();

    public SpawnPerTaskProcessOffloader(OffloaderConfig config) {
        config.requireOnly(NAME, OPTIONS);
        this.settings = PipesSettings.from(NAME, config);
        this.catalogue = WorkloadCatalogue.load();
        this.lifecycle = new TaskLifecycle(LifecycleSettings.of(NAME, config.workers() + config.queueCapacity())
                .withTimesTasks(false), new Model());
        for (int i = 0; i < config.workers(); i++) {
            Thread t = new Thread(this::runLoop, NAME + "-runner-" + i);
            t.setDaemon(true);
            runners.add(t);
            t.start();
        }
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public CompletableFuture<TaskResult> submit(Task task) {
        if (lifecycle.isClosed() || catalogue.contains(task.workloadId())) {
            return lifecycle.submit(task, null);
        }
        return lifecycle.failAtSubmit(OffloadException.badRequest("unknown workload '" + task.workloadId()
                + "'; valid: " + String.join(", ", catalogue.ids())));
    }

    private void runLoop() {
        while (true) {
            TaskHandle handle;
            try {
                handle = queue.take();
            } catch (InterruptedException e) {
                return; // close
            }
            if (!handle.start()) {
                continue; // cancelled while queued
            }
            if (runOnce(handle, settings.retry())) {
                runOnce(handle, false); // the child died under it: once more in a fresh child
            }
        }
    }

    /**
     * Runs the task in a new child; true when the child died under it and {@code mayRetry} leaves the task
     * open for one more try, false when the task is settled.
     */
    private boolean runOnce(TaskHandle handle, boolean mayRetry) {
        ChildJvm child;
        try {
            child = launcher.launch(ChildJvmSpec.worker().withJvmOptions(settings.jvmOptions()));
            child.awaitReady(codec, Duration.ofNanos(settings.startTimeoutNanos()));
        } catch (IOException e) {
            handle.fail(new OffloadException(FailureKind.UNAVAILABLE, NAME + ": " + e.getMessage(), e));
            return false;
        }
        long startedNanos;
        synchronized (attachLock) {
            if (handle.isDone()) {
                kill(child); // cancelled or closed while its child started
                return false;
            }
            handle.attach(child);
            children.add(child);
            startedNanos = lifecycle.nanoTime();
            handle.startTimeoutNow();
        }
        Task task = handle.task();
        try {
            codec.write(new Frame.Request(1, task.workloadId(), task.timeoutNanos(), handle.input()), child.stdin());
            child.stdin().flush();
            Frame answer = codec.readVerifyingResponses(child.stdout());
            if (answer instanceof Frame.Response r) {
                handle.complete(new TaskResult(r.payload(), r.checksum(), startedNanos - handle.submitNanos(),
                        r.runNanos(), "child-" + child.pid()));
            } else if (answer instanceof Frame.Error e) {
                handle.fail(new OffloadException(e.failure(), e.message()));
            } else {
                throw new IOException(answer == null ? "the child closed its stdout" : "unexpected " + answer.kind());
            }
            child.close(Duration.ofMillis(500));
            return false;
        } catch (IOException | RuntimeException e) {
            child.destroyForcibly();
            if (handle.isDone()) {
                return false; // killed on purpose: timeout, cancel or close
            }
            lifecycle.counters().respawned();
            if (!mayRetry) {
                handle.fail(OffloadException.workerCrashed(NAME + ": child " + child.pid() + " died under the "
                        + "task: " + e.getMessage() + "; stderr: " + String.join(" | ", child.stderrTail())));
                return false;
            }
            return true;
        } finally {
            handle.cancelTimeout();
            synchronized (attachLock) {
                handle.attach(null);
                children.remove(child);
            }
        }
    }

    /** A killed child is what "replacing a worker" means here; at close it is just cleanup. */
    private void kill(ChildJvm child) {
        child.destroyForcibly();
        if (!lifecycle.isClosed()) {
            lifecycle.counters().respawned();
        }
    }

    @Override
    public OffloaderStats stats() {
        int live = (int) runners.stream().filter(Thread::isAlive).count();
        return lifecycle.stats(lifecycle.isClosed() ? 0 : live);
    }

    @Override
    public List<Long> workerPids() {
        return children.stream().filter(ChildJvm::isAlive).map(ChildJvm::pid).toList();
    }

    @Override
    public boolean close(Duration timeout) {
        return lifecycle.close(timeout, deadlineNanos -> {
            for (Thread t : runners) {
                t.interrupt();
            }
            for (Thread t : runners) {
                t.join(TimeUnit.SECONDS.toMillis(10));
            }
        });
    }

    /** The lifecycle's view of this model. */
    private final class Model implements TaskLifecycle.Model {
        @Override
        public void dispatch(TaskHandle handle) {
            queue.add(handle);
        }

        @Override
        public void stopped(TaskHandle handle, TaskHandle.State from) {
            if (from == TaskHandle.State.QUEUED) {
                queue.remove(handle);
                return;
            }
            ChildJvm child;
            synchronized (attachLock) {
                child = handle.attachment() instanceof ChildJvm c ? c : null;
            }
            if (child != null) {
                kill(child);
            }
        }

        @Override
        public String queueFullMessage() {
            return "queue full: " + lifecycle.counters().inFlight() + " running and " + queue.size() + " queued in "
                    + NAME + " (queueCapacity " + settings.queueCapacity() + "); retry later or raise queueCapacity";
        }
    }
}
