package org.offloadbench.cluster.local;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;
import org.offloadbench.cluster.balance.Backend;
import org.offloadbench.cluster.http.BackendAddress;
import org.offloadbench.cluster.worker.HttpWorkerMain;
import org.offloadbench.core.worker.ChildJvm;
import org.offloadbench.core.offload.transport.RecoveryPolicy;
import org.offloadbench.core.worker.StartRetry;

/**
 * The local worker JVMs of a cluster model: starts them ({@link WorkerLauncher}), watches them,
 * respawns one that dies (on the same port, so a balancer's configuration stays valid), measures the time
 * until every worker is back, and makes sure none outlives {@link #close()} or the harness: each worker
 * exits when its stdin (a pipe from this JVM) ends, which the OS guarantees even on SIGKILL.
 */
public final class LocalWorkers implements AutoCloseable {

    /**
     * @param count        workers
     * @param concurrency  requests each runs at once
     * @param jvmOptions   options for each worker JVM (heap, GC)
     * @param sharePort    all workers listen on one port with SO_REUSEPORT (cluster/kernel); each also gets a
     *                     private admin port for health checks
     * @param placements   where worker i runs: placements[i % size]
     * @param startTimeout how long one worker may take to listen
     * @param mainClass    the worker's main class: it takes {@code --host --port --concurrency
     *                     --exit-on-stdin-eof} and prints {@link HttpWorkerMain#READY_PREFIX}'s line
     *                     ({@link HttpWorkerMain} or cluster/grpc's worker)
     * @param extraArgs    more arguments for every worker
     */
    public record Spec(int count, int concurrency, List<String> jvmOptions, boolean sharePort,
                       List<WorkerPlacement> placements, Duration startTimeout, String mainClass,
                       List<String> extraArgs) {
        public Spec {
            jvmOptions = List.copyOf(jvmOptions);
            placements = List.copyOf(placements);
            extraArgs = List.copyOf(extraArgs);
            Objects.requireNonNull(mainClass, "mainClass");
            if (count < 1 || placements.isEmpty()) {
                throw new IllegalArgumentException("need at least one worker and one placement");
            }
        }

        /** HTTP workers ({@link HttpWorkerMain}). */
        public Spec(int count, int concurrency, List<String> jvmOptions, boolean sharePort,
                    List<WorkerPlacement> placements, Duration startTimeout) {
            this(count, concurrency, jvmOptions, sharePort, placements, startTimeout, HttpWorkerMain.class.getName(),
                    List.of());
        }
    }

    /** Consecutive failed respawns of one slot after which it stays down (a startup-failure guard). */
    static final int MAX_RESPAWN_FAILURES = 3;

    /**
     * The cluster models' recovery policy: a request whose worker died before answering goes once more to
     * another worker; a dead worker is respawned at once, after a failed respawn with a backoff from 200 ms,
     * and after {@link #MAX_RESPAWN_FAILURES} failed respawns in a row its slot stays down.
     */
    public static final RecoveryPolicy RECOVERY = RecoveryPolicy.of(true, MAX_RESPAWN_FAILURES,
            TimeUnit.MILLISECONDS.toNanos(200));

    /** {@link #RECOVERY} with the retry switched by a model option (cluster/grpc's {@code retry=on|off}). */
    public static RecoveryPolicy recovery(boolean retryOnce) {
        RecoveryPolicy p = RECOVERY;
        return new RecoveryPolicy(retryOnce, p.maxStartFailures(), p.respawnBackoffNanos(), p.maxRespawnBackoffNanos(),
                p.replaceAfterTimeout(), p.backstopMinGraceNanos());
    }

    private final Spec spec;
    private final String threadPrefix;
    private final LongSupplier nanoTime;
    private final WorkerLauncher launcher;
    private final WorkerLauncher.Started[] slots;
    private final List<Backend> backends = new ArrayList<>();
    private final ExecutorService supervisor;
    private final AtomicLong respawned = new AtomicLong();
    private volatile boolean closing;
    private volatile int sharedPort;
    private long downSinceNanos = -1;
    private volatile long lastRecoveryNanos = -1;
    private volatile Runnable onRespawn = () -> { };

