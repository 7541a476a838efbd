package org.offloadbench.process;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.IntFunction;
import java.util.function.LongSupplier;
import org.offloadbench.core.measure.NanoClock;
import org.offloadbench.core.offload.FailureKind;
import org.offloadbench.core.offload.OffloadException;
import org.offloadbench.core.offload.Offloader;
import org.offloadbench.core.offload.OffloaderStats;
import org.offloadbench.core.offload.Task;
import org.offloadbench.core.offload.TaskResult;
import org.offloadbench.core.wire.Frame;
import org.offloadbench.core.wire.FrameCodec;
import org.offloadbench.core.wire.FrameException;
import org.offloadbench.core.wire.FrameWriter;
import org.offloadbench.core.worker.ChildJvm;
import org.offloadbench.core.worker.ChildJvmLauncher;
import org.offloadbench.core.worker.ChildJvmSpec;
import org.offloadbench.core.worker.StartRetry;

/**
 * {@code process/pipes}: a warm pool of child JVMs, each running core's {@code WorkerMain}, fed frames over
 * its stdin and answering over its stdout - the JVM's {@code child_process.fork} pool.
 *
 * <p>How a task travels. {@link #submit} puts it in the parent's bounded queue; a dispatcher (whichever
 * thread changed the state: the submitter, a child's reader, the spawner) hands it to a child with a free slot
 * ({@link PipesSettings.Dispatch}) and writes a REQUEST frame from that same thread, so an idle pool costs one
 * pipe write per hand-off and no extra thread hop. One reader thread per child reads answers, checks the
 * output's CRC32C against the child's claim, and completes the future.
 *
 * <p>Failures, and why each is handled so:
 * <ul>
 *   <li>Timeout (from the start of execution). The child times the task itself - it starts executing the
 *       moment it arrives, as a child never gets more tasks than it has task threads - and answers TIMED_OUT.
 *       The thread running it may still burn CPU (nothing inside a JVM can stop it), so the child is killed
 *       and replaced; its other in-flight tasks are sent again elsewhere. A parent-side backstop at twice the
 *       timeout (at least +1 s) covers a child too stuck to answer.</li>
 *   <li>Cancel of a running task: the same kill-and-replace, for the same reason.</li>
 *   <li>A child that dies (SIGKILL, halt, out of memory: children run with -XX:+ExitOnOutOfMemoryError) is
 *       seen at once as end of its stdout. Its in-flight tasks are retried once on another child (workloads
 *       are pure) or, with {@code retry=off} or on the second crash, fail WORKER_CRASHED with the exit code
 *       and the tail of its stderr.</li>
 *   <li>Garbage from a child (an undecodable frame, an answer to nothing, a wrong checksum): the stream cannot
 *       be trusted any more, so the child is killed and treated as crashed.</li>
 *   <li>Respawn with backoff. After {@link PipesSettings#maxStartFailures()} consecutive failed starts the pool
 *       stops trying; once no child is left, every waiting and later task fails UNAVAILABLE with the reason.</li>
 * </ul>
 *
 * <p>No orphans: a child exits at end of its stdin, which the kernel delivers when this JVM dies, however it
 * dies; {@link #close(Duration)} closes stdins, waits, then kills what is left and reaps it.
 *
 * <p>All pool state is guarded by one lock; futures are completed outside it.
 */
public final class PipesOffloader implements Offloader {

    public static final String NAME = "process/pipes";

    private static final long BACKSTOP_MIN_GRACE_NANOS = TimeUnit.SECONDS.toNanos(1);
    private static final Duration CHILD_CLOSE_GRACE = Duration.ofSeconds(2);
    /** How long a crash report waits for the exit code and the last stderr lines. */
    private static final long EXIT_CODE_WAIT_MILLIS = 2_000L;

    private final PipesSettings settings;
    private final IntFunction<ChildJvmSpec> specs;
    private final LongSupplier nanoTime;
    private final FrameCodec codec = FrameCodec.withDefaults();
    private final ChildJvmLauncher launcher;
    private final PoolCounters counters = new PoolCounters();
    private final InputCopies inputCopies = new InputCopies();
    private final AtomicLong requestIds = new AtomicLong();
    private final AtomicInteger launches = new AtomicInteger();
    private final ScheduledThreadPoolExecutor timer;
    private final ScheduledThreadPoolExecutor spawner;
    private final CdsArchive cds;

