package org.offloadbench.node;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import org.offloadbench.core.offload.FailureKind;
import org.offloadbench.core.offload.OffloadException;
import org.offloadbench.core.offload.Offloader;
import org.offloadbench.core.offload.OffloaderStats;
import org.offloadbench.core.offload.Task;
import org.offloadbench.core.offload.TaskResult;
import org.offloadbench.core.offload.support.LifecycleSettings;
import org.offloadbench.core.offload.support.TaskHandle;
import org.offloadbench.core.offload.support.TaskLifecycle;
import org.offloadbench.core.wire.Frame;
import org.offloadbench.core.wire.FrameCodec;
import org.offloadbench.core.workload.Checksums;

/**
 * The JVM side of the three pipe models (worker-threads, child-process, shared-array-buffer): one node
 * process, core's frames over its stdin/stdout, at most {@code workers} requests in node at once and the rest
 * queued here.
 *
 * <p>A task's life is core's {@link TaskLifecycle}, as for every JVM model: admission against
 * {@code workers + queueCapacity}, exactly-once completion, cancel, the counters and the close drain. What is
 * node's own: node times a task out from its hand-off to a worker and terminates a worker whose task timed out
 * or was cancelled while running (those answers and a worker's death count as respawns); when the node process
 * itself dies its in-flight tasks fail {@code WORKER_CRASHED} and a new one is started (three tries).
 *
 * <p>Who writes to node's stdin: the submitting thread for a task that goes straight to node (its COPY input
 * needs no copy then), and otherwise one writer thread. The thread that reads node's answers never writes:
 * node writes its answers with a blocking write, so a reader blocked on a full stdin while node is blocked on
 * a full stdout would be a deadlock (a closed loop submits its next task from the completion callback, which
 * runs on the reader).
 */
final class NodePipeOffloader implements Offloader {
    private static final int RESTART_ATTEMPTS = 3;
    private static final String CANCELLED_RUNNING = "cancelled while running";

    private final NodeSettings settings;
    private final String mode;
    private final Path node;
    private final NodeScripts scripts;
    private final FrameCodec codec = FrameCodec.withDefaults();
    private final TaskLifecycle lifecycle;
    private final Object lock = new Object();
    private final ArrayDeque<NodeCall> queue = new ArrayDeque<>();
    private final Map<Long, NodeCall> inFlight = new HashMap<>();
    /** Ids cancelled while in node: their CANCELLED answer tells whether a worker was replaced. */
    private final Set<Long> cancelledInNode = new HashSet<>();
    private final StdinWriter writer;
    private NodePipeProcess process;
    private String brokenReason;
    private boolean cutShort;
    private long nextId = 1;
    private long respawned;

    NodePipeOffloader(NodeSettings settings, String mode, Path node) {
        this.settings = settings;
        this.mode = mode;
        this.node = node;
        this.writer = new StdinWriter(settings.model() + "-writer");
        // node times tasks itself; a COPY input is copied only when the task has to wait here (see dispatch)
        this.lifecycle = new TaskLifecycle(LifecycleSettings.of(settings.model(),
                settings.workers() + settings.queueCapacity()).withTimesTasks(false).withCopyOnSubmit(false),
                new Model());
        try {
            this.scripts = NodeScripts.extract();
        } catch (IOException e) {
            throw new OffloadException(FailureKind.UNAVAILABLE, settings.model() + ": cannot write its scripts: "
                    + e.getMessage(), e);
        }
        try {
            process = startProcess();
        } catch (IOException e) {
            scripts.close();
            writer.close();
            throw new OffloadException(FailureKind.UNAVAILABLE, settings.model() + ": " + e.getMessage(), e);
        }
    }

    private NodePipeProcess startProcess() throws IOException {
        return NodePipeProcess.start(node, scripts, mode, settings, codec, this::onFrame, this::onEnd);
    }

    @Override
    public String name() {
        return settings.model();
    }

    @Override
    public CompletableFuture<TaskResult> submit(Task task) {
        String broken;
        synchronized (lock) {
            broken = brokenReason;
        }
        if (broken != null) {
            return lifecycle.failAtSubmit(new OffloadException(FailureKind.UNAVAILABLE, broken));
        }
        if (!NodeModels.supports(task.workloadId())) {
            return lifecycle.failAtSubmit(OffloadException.badRequest(NodeModels.unsupported(name(),
                    task.workloadId())));
        }
        return lifecycle.submit(task, null);
    }

