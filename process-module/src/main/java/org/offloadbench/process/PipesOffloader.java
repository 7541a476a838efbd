package org.offloadbench.process;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.function.IntFunction;
import java.util.function.LongSupplier;

import org.offloadbench.core.offload.Offloader;
import org.offloadbench.core.offload.OffloaderStats;
import org.offloadbench.core.offload.Task;
import org.offloadbench.core.offload.TaskResult;
import org.offloadbench.core.offload.transport.DispatchPolicy;
import org.offloadbench.core.offload.transport.PoolSettings;
import org.offloadbench.core.offload.transport.RecoveryPolicy;
import org.offloadbench.core.offload.transport.TransportPool;
import org.offloadbench.core.wire.FrameCodec;
import org.offloadbench.core.worker.ChildJvmSpec;

/**
 * {@code process/pipes}: a warm pool of child JVMs, each running core's {@code WorkerMain}, fed frames over
 * its stdin and answering over its stdout - the JVM's {@code child_process.fork} pool.
 *
 * <p>It is core's {@link TransportPool} (the one task lifecycle, dispatch, retry, respawn, close) driving a
 * {@link PipeTransport} (children started with the shared launcher, one {@link PipeWorker} per child) under
 * process/pipes' {@link RecoveryPolicy}:
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
 */
public final class PipesOffloader implements Offloader {

    public static final String NAME = "process/pipes";

    private static final Duration CHILD_CLOSE_GRACE = Duration.ofSeconds(2);

    private final PipesSettings settings;
    private final CdsArchive cds;
    private final TransportPool pool;

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
        Objects.requireNonNull(nanoTime, "nanoTime");
        FrameCodec codec = FrameCodec.withDefaults();
        ChildJvmSpec worker = workerSpec(settings);
        this.cds = specs == null && settings.cds() == PipesSettings.Cds.APP
                ? CdsArchive.prepare(worker, settings.cdsArchive(), Duration.ofNanos(settings.startTimeoutNanos()), codec)
                : null;
        if (specs == null) {
            ChildJvmSpec withCds = cds == null ? worker : withExtraOptions(worker, cds.jvmOptions());
            specs = n -> withCds;
        }
        PipeTransport transport = new PipeTransport(specs, codec, nanoTime,
                Duration.ofNanos(settings.startTimeoutNanos()), () -> {
                    if (cds != null) {
                        cds.close();
                    }
                });
        this.pool = new TransportPool(poolSettings(settings, nanoTime), transport);
    }

    /** The pool behind process/pipes: its options mapped onto core's pool and recovery policy. */
    static PoolSettings poolSettings(PipesSettings settings, LongSupplier nanoTime) {
        DispatchPolicy dispatch = settings.dispatch() == PipesSettings.Dispatch.ROUND_ROBIN
                ? DispatchPolicy.ROUND_ROBIN : DispatchPolicy.LEAST_BUSY;
        RecoveryPolicy recovery = RecoveryPolicy.of(settings.retry(), Math.max(1, settings.maxStartFailures()),
                settings.respawnBackoffNanos());
        return new PoolSettings(NAME, settings.workers(), settings.queueCapacity(), settings.inFlightPerChild(),
                dispatch, recovery, settings.awaitSpinNanos(), settings.awaitSpinAdaptive(), nanoTime,
                CHILD_CLOSE_GRACE);
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

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public CompletableFuture<TaskResult> submit(Task task) {
        return pool.submit(task);
    }

    @Override
    public OffloaderStats stats() {
        return pool.stats();
    }

    /** The children in service now (retired ones are gone from the list; their replacements are in it). */
    @Override
    public List<Long> workerPids() {
        return pool.workerPids();
    }

    /** Spawn-to-READY and spawn-to-first-result of every child this pool started, oldest first. */
    public List<ChildStartup> startups() {
        return pool.startups().stream()
                .map(s -> new ChildStartup(s.pid(), s.spawnToReadyNanos(), s.spawnToFirstResultNanos())).toList();
    }

    /** Process ids of the children in service now. */
    public List<Long> childPids() {
        return pool.workerPids();
    }

    /** Tasks sent a second time after their child died or was replaced. */
    public long retries() {
        return pool.retries();
    }

    /** What became of {@code cds=app}: the archive used, or why there is none; empty for other settings. */
    public String cdsStatus() {
        return cds == null ? "" : cds.status();
    }

    public PipesSettings settings() {
        return settings;
    }

    @Override
    public boolean close(Duration timeout) {
        return pool.close(timeout);
    }
}