    private final Object lock = new Object();
    private final List<ChildWorker> children = new ArrayList<>();
    private final List<ChildWorker> everyChild = new ArrayList<>();
    private final Deque<PendingTask> queue = new ArrayDeque<>();
    private final List<ChildStartup> startups = new ArrayList<>();
    private int inFlight;
    /** {@link #inFlight}, readable without the lock by the spin gate (written under the lock). */
    private volatile int inFlightView;
    private final SpinGate spinGate;
    private int cursor;
    private int spawning;
    private int consecutiveStartFailures;
    private String gaveUpReason;
    private boolean closing;
    private Boolean closeResult;

    /** Starts the warm pool; returns when every child has sent READY. */
    public PipesOffloader(PipesSettings settings) {
        this(settings, null, System::nanoTime);
    }

    /**
     * @param specs    the spec of the n-th child launched (n from 0), or null for {@link WorkerMain} children
     *                 built from {@code settings}; tests use it to start children that misbehave
     * @param nanoTime the clock for queue and startup times
     */
    PipesOffloader(PipesSettings settings, IntFunction<ChildJvmSpec> specs, LongSupplier nanoTime) {
        this.settings = Objects.requireNonNull(settings, "settings");
        this.nanoTime = Objects.requireNonNull(nanoTime, "nanoTime");
        this.launcher = new ChildJvmLauncher(nanoTime);
        this.spinGate = settings.awaitSpinAdaptive()
                ? SpinGate.adaptive(settings.awaitSpinNanos(), Runtime.getRuntime().availableProcessors(), () -> inFlightView)
                : SpinGate.fixed(settings.awaitSpinNanos());
        this.timer = executor(1, "timer");
        this.spawner = executor(Math.min(settings.workers(), 4), "spawner");
        ChildJvmSpec worker = workerSpec(settings);
        this.cds = specs == null && settings.cds() == PipesSettings.Cds.APP
                ? CdsArchive.prepare(worker, settings.cdsArchive(), Duration.ofNanos(settings.startTimeoutNanos()), codec)
                : null;
        if (specs == null) {
            ChildJvmSpec withCds = cds == null ? worker : withExtraOptions(worker, cds.jvmOptions());
            specs = n -> withCds;
        }
        this.specs = specs;
        try {
            warmUp();
        } catch (RuntimeException e) {
            close(Duration.ZERO);
            throw e;
        }
    }

    /** The child command every pool child runs: core's WorkerMain with this JVM's java and classpath. */
    static ChildJvmSpec workerSpec(PipesSettings settings) {
        List<String> options = new ArrayList<>();
        // JVM warnings and unified logging go to stdout by default, before WorkerMain can move System.out:
        // send them to stderr so nothing but frames ever reaches the protocol stream
        options.add("-XX:+DisplayVMOutputToStderr");
        options.add("-Xlog:disable");
        options.add("-Xlog:all=warning:stderr");
        options.addAll(settings.jvmOptions());
        int n = settings.inFlightPerChild();
        // one task per child: the child runs it on its reader thread, saving a thread hand-off per round trip.
        // Safe here: this pool never sends CANCEL (it kills the child) nor more than n requests to a child.
        ChildJvmSpec spec = n == 1 ? ChildJvmSpec.worker("--concurrency=1", "--max-queued=1", "--inline=on")
                : ChildJvmSpec.worker("--concurrency=" + n, "--max-queued=" + n);
        return spec.withJvmOptions(options);
    }

    private static ChildJvmSpec withExtraOptions(ChildJvmSpec spec, List<String> extra) {
        List<String> options = new ArrayList<>(spec.jvmOptions());
        options.addAll(extra);
        return spec.withJvmOptions(options);
    }