    /** What the lifecycle asks of this model: send or queue a task, stop one ended from outside. */
    private final class Model implements TaskLifecycle.Model {
        @Override
        public void dispatch(TaskHandle handle) {
            NodeCall call;
            NodePipeProcess target;
            synchronized (lock) {
                call = new NodeCall(handle, nextId++);
                handle.attach(call);
                target = process;
                // on the reader thread (a completion callback submitting) it must not write: it goes via the writer
                if (target == null || !queue.isEmpty() || inFlight.size() >= settings.workers()
                        || target.isReader()) {
                    // it waits here: a COPY hand-off promises the caller its array back at once, so copy it now
                    if (handle.task().handoff() == Task.Handoff.COPY) {
                        call.input = call.input.clone();
                    }
                    queue.addLast(call);
                    if (target == null || !target.isReader()) {
                        return;
                    }
                } else {
                    markSent(call);
                }
            }
            if (target.isReader()) {
                pump();
            } else {
                send(target, call); // written before submit returns, so the caller's array is never read after it
            }
        }

        @Override
        public void stopped(TaskHandle handle, TaskHandle.State from) {
            NodeCall call = (NodeCall) handle.attachment();
            if (call == null) {
                return;
            }
            NodePipeProcess target = null;
            synchronized (lock) {
                if (!queue.remove(call) && inFlight.remove(call.id) != null && !cutShort) {
                    cancelledInNode.add(call.id); // node terminates the worker that runs it
                    target = process;
                }
            }
            if (target != null) {
                NodePipeProcess cancelTarget = target;
                writer.run(() -> {
                    try {
                        cancelTarget.send(new Frame.Cancel(call.id));
                    } catch (IOException e) {
                        cancelTarget.kill(); // node is gone; onEnd takes care of the rest
                    }
                });
                pump();
            }
        }

        @Override
        public String queueFullMessage() {
            synchronized (lock) {
                return name() + ": queue full (" + queue.size() + " waiting, " + inFlight.size() + " in node; "
                        + "workers + queueCapacity = " + lifecycle.settings().admissionLimit()
                        + "); retry later or raise queueCapacity";
            }
        }
    }

    /** Caller holds the lock; false when the task ended meanwhile (cancelled while queued). */
    private boolean markSent(NodeCall call) {
        if (!call.handle.start()) {
            return false;
        }
        call.sentNanos = System.nanoTime();
        inFlight.put(call.id, call);
        return true;
    }

    private void send(NodePipeProcess target, NodeCall call) {
        try {
            target.send(new Frame.Request(call.id, call.handle.task().workloadId(), call.handle.task().timeoutNanos(),
                    call.input));
        } catch (IOException e) {
            // node is gone: its reader thread sees the end of stdout and fails every task in flight (onEnd)
            target.kill();
        }
    }

    /** Sends queued tasks while node has room, on the writer thread; called after anything frees a place. */
    private void pump() {
        synchronized (lock) {
            if (queue.isEmpty() || process == null || inFlight.size() >= settings.workers()) {
                return; // nothing can go now: no hand-off to the writer (a wake-up per completion otherwise)
            }
        }
        writer.run(this::sendQueued);
    }

    private void sendQueued() {
        List<NodeCall> toSend = new ArrayList<>();
        NodePipeProcess target;
        synchronized (lock) {
            target = process;
            while (target != null && !queue.isEmpty() && inFlight.size() < settings.workers()) {
                NodeCall call = queue.removeFirst();
                if (markSent(call)) {
                    toSend.add(call);
                }
            }
        }
        toSend.forEach(call -> send(target, call));
    }

    private void onFrame(Frame frame) {
        NodeCall call;
        synchronized (lock) {
            call = inFlight.remove(frame.requestId());
            if (call == null && cancelledInNode.remove(frame.requestId()) && frame instanceof Frame.Error e
                    && e.failure() == FailureKind.CANCELLED && e.message().startsWith(CANCELLED_RUNNING)) {
                respawned++;
            }
        }
        if (call != null) {
            complete(call, frame);
            pump();
        }
    }

