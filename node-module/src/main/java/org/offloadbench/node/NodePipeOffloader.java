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
import java.util.concurrent.TimeUnit;
import org.offloadbench.core.offload.FailureKind;
import org.offloadbench.core.offload.OffloadException;
import org.offloadbench.core.offload.Offloader;
import org.offloadbench.core.offload.OffloaderStats;
import org.offloadbench.core.offload.Task;
import org.offloadbench.core.offload.TaskResult;
import org.offloadbench.core.wire.Frame;
import org.offloadbench.core.wire.FrameCodec;
import org.offloadbench.core.workload.Checksums;

/**
 * The JVM side of the three pipe models (worker-threads, child-process, shared-array-buffer): one node
 * process, core's frames over its stdin/stdout, at most {@code workers} requests in node at once and a bounded
 * queue here. Node times tasks out from their hand-off to a worker and terminates a worker whose task timed out
 * or was cancelled while running; those answers and a worker's death count as respawns. When the node process
 * itself dies its in-flight tasks fail {@code WORKER_CRASHED} and a new one is started (three tries).
 */
final class NodePipeOffloader implements Offloader {
    private static final int RESTART_ATTEMPTS = 3;
    private static final String CANCELLED_RUNNING = "cancelled while running";

    private final NodeSettings settings;
    private final String mode;
    private final Path node;
    private final NodeScripts scripts;
    private final FrameCodec codec = FrameCodec.withDefaults();
    private final Object lock = new Object();
    private final ArrayDeque<NodeTask> queue = new ArrayDeque<>();
    private final Map<Long, NodeTask> inFlight = new HashMap<>();
    /** Ids cancelled while in node: their CANCELLED answer tells whether a worker was replaced. */
    private final Set<Long> cancelledInNode = new HashSet<>();
    private NodePipeProcess process;
    private String brokenReason;
    private boolean closed;
    private long nextId = 1;
    private long completed;
    private long failed;
    private long timedOut;
    private long rejected;
    private long cancelled;
    private long respawned;

    NodePipeOffloader(NodeSettings settings, String mode, Path node) {
        this.settings = settings;
        this.mode = mode;
        this.node = node;
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
        long now = System.nanoTime();
        NodeTask t;
        NodePipeProcess target;
        synchronized (lock) {
            OffloadException refused = closed ? OffloadException.closed(name() + " is closed")
                    : brokenReason != null ? new OffloadException(FailureKind.UNAVAILABLE, brokenReason)
                    : !NodeModels.supports(task.workloadId())
                    ? OffloadException.badRequest(NodeModels.unsupported(name(), task.workloadId())) : null;
            boolean sendNow = process != null && queue.isEmpty() && inFlight.size() < settings.workers();
            if (refused == null && !sendNow && queue.size() >= settings.queueCapacity()) {
                rejected++;
                return failedTask(task, now, OffloadException.rejected(name() + ": queue full ("
                        + settings.queueCapacity() + " waiting, " + inFlight.size() + " in node)"));
            }
            if (refused != null) {
                failed++;
                return failedTask(task, now, refused);
            }
            if (!sendNow) {
                // it waits here: a COPY hand-off promises the caller its array back at once, so copy it now
                t = new NodeTask(this, nextId++, task, task.handoff() == Task.Handoff.COPY ? task.input().clone()
                        : task.input(), now);
                queue.addLast(t);
                return t;
            }
            t = new NodeTask(this, nextId++, task, task.input(), now);
            t.sentNanos = now;
            inFlight.put(t.id, t);
            target = process;
        }
        send(target, t); // written before submit returns, so the caller's array is never read after it
        return t;
    }

    private NodeTask failedTask(Task task, long now, OffloadException why) {
        NodeTask t = new NodeTask(this, 0, task, task.input(), now);
        t.finish();
        t.completeExceptionally(why);
        return t;
    }

    private void send(NodePipeProcess target, NodeTask t) {
        try {
            target.send(new Frame.Request(t.id, t.task.workloadId(), t.task.timeoutNanos(), t.input));
        } catch (IOException e) {
            // node is gone: its reader thread sees the end of stdout and fails every task in flight (onEnd)
            target.kill();
        }
    }

    /** Sends queued tasks while node has room; called after anything frees a place. */
    private void pump() {
        List<NodeTask> toSend = new ArrayList<>();
        NodePipeProcess target;
        synchronized (lock) {
            target = process;
            while (target != null && !queue.isEmpty() && inFlight.size() < settings.workers()) {
                NodeTask t = queue.removeFirst();
                t.sentNanos = System.nanoTime();
                inFlight.put(t.id, t);
                toSend.add(t);
            }
        }
        toSend.forEach(t -> send(target, t));
    }

    private void onFrame(Frame frame) {
        NodeTask t;
        synchronized (lock) {
            t = inFlight.remove(frame.requestId());
            if (t == null) {
                boolean wasCancelled = cancelledInNode.remove(frame.requestId());
                if (wasCancelled && frame instanceof Frame.Error e && e.failure() == FailureKind.CANCELLED
                        && e.message().startsWith(CANCELLED_RUNNING)) {
                    respawned++;
                }
                lock.notifyAll();
            }
        }
        if (t != null) {
            complete(t, frame);
            pump();
        }
    }