    private ScheduledThreadPoolExecutor executor(int threads, String role) {
        AtomicInteger n = new AtomicInteger();
        ScheduledThreadPoolExecutor e = new ScheduledThreadPoolExecutor(threads, r -> {
            Thread t = new Thread(r, NAME + "-" + role + "-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        e.setRemoveOnCancelPolicy(true);
        return e;
    }

    // ------------------------------------------------------------------------------------------ lifecycle

    private void warmUp() {
        // launch all first, then wait for each: the children boot in parallel
        List<Launched> launched = new ArrayList<>();
        try {
            for (int i = 0; i < settings.workers(); i++) {
                launched.add(launch());
            }
        } catch (IOException e) {
            launched.forEach(l -> l.jvm.destroyForcibly());
            throw new OffloadException(FailureKind.UNAVAILABLE, NAME + ": cannot start a child JVM: " + e.getMessage(), e);
        }
        List<String> problems = new ArrayList<>();
        List<ChildWorker> ready = new ArrayList<>();
        // a child killed (or failing) while it starts is started again with the respawn backoff; only
        // maxStartFailures failed starts in a row make the pool unavailable
        StartRetry retry = new StartRetry(Math.max(1, settings.maxStartFailures()), settings.respawnBackoffNanos(),
                Math.max(settings.respawnBackoffNanos(), PipesSettings.MAX_RESPAWN_BACKOFF_NANOS), NanoClock.system());
        for (Launched l : launched) {
            try {
                ready.add(retry.start(attempt -> awaitReady(attempt == 1 ? l : launch()),
                        (attempt, failure) -> System.err.println(NAME + ": a child JVM did not start (attempt "
                                + attempt + "), starting another: " + failure.getMessage())));
            } catch (IOException e) {
                problems.add(e.getMessage());
            }
        }
        if (!problems.isEmpty()) {
            ready.forEach(c -> c.jvm.destroyForcibly());
            ready.forEach(c -> c.jvm.close(Duration.ZERO));
            throw new OffloadException(FailureKind.UNAVAILABLE, NAME + ": " + problems.size() + " of "
                    + settings.workers() + " child JVMs did not start: " + problems.get(0));
        }
        synchronized (lock) {
            ready.forEach(this::adopt);
        }
    }

    private record Launched(ChildJvm jvm, long spawnNanos) {
    }

    private Launched launch() throws IOException {
        ChildJvmSpec spec = specs.apply(launches.getAndIncrement());
        long spawn = nanoTime.getAsLong();
        return new Launched(launcher.launch(spec), spawn);
    }

    private ChildWorker awaitReady(Launched l) throws IOException {
        try {
            l.jvm.awaitReady(codec, Duration.ofNanos(settings.startTimeoutNanos()));
        } catch (IOException e) {
            l.jvm.destroyForcibly();
            l.jvm.close(Duration.ZERO);
            throw e;
        }
        return new ChildWorker(l.jvm, new FrameWriter(codec, l.jvm.stdin()), l.spawnNanos, nanoTime.getAsLong());
    }

    /** Puts a ready child into service; under the lock. */
    private void adopt(ChildWorker child) {
        children.add(child);
        everyChild.add(child);
        startups.add(new ChildStartup(child.pid(), child.readyNanos - child.spawnNanos, -1L));
        Thread reader = new Thread(() -> readLoop(child), NAME + "-reader-" + child.pid());
        reader.setDaemon(true);
        child.reader = reader;
        reader.start();
    }

    private void scheduleRespawn() {
        synchronized (lock) {
            if (closing || gaveUpReason != null) {
                return;
            }
            long delay = consecutiveStartFailures == 0 ? 0L
                    : Math.min(PipesSettings.MAX_RESPAWN_BACKOFF_NANOS,
                    settings.respawnBackoffNanos() << Math.min(20, consecutiveStartFailures - 1));
            spawning++;
            spawner.schedule(this::respawn, delay, TimeUnit.NANOSECONDS);
        }
    }

    private void respawn() {
        ChildWorker child = null;
        String failure = null;
        try {
            child = awaitReady(launch());
        } catch (IOException e) {
            failure = e.getMessage();
        }
        List<PendingTask> doomed = List.of();
        boolean again = false;
        synchronized (lock) {
            spawning--;
            if (child != null && !closing) {
                consecutiveStartFailures = 0;
                counters.respawned();
                adopt(child);
            } else if (child == null && !closing) {
                consecutiveStartFailures++;
                if (consecutiveStartFailures >= settings.maxStartFailures()) {
                    gaveUpReason = NAME + " stopped respawning after " + consecutiveStartFailures
                            + " consecutive child start failures; the last: " + failure;
                    doomed = failQueueIfNoChildLeft();
                } else {
                    again = true;
                }
            }
            lock.notifyAll();
        }
        if (child != null && closing) {
            child.jvm.close(Duration.ZERO);
            return;
        }
        if (child == null && !again && !closing) {
            System.err.println(gaveUpReason);
        }
        fail(doomed, FailureKind.UNAVAILABLE, gaveUpReason);
        if (again) {
            scheduleRespawn();
        }
        pump();
    }

    /** With respawning given up and no child left, nothing will ever run the queue: empty it. Under the lock. */
    private List<PendingTask> failQueueIfNoChildLeft() {
        if (gaveUpReason == null || !children.isEmpty() || spawning > 0) {
            return List.of();
        }
        List<PendingTask> doomed = new ArrayList<>(queue);
        queue.clear();
        return doomed;
    }

    // ------------------------------------------------------------------------------------------ submit and dispatch

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public CompletableFuture<TaskResult> submit(Task task) {
        Objects.requireNonNull(task, "task");
        long requestId = requestIds.incrementAndGet();
        long submitNanos = nanoTime.getAsLong();
        if (task.input().length > codec.limits().maxPayloadBytes()) {
            return failNow(pending(requestId, task, submitNanos), FailureKind.BAD_REQUEST, task.workloadId()
                    + ": input of " + task.input().length + " bytes is over the frame payload limit of "
                    + codec.limits().maxPayloadBytes() + " bytes");
        }
        if (task.workloadId().isEmpty() || task.workloadId().getBytes(java.nio.charset.StandardCharsets.UTF_8).length
                > FrameCodec.MAX_WORKLOAD_ID_BYTES) {
            return failNow(pending(requestId, task, submitNanos), FailureKind.BAD_REQUEST, "workload id must be 1.."
                    + FrameCodec.MAX_WORKLOAD_ID_BYTES + " bytes of UTF-8, was '" + task.workloadId() + "'");
        }
        boolean poolCopy = false;
        if (task.handoff() == Task.Handoff.COPY && settings.retry()) {
            // the caller may reuse its array once submit returns, and a retry must resend the original bytes
            task = new Task(task.workloadId(), inputCopies.copyOf(task.input()), task.timeoutNanos(),
                    Task.Handoff.TRANSFER);
            poolCopy = true;
        }
        // Fast path: a child has a free slot and nothing waits ahead. The frame is written before submit returns,
        // so with retry=off the pipe itself is the copy-on-send and the caller's array needs no copy of its own.
        PendingTask direct = pending(requestId, task, submitNanos, poolCopy);
        String refusal = refusal(false);
        if (refusal == null) {
            synchronized (lock) {
                ChildWorker child = queue.isEmpty() ? pick() : null;
                if (child != null) {
                    assign(direct, child);
                } else {
                    direct = null;
                }
            }
            if (direct != null) {
                send(direct);
                return direct.future;
            }
        }
        // Slow path: the task waits in the queue, so a COPY task's bytes are copied now (outside the lock); a
        // transferred or already copied array is the pool's own.
        boolean copyNow = task.handoff() == Task.Handoff.COPY;
        Task queued = copyNow ? new Task(task.workloadId(), inputCopies.copyOf(task.input()), task.timeoutNanos(),
                Task.Handoff.TRANSFER) : task;
        PendingTask pending = pending(requestId, queued, submitNanos, poolCopy || copyNow);
        FailureKind kind = null;
        synchronized (lock) {
            refusal = refusal(true);
            if (refusal != null) {
                kind = closing ? FailureKind.CLOSED : gaveUpReason != null && refusal.equals(gaveUpReason)
                        ? FailureKind.UNAVAILABLE : FailureKind.REJECTED;
            } else {
                queue.addLast(pending);
            }
        }
        if (kind != null) {
            return failNow(pending, kind, refusal);
        }
        pump();
        return pending.future;
    }

    /** Why a new task cannot be accepted now, or null; {@code full} also checks the queue. Under the lock. */
    private String refusal(boolean full) {
        synchronized (lock) {
            if (closing) {
                return NAME + " is closed";
            }
            if (gaveUpReason != null && children.isEmpty() && spawning == 0) {
                return gaveUpReason;
            }
            if (full && queue.size() >= settings.queueCapacity() && !(queue.isEmpty() && hasFreeSlot())) {
                return NAME + " queue is full (" + settings.queueCapacity() + " waiting, " + inFlight
                        + " running on " + children.size() + " children)";
            }
            return null;
        }
    }

    private PendingTask pending(long requestId, Task task, long submitNanos) {
        return pending(requestId, task, submitNanos, false);
    }

    /** @param inputIsPoolCopy the task's input is an {@link InputCopies} array, recycled once a child answers */
    private PendingTask pending(long requestId, Task task, long submitNanos, boolean inputIsPoolCopy) {
        PendingTask pending = new PendingTask(requestId, task, submitNanos, inputIsPoolCopy, spinGate);
        pending.future.whenComplete((r, e) -> {
            if (pending.future.isCancelled()) {
                onCancelled(pending);
            }
        });
        return pending;
    }

    private CompletableFuture<TaskResult> failNow(PendingTask pending, FailureKind kind, String why) {
        fail(pending, kind, why);
        return pending.future;
    }

    private boolean hasFreeSlot() {
        for (ChildWorker c : children) {
            if (c.inFlight.size() < settings.inFlightPerChild()) {
                return true;
            }
        }
        return false;
    }

    /** Hands queued tasks to children with free slots and sends them, outside the lock. */
    private void pump() {
        List<PendingTask> sends = new ArrayList<>();
        synchronized (lock) {
            while (!queue.isEmpty()) {
                ChildWorker child = pick();
                if (child == null) {
                    break;
                }
                PendingTask task = queue.pollFirst();
                if (task.isDone()) {
                    continue;
                }
                assign(task, child);
                sends.add(task);
            }
        }
        for (PendingTask task : sends) {
            send(task);
        }
    }

    /** Hands a task to a child. Under the lock. */
    private void assign(PendingTask task, ChildWorker child) {
        task.child = child;
        task.dispatches++;
        task.dispatchNanos = nanoTime.getAsLong();
        child.inFlight.put(task.requestId, task);
        inFlightView = ++inFlight;
    }

    /** The child for the next task by the dispatch policy, or null when none has a free slot. Under the lock. */
    private ChildWorker pick() {
        int n = children.size();
        if (n == 0) {
            return null;
        }
        int limit = settings.inFlightPerChild();
        ChildWorker best = null;
        for (int i = 0; i < n; i++) {
            ChildWorker c = children.get((cursor + i) % n);
            int busy = c.inFlight.size();
            if (busy >= limit) {
                continue;
            }
            if (settings.dispatch() == PipesSettings.Dispatch.ROUND_ROBIN) {
                best = c;
                cursor = (cursor + i + 1) % n;
                break;
            }
            if (best == null || busy < best.inFlight.size()) {
                best = c;
            }
        }
        if (best != null && settings.dispatch() == PipesSettings.Dispatch.LEAST_BUSY) {
            cursor = (children.indexOf(best) + 1) % n;
        }
        return best;
    }

    private void send(PendingTask task) {
        ChildWorker child;
        synchronized (lock) {
            child = task.child;
            if (child == null || child.inFlight.get(task.requestId) != task) {
                return; // cancelled or moved before it could be written
            }
        }
        Task t = task.task;
        try {
            child.writer.write(new Frame.Request(task.requestId, t.workloadId(), t.timeoutNanos(), t.input()));
        } catch (IOException e) {
            // a broken pipe: the child is dying; its reader sees the end and retries or fails what it had
            child.jvm.destroyForcibly();
            return;
        }
        if (t.hasTimeout()) {
            long backstop = t.timeoutNanos() + Math.max(BACKSTOP_MIN_GRACE_NANOS, t.timeoutNanos());
            synchronized (lock) {
                if (task.child == child && !task.isDone()) {
                    task.backstop = timer.schedule(() -> backstopExpired(task, child), backstop, TimeUnit.NANOSECONDS);
                }
            }
        }
    }

    // ------------------------------------------------------------------------------------------ answers

    private void readLoop(ChildWorker child) {
        String problem = null;
        boolean garbage = false;
        try {
            while (problem == null) {
                // RESPONSE payloads are checked against their claimed CRC32C while they are read (one pass)
                Frame frame = codec.readVerifyingResponses(child.jvm.stdout());
                if (frame == null) {
                    break;
                }
                problem = onFrame(child, frame);
                garbage = problem != null;
            }
        } catch (FrameException e) {
            problem = "sent bytes that are not a valid frame: " + e.getMessage();
            garbage = true;
        } catch (IOException e) {
            problem = "its stdout failed: " + e.getMessage();
        }
        if (garbage) {
            synchronized (lock) {
                if (child.state == ChildWorker.State.READY) {
                    child.state = ChildWorker.State.RETIRING;
                    child.retireReason = problem + "; it was killed";
                }
            }
            System.err.println(NAME + ": " + child + " " + problem + "; killing it");
            child.jvm.destroyForcibly();
        }
        childGone(child, problem);
    }

    /** Handles one frame; returns a protocol problem that ends the child, or null. */
    private String onFrame(ChildWorker child, Frame frame) {
        if (child.firstResultNanos < 0 && (frame instanceof Frame.Response || frame instanceof Frame.Error)) {
            child.firstResultNanos = nanoTime.getAsLong();
        }
        if (frame instanceof Frame.Response r) {
            // the codec has already checked the payload against the claimed CRC32C (readVerifyingResponses)
            PendingTask task = take(child, r.requestId());
            if (task == null) {
                return unknownAnswer(child, r);
            }
            recycleInput(task);
            long parentQueue = task.dispatchNanos - task.submitNanos;
            TaskResult result = new TaskResult(r.payload(), r.checksum(), parentQueue + r.queueNanos(), r.runNanos(),
                    "pid " + child.pid());
            // counted before the caller can see the result, so stats read right after a get() include it
            counters.completed(1);
            if (!task.future.complete(result)) {
                counters.completed(-1);
            }
            pump();
            return null;
        }
        if (frame instanceof Frame.Error e) {
            if (e.requestId() == 0L) {
                return "reported a broken connection: " + e.message();
            }
            PendingTask task = take(child, e.requestId());
            if (task == null) {
                return unknownAnswer(child, e);
            }
            recycleInput(task);
            fail(task, e.failure(), e.message());
            if (e.failure() == FailureKind.TIMED_OUT) {
                // the child answered, but the thread that ran the task may still be burning CPU: only ending the
                // process reclaims it
                retire(child, "a task on it timed out; it was replaced to reclaim the thread running it");
            } else {
                pump();
            }
            return null;
        }
        return "sent a " + frame.kind() + " frame, which a worker never sends after READY";
    }

    /** The child answered, so it has read the whole request: no writer still reads the pool's copy of the input. */
    private void recycleInput(PendingTask task) {
        if (task.inputIsPoolCopy) {
            inputCopies.recycle(task.task.input());
        }
    }

    /** An answer for a request the child does not have: fine after a cancel or retire, garbage otherwise. */
    private String unknownAnswer(ChildWorker child, Frame frame) {
        synchronized (lock) {
            if (child.state != ChildWorker.State.READY || frame.requestId() <= requestIds.get()) {
                return null; // the task was cancelled, timed out or moved while its answer was on the way
            }
        }
        return "answered request " + frame.requestId() + ", which was never sent";
    }

    /** Removes a task from its child at answer time; null when it is no longer there. */
    private PendingTask take(ChildWorker child, long requestId) {
        synchronized (lock) {
            PendingTask task = child.inFlight.remove(requestId);
            if (task == null) {
                return null;
            }
            settle(task);
            return task;
        }
    }

    /** A task leaves its child: bookkeeping shared by every way out. Under the lock. */
    private void settle(PendingTask task) {
        inFlightView = --inFlight;
        task.child = null;
        if (task.backstop != null) {
            task.backstop.cancel(false);
            task.backstop = null;
        }
        lock.notifyAll();
    }

    private void backstopExpired(PendingTask task, ChildWorker child) {
        boolean mine;
        synchronized (lock) {
            mine = task.child == child && child.inFlight.remove(task.requestId) == task;
            if (mine) {
                settle(task);
            }
        }
        if (mine) {
            fail(task, FailureKind.TIMED_OUT, task.task.workloadId() + ": ran longer than its timeout of "
                    + task.task.timeoutNanos() + " ns and " + child + " did not answer; it was killed");
            retire(child, "it did not answer a timed-out task; it was killed");
        }
    }

    private void onCancelled(PendingTask task) {
        counters.cancelled();
        ChildWorker child = null;
        synchronized (lock) {
            if (queue.remove(task)) {
                lock.notifyAll();
            } else if (task.child != null && task.child.inFlight.remove(task.requestId) == task) {
                child = task.child;
                settle(task);
            }
        }
        if (child != null) {
            retire(child, "a task on it was cancelled; it was replaced to stop the task");
        }
    }

    /**
     * Kills a child on purpose and replaces it; its other in-flight tasks go back to the front of the queue
     * (a deliberate kill is no crash of theirs, but it does use their one retry).
     */
    private void retire(ChildWorker child, String reason) {
        List<PendingTask> neighbours;
        synchronized (lock) {
            if (child.state != ChildWorker.State.READY) {
                return;
            }
            child.state = ChildWorker.State.RETIRING;
            child.retireReason = reason;
            child.replacementScheduled = true;
            children.remove(child);
            neighbours = new ArrayList<>(child.inFlight.values());
            child.inFlight.clear();
            neighbours.forEach(this::settle);
        }
        child.jvm.destroyForcibly();
        requeueOrFail(neighbours, child + " was killed by the pool (" + reason + ")");
        scheduleRespawn();
        pump();
    }

    /** The child's stdout ended: it exited, was killed, or sent garbage. */
    private void childGone(ChildWorker child, String problem) {
        List<PendingTask> orphans;
        boolean respawn;
        String reason;
        synchronized (lock) {
            reason = child.retireReason != null ? child.retireReason
                    : problem != null ? problem : "exited unexpectedly";
            children.remove(child);
            respawn = !closing && !child.replacementScheduled && child.state != ChildWorker.State.DEAD;
            child.replacementScheduled = true;
            child.state = ChildWorker.State.DEAD;
            orphans = new ArrayList<>(child.inFlight.values());
            child.inFlight.clear();
            orphans.forEach(this::settle);
        }
        String exit = exitDescription(child);
        child.jvm.close(Duration.ZERO);
        if (!orphans.isEmpty()) {
            String why = child + " " + reason + " " + exit + stderrTail(child);
            if (closing) {
                fail(orphans, FailureKind.CLOSED, NAME + " closed while the task ran; " + why);
            } else {
                requeueOrFail(orphans, why);
            }
        }
        if (respawn) {
            scheduleRespawn();
        }
        List<PendingTask> doomed;
        synchronized (lock) {
            doomed = failQueueIfNoChildLeft();
        }
        fail(doomed, FailureKind.UNAVAILABLE, gaveUpReason);
        pump();
    }

    private void requeueOrFail(List<PendingTask> tasks, String why) {
        List<PendingTask> failed = new ArrayList<>();
        synchronized (lock) {
            // reversed, so the oldest ends up first in the queue
            for (int i = tasks.size() - 1; i >= 0; i--) {
                PendingTask task = tasks.get(i);
                if (task.isDone()) {
                    continue;
                }
                if (settings.retry() && task.dispatches < 2 && !closing) {
                    queue.addFirst(task);
                    counters.retried();
                } else {
                    failed.add(task);
                }
            }
            lock.notifyAll();
        }
        String suffix = settings.retry() ? " (it had already been retried once)" : " (retry=off)";
        fail(failed, FailureKind.WORKER_CRASHED, why + suffix);
    }

    private static String exitDescription(ChildWorker child) {
        try {
            int code = child.jvm.onExit().get(EXIT_CODE_WAIT_MILLIS, TimeUnit.MILLISECONDS);
            return "(exit code " + code + (code > 128 ? ", signal " + (code - 128) : "") + ")";
        } catch (TimeoutException e) {
            child.jvm.destroyForcibly();
            return "(still running " + EXIT_CODE_WAIT_MILLIS + " ms after its stdout ended; killed)";
        } catch (ExecutionException | CancellationException e) {
            return "(exit code unknown: " + e + ")";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "(exit code unknown: interrupted)";
        }
    }

    private static String stderrTail(ChildWorker child) {
        List<String> tail = child.jvm.stderrTail();
        int from = Math.max(0, tail.size() - 10);
        return tail.isEmpty() ? "; it wrote nothing to stderr"
                : "; last stderr lines:\n  " + String.join("\n  ", tail.subList(from, tail.size()));
    }

    private void fail(List<PendingTask> tasks, FailureKind kind, String why) {
        for (PendingTask task : tasks) {
            fail(task, kind, why);
        }
    }

    private void fail(PendingTask task, FailureKind kind, String why) {
        OffloadException e = kind == FailureKind.WORKLOAD_FAILED ? OffloadException.workloadFailed(why, null)
                : new OffloadException(kind, why);
        counters.failed(kind, 1);
        if (!task.future.completeExceptionally(e)) {
            counters.failed(kind, -1);
        }
    }

    // ------------------------------------------------------------------------------------------ introspection

    /** The children in service now (retired ones are gone from the list; their replacements are in it). */
    @Override
    public List<Long> workerPids() {
        return childPids();
    }

    @Override
    public OffloaderStats stats() {
        synchronized (lock) {
            return counters.snapshot(children.size(), queue.size(), inFlight);
        }
    }

    /** Spawn-to-READY and spawn-to-first-result of every child this pool started, oldest first. */
    public List<ChildStartup> startups() {
        synchronized (lock) {
            List<ChildStartup> out = new ArrayList<>();
            for (int i = 0; i < everyChild.size(); i++) {
                ChildWorker c = everyChild.get(i);
                long first = c.firstResultNanos;
                out.add(new ChildStartup(c.pid(), startups.get(i).spawnToReadyNanos(),
                        first < 0 ? -1L : first - c.spawnNanos));
            }
            return out;
        }
    }

    /** Process ids of the children in service now. */
    public List<Long> childPids() {
        synchronized (lock) {
            return children.stream().map(ChildWorker::pid).toList();
        }
    }

    /** Tasks sent a second time after their child died or was replaced. */
    public long retries() {
        return counters.retries();
    }

    /** What became of {@code cds=app}: the archive used, or why there is none; empty for other settings. */
    public String cdsStatus() {
        return cds == null ? "" : cds.status();
    }

    public PipesSettings settings() {
        return settings;
    }

    // ------------------------------------------------------------------------------------------ close

    @Override
    public boolean close(Duration timeout) {
        synchronized (lock) {
            if (closeResult != null) {
                return closeResult;
            }
            boolean first = !closing;
            closing = true;
            if (first) {
                long deadline = System.nanoTime() + timeout.toNanos();
                long left;
                while ((!queue.isEmpty() || inFlight > 0) && (left = deadline - System.nanoTime()) > 0) {
                    try {
                        TimeUnit.NANOSECONDS.timedWait(lock, left);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        break;
                    }
                }
            }
        }
        List<PendingTask> cut = new ArrayList<>();
        List<ChildWorker> busy = new ArrayList<>();
        List<ChildWorker> idle = new ArrayList<>();
        synchronized (lock) {
            cut.addAll(queue);
            queue.clear();
            for (ChildWorker c : children) {
                c.state = ChildWorker.State.RETIRING;
                c.retireReason = "closing";
                cut.addAll(c.inFlight.values());
                (c.inFlight.isEmpty() ? idle : busy).add(c);
                c.inFlight.values().forEach(this::settle);
                c.inFlight.clear();
            }
            children.clear();
        }
        boolean clean = cut.stream().allMatch(PendingTask::isDone);
        fail(cut, FailureKind.CLOSED, NAME + " was closed before the task finished");
        timer.shutdownNow();
        spawner.shutdownNow();
        // idle children exit on end of stdin; busy ones are cut short by force, as close promised
        busy.forEach(c -> c.jvm.destroyForcibly());
        for (ChildWorker c : idle) {
            try {
                c.jvm.stdin().close();
            } catch (IOException e) {
                System.err.println(NAME + ": closing the stdin of " + c + " failed (" + e + "); it will be killed");
                c.jvm.destroyForcibly();
            }
        }
        List<ChildWorker> all;
        synchronized (lock) {
            all = new ArrayList<>(everyChild);
        }
        for (ChildWorker c : all) {
            c.jvm.close(CHILD_CLOSE_GRACE);
        }
        awaitQuietly(spawner);
        awaitQuietly(timer);
        for (ChildWorker c : all) {
            joinQuietly(c.reader);
        }
        if (cds != null) {
            cds.close();
        }
        synchronized (lock) {
            closeResult = clean;
            return clean;
        }
    }

    private static void awaitQuietly(ScheduledThreadPoolExecutor executor) {
        try {
            if (!executor.awaitTermination(30, TimeUnit.SECONDS)) {
                System.err.println(NAME + ": an executor did not stop within 30 s: " + executor);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void joinQuietly(Thread t) {
        if (t == null) {
            return;
        }
        try {
            t.join(TimeUnit.SECONDS.toMillis(10));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (t.isAlive()) {
            System.err.println(NAME + ": reader thread " + t.getName() + " did not end within 10 s");
        }
    }
}