    private void complete(NodeCall call, Frame frame) {
        TaskHandle handle = call.handle;
        if (frame instanceof Frame.Response r) {
            byte[] out = r.payload();
            long hereQueue = Math.max(0, call.sentNanos - handle.submitNanos());
            handle.complete(new TaskResult(out, Checksums.of(out), hereQueue + r.queueNanos(), r.runNanos(),
                    "node-" + mode + "@" + processPid()));
        } else if (frame instanceof Frame.Error e) {
            FailureKind kind = e.failure();
            if (kind == FailureKind.TIMED_OUT || kind == FailureKind.WORKER_CRASHED) {
                synchronized (lock) {
                    respawned++; // node terminated (or lost) the worker that ran it and starts another
                }
            }
            handle.fail(new OffloadException(kind, name() + ": " + e.message()));
        } else {
            handle.fail(OffloadException.workerCrashed(name() + ": node answered with a " + frame.kind()));
        }
    }

    private long processPid() {
        NodePipeProcess p;
        synchronized (lock) {
            p = process;
        }
        return p == null ? -1 : p.pid();
    }

    /** The node process ended: fail what it held, then start a new one unless closing. */
    private void onEnd(String why) {
        List<NodeCall> lost;
        boolean restart;
        synchronized (lock) {
            lost = new ArrayList<>(inFlight.values());
            inFlight.clear();
            cancelledInNode.clear();
            process = null;
            restart = !lifecycle.isClosed();
            if (restart) {
                respawned += settings.workers();
            }
        }
        for (NodeCall call : lost) {
            call.handle.fail(OffloadException.workerCrashed(name() + ": " + why));
        }
        if (restart) {
            Thread restarter = new Thread(() -> restart(why), name() + "-restart");
            restarter.setDaemon(true);
            restarter.start();
        }
    }

    private void restart(String why) {
        IOException last = null;
        for (int attempt = 1; attempt <= RESTART_ATTEMPTS && !lifecycle.isClosed(); attempt++) {
            try {
                NodePipeProcess p = startProcess();
                synchronized (lock) {
                    if (lifecycle.isClosed()) {
                        p.kill();
                        return;
                    }
                    process = p;
                }
                pump();
                return;
            } catch (IOException e) {
                last = e;
                sleepMillis(50L << attempt);
            }
        }
        if (lifecycle.isClosed()) {
            return;
        }
        List<NodeCall> waiting;
        String reason = name() + ": node could not be restarted after it ended (" + why + "): "
                + (last == null ? "closed" : last.getMessage());
        synchronized (lock) {
            brokenReason = reason;
            waiting = new ArrayList<>(queue);
            queue.clear();
        }
        for (NodeCall call : waiting) {
            call.handle.fail(new OffloadException(FailureKind.UNAVAILABLE, reason));
        }
    }

    private static void sleepMillis(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public OffloaderStats stats() {
        int workers;
        long respawns;
        synchronized (lock) {
            workers = process != null && process.isAlive() ? settings.workers() : 0;
            respawns = respawned;
        }
        return lifecycle.stats(workers).withRecovery(respawns, 0);
    }

    @Override
    public List<Long> workerPids() {
        NodePipeProcess p;
        synchronized (lock) {
            p = process;
        }
        return p == null ? List.of() : p.pids();
    }

    /**
     * Drains (core's lifecycle: accepted tasks finish until the timeout, the rest fail CLOSED), then ends node:
     * gracefully when nothing was cut short, killed (with its workers) in any case.
     */
    @Override
    public boolean close(Duration timeout) {
        return lifecycle.close(timeout, new TaskLifecycle.Shutdown() {
            @Override
            public void beforeCutShort() {
                synchronized (lock) {
                    cutShort = true; // node is killed next: no cancel frames for the tasks cut short
                }
            }

            @Override
            public void stopWorkers(long deadlineNanos) {
                NodePipeProcess p;
                boolean graceful;
                synchronized (lock) {
                    p = process;
                    process = null;
                    graceful = !cutShort;
                    queue.clear();
                    inFlight.clear();
                }
                if (p != null) {
                    if (graceful) {
                        p.shutdown();
                        p.awaitExit(2_000);
                    }
                    p.kill();
                }
                writer.close();
                scripts.close();
            }
        });
    }
}