    private LocalWorkers(Spec spec, String threadPrefix, LongSupplier nanoTime) throws IOException {
        this.spec = spec;
        this.threadPrefix = threadPrefix;
        this.nanoTime = nanoTime;
        this.launcher = new WorkerLauncher(spec, threadPrefix, nanoTime);
        this.slots = new WorkerLauncher.Started[spec.count()];
        this.supervisor = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, threadPrefix + "-supervisor");
            t.setDaemon(true);
            return t;
        });
    }

    /**
     * Starts every worker and returns when all listen.
     *
     * @throws IOException naming the worker that failed and quoting its stderr; nothing is left running
     */
    public static LocalWorkers start(Spec spec, String threadPrefix, LongSupplier nanoTime) throws IOException {
        LocalWorkers workers = new LocalWorkers(Objects.requireNonNull(spec, "spec"), threadPrefix, nanoTime);
        try {
            workers.startAll();
            return workers;
        } catch (IOException | RuntimeException e) {
            workers.close();
            throw e;
        }
    }

    private void startAll() throws IOException {
        int first = 0;
        if (spec.sharePort()) {
            // the probed port is handed to the first worker; the others join its SO_REUSEPORT group
            slots[0] = startGuarded(0, launcher.freePort(), null);
            sharedPort = slots[0].port();
            first = 1;
        }
        List<ChildJvm> launched = new ArrayList<>();
        for (int i = first; i < spec.count(); i++) {
            launched.add(launcher.launch(i, spec.sharePort() ? sharedPort : 0));
        }
        for (int i = first; i < spec.count(); i++) {
            slots[i] = startGuarded(i, spec.sharePort() ? sharedPort : 0, launched.get(i - first));
        }
        for (int i = 0; i < spec.count(); i++) {
            WorkerLauncher.Started s = slots[i];
            backends.add(new Backend(i, new BackendAddress(s.host(), s.port()),
                    new BackendAddress(s.host(), s.healthPort())));
            watch(i, s);
        }
    }

    /**
     * Waits for {@code launched} (or launches one) to listen; a worker that dies or fails while starting
     * (killed, a port race) is started again with backoff, and only repeated failures fail the start.
     */
    private WorkerLauncher.Started startGuarded(int index, int port, ChildJvm launched) throws IOException {
        return StartRetry.DEFAULT.start(attempt -> {
            if (closing) {
                throw new IOException(threadPrefix + " is closing; worker " + index + " is not started");
            }
            return launcher.await(index, attempt == 1 && launched != null ? launched : launcher.launch(index, port));
        }, (attempt, failure) -> System.err.println(threadPrefix + ": worker " + index + " did not start (attempt "
                + attempt + "), starting it again: " + failure.getMessage()));
    }

    private void watch(int index, WorkerLauncher.Started slot) {
        slot.child().onExit().thenRunAsync(() -> onDeath(index, slot), supervisor);
    }

    /** Respawns a dead worker on its port, with {@link #RECOVERY}'s backoff and give-up rule. */
    private void onDeath(int index, WorkerLauncher.Started dead) {
        if (closing || slots[index] != dead) {
            return;
        }
        Backend backend = backends.get(index);
        backend.markDown();
        synchronized (this) {
            if (downSinceNanos < 0) {
                downSinceNanos = nanoTime.getAsLong();
            }
        }
        int failures = 0;
        while (!closing) {
            try {
                WorkerLauncher.Started fresh = launcher.await(index,
                        launcher.launch(index, spec.sharePort() ? sharedPort : dead.port()));
                if (closing) {
                    fresh.child().close(Duration.ZERO);
                    return;
                }
                slots[index] = fresh;
                respawned.incrementAndGet();
                backend.replaced(new BackendAddress(fresh.host(), fresh.port()),
                        new BackendAddress(fresh.host(), fresh.healthPort()));
                watch(index, fresh);
                recordRecovery();
                onRespawn.run();
                return;
            } catch (IOException e) {
                failures++;
                System.err.println(threadPrefix + ": respawn of worker " + index + " failed (attempt " + failures
                        + "): " + e.getMessage());
                if (RECOVERY.givesUp(failures)) {
                    System.err.println(threadPrefix + ": worker " + index + " stays down after " + failures
                            + " failed respawns");
                    return;
                }
                sleepQuietly(TimeUnit.NANOSECONDS.toMillis(RECOVERY.respawnDelayNanos(failures)));
            }
        }
    }

    private synchronized void recordRecovery() {
        if (alive() == spec.count() && downSinceNanos >= 0) {
            lastRecoveryNanos = nanoTime.getAsLong() - downSinceNanos;
            downSinceNanos = -1;
        }
    }

    private static void sleepQuietly(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Runs in the supervisor thread after each successful respawn (a gRPC channel resets its connect backoff). */
    public void onRespawn(Runnable listener) {
        this.onRespawn = Objects.requireNonNull(listener, "listener");
    }

    /** One backend per worker, in worker order. */
    public List<Backend> backends() {
        return List.copyOf(backends);
    }

    /** The port all workers share (cluster/kernel), else 0. */
    public int sharedPort() {
        return spec.sharePort() ? sharedPort : 0;
    }

    public String sharedHost() {
        return spec.placements().get(0).host();
    }

    /** Workers alive now. */
    public int alive() {
        int n = 0;
        for (WorkerLauncher.Started s : slots) {
            if (s != null && s.child().isAlive()) {
                n++;
            }
        }
        return n;
    }

    public long respawned() {
        return respawned.get();
    }

    /** Time from the first death to every worker listening again, of the last recovery; -1 if none yet. */
    public long lastRecoveryNanos() {
        return lastRecoveryNanos;
    }

    /** The pid of each worker now (tests kill one). */
    public List<Long> pids() {
        List<Long> pids = new ArrayList<>();
        for (WorkerLauncher.Started s : slots) {
            if (s != null) {
                pids.add(s.child().pid());
            }
        }
        return pids;
    }

    /** Spawn-to-listening of each current worker, ns (startup suite). */
    public List<Long> spawnToReadyNanos() {
        List<Long> out = new ArrayList<>();
        for (WorkerLauncher.Started s : slots) {
            if (s != null) {
                s.child().spawnToReadyNanos().ifPresent(out::add);
            }
        }
        return out;
    }

    /** Ends every worker (stdin closed, then TERM, then KILL) and the supervisor; returns when all are gone. */
    @Override
    public void close() {
        closing = true;
        supervisor.shutdown();
        for (WorkerLauncher.Started s : slots) {
            if (s != null) {
                s.child().close(Duration.ofSeconds(2));
            }
        }
        try {
            if (!supervisor.awaitTermination(30, TimeUnit.SECONDS)) {
                supervisor.shutdownNow();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            supervisor.shutdownNow();
        }
        // a respawn racing with close may have started one more worker; it saw closing and closed itself
        launcher.close();
    }
}