    private void complete(NodeTask t, Frame frame) {
        if (!t.finish()) {
            return;
        }
        if (frame instanceof Frame.Response r) {
            byte[] out = r.payload();
            long hereQueue = Math.max(0, t.sentNanos - t.submitNanos);
            count(() -> completed++);
            t.complete(new TaskResult(out, Checksums.of(out), hereQueue + r.queueNanos(), r.runNanos(),
                    "node-" + mode + "@" + processPid()));
            return;
        }
        if (frame instanceof Frame.Error e) {
            FailureKind kind = e.failure();
            count(() -> {
                if (kind == FailureKind.TIMED_OUT) {
                    timedOut++;
                    respawned++;
                } else {
                    failed++;
                    if (kind == FailureKind.WORKER_CRASHED) {
                        respawned++;
                    }
                }
            });
            t.completeExceptionally(new OffloadException(kind, name() + ": " + e.message()));
            return;
        }
        count(() -> failed++);
        t.completeExceptionally(OffloadException.workerCrashed(name() + ": node answered with a " + frame.kind()));
    }

    private void count(Runnable update) {
        synchronized (lock) {
            update.run();
            lock.notifyAll();
        }
    }

    private long processPid() {
        NodePipeProcess p;
        synchronized (lock) {
            p = process;
        }
        return p == null ? -1 : p.pid();
    }

    /** Called by {@link NodeTask#cancel} once it owns the outcome. */
    void cancelled(NodeTask t) {
        NodePipeProcess target = null;
        synchronized (lock) {
            cancelled++;
            if (!queue.remove(t) && inFlight.remove(t.id) != null) {
                cancelledInNode.add(t.id);
                target = process;
            }
            lock.notifyAll();
        }
        if (target != null) {
            try {
                target.send(new Frame.Cancel(t.id));
            } catch (IOException e) {
                target.kill(); // node is gone; onEnd takes care of the rest
            }
            pump();
        }
    }

    /** The node process ended: fail what it held, then start a new one unless closing. */
    private void onEnd(String why) {
        List<NodeTask> lost;
        boolean restart;
        synchronized (lock) {
            lost = new ArrayList<>(inFlight.values());
            inFlight.clear();
            cancelledInNode.clear();
            process = null;
            restart = !closed;
            if (restart) {
                respawned += settings.workers();
            }
            lock.notifyAll();
        }
        for (NodeTask t : lost) {
            if (t.finish()) {
                count(() -> failed++);
                t.completeExceptionally(OffloadException.workerCrashed(name() + ": " + why));
            }
        }
        if (restart) {
            Thread restarter = new Thread(() -> restart(why), name() + "-restart");
            restarter.setDaemon(true);
            restarter.start();
        }
    }

    private void restart(String why) {
        IOException last = null;
        for (int attempt = 1; attempt <= RESTART_ATTEMPTS; attempt++) {
            synchronized (lock) {
                if (closed) {
                    return;
                }
            }
            try {
                NodePipeProcess p = startProcess();
                synchronized (lock) {
                    if (closed) {
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
        List<NodeTask> waiting;
        synchronized (lock) {
            brokenReason = name() + ": node could not be restarted after it ended (" + why + "): "
                    + (last == null ? "closed" : last.getMessage());
            waiting = new ArrayList<>(queue);
            queue.clear();
        }
        for (NodeTask t : waiting) {
            if (t.finish()) {
                count(() -> failed++);
                t.completeExceptionally(new OffloadException(FailureKind.UNAVAILABLE, brokenReason));
            }
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
        synchronized (lock) {
            int workers = process != null && process.isAlive() ? settings.workers() : 0;
            return new OffloaderStats(workers, queue.size(), inFlight.size(), completed, failed, timedOut, rejected,
                    cancelled, respawned, 0);
        }
    }

    @Override
    public List<Long> workerPids() {
        NodePipeProcess p;
        synchronized (lock) {
            p = process;
        }
        return p == null ? List.of() : p.pids();
    }

    @Override
    public boolean close(Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        List<NodeTask> cut = new ArrayList<>();
        NodePipeProcess p;
        boolean clean;
        synchronized (lock) {
            if (closed && process == null && queue.isEmpty() && inFlight.isEmpty()) {
                return true;
            }
            closed = true;
            while (!(queue.isEmpty() && inFlight.isEmpty())) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    break;
                }
                try {
                    lock.wait(Math.max(1, TimeUnit.NANOSECONDS.toMillis(left)));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    break;
                }
            }
            clean = queue.isEmpty() && inFlight.isEmpty();
            cut.addAll(queue);
            cut.addAll(inFlight.values());
            queue.clear();
            inFlight.clear();
            p = process;
            process = null;
        }
        for (NodeTask t : cut) {
            if (t.finish()) {
                count(() -> failed++);
                t.completeExceptionally(OffloadException.closed(name() + " closed before the task finished"));
            }
        }
        if (p != null) {
            if (clean) {
                p.shutdown();
                p.awaitExit(2_000);
            }
            p.kill();
        }
        scripts.close();
        return clean;
    }
}
