package org.offloadbench.cluster.local;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;
import org.offloadbench.cluster.balance.Backend;
import org.offloadbench.cluster.http.BackendAddress;
import org.offloadbench.cluster.worker.HttpWorkerMain;
import org.offloadbench.core.worker.ChildJvm;
import org.offloadbench.core.worker.ChildJvmLauncher;
import org.offloadbench.core.worker.ChildJvmSpec;
import org.offloadbench.core.worker.StartRetry;

/**
 * The local worker JVMs of a cluster model: starts them with core's {@link ChildJvmLauncher}, watches them,
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

    private final Spec spec;
    private final String threadPrefix;
    private final LongSupplier nanoTime;
    private final ChildJvmLauncher launcher;
    private final Slot[] slots;
    private final List<Backend> backends = new ArrayList<>();
    private final ExecutorService supervisor;
    private final AtomicLong respawned = new AtomicLong();
    private final Path scratch;
    private volatile boolean closing;
    private volatile int sharedPort;
    private long downSinceNanos = -1;
    private volatile long lastRecoveryNanos = -1;
    private volatile Runnable onRespawn = () -> { };

    private LocalWorkers(Spec spec, String threadPrefix, LongSupplier nanoTime) throws IOException {
        this.spec = spec;
        this.threadPrefix = threadPrefix;
        this.nanoTime = nanoTime;
        this.launcher = new ChildJvmLauncher(nanoTime);
        this.slots = new Slot[spec.count()];
        this.supervisor = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, threadPrefix + "-supervisor");
            t.setDaemon(true);
            return t;
        });
        boolean needsScratch = spec.placements().stream().anyMatch(p -> p.netns() != null);
        this.scratch = needsScratch ? Files.createTempDirectory("offloadbench-netns-",
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------"))) : null;
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
            // The port is probed WITHOUT SO_REUSEPORT and then handed to the first worker: binding port 0
            // with SO_REUSEPORT may land on a port another SO_REUSEPORT group of this user already holds
            // (another cluster's workers), and the kernel would then spread our requests over theirs too.
            int probed = freePort(spec.placements().get(0));
            slots[0] = startGuarded(0, probed, null);
            sharedPort = slots[0].port;
            first = 1;
        }
        List<ChildJvm> launched = new ArrayList<>();
        for (int i = first; i < spec.count(); i++) {
            launched.add(launch(i, spec.sharePort() ? sharedPort : 0));
        }
        for (int i = first; i < spec.count(); i++) {
            slots[i] = startGuarded(i, spec.sharePort() ? sharedPort : 0, launched.get(i - first));
        }
        for (int i = 0; i < spec.count(); i++) {
            Slot s = slots[i];
            backends.add(new Backend(i, new BackendAddress(s.host, s.port), new BackendAddress(s.host,
                    s.adminPort > 0 ? s.adminPort : s.port)));
            watch(i, s);
        }
    }

    /**
     * Waits for {@code launched} (or launches one) to listen; a worker that dies or fails while starting
     * (killed, a port race) is started again with backoff, and only repeated failures fail the start.
     */
    private Slot startGuarded(int index, int port, ChildJvm launched) throws IOException {
        return StartRetry.DEFAULT.start(attempt -> {
            if (closing) {
                throw new IOException(threadPrefix + " is closing; worker " + index + " is not started");
            }
            return await(index, attempt == 1 && launched != null ? launched : launch(index, port));
        }, (attempt, failure) -> System.err.println(threadPrefix + ": worker " + index + " did not start (attempt "
                + attempt + "), starting it again: " + failure.getMessage()));
    }

    private ChildJvm launch(int index, int port) throws IOException {
        WorkerPlacement placement = spec.placements().get(index % spec.placements().size());
        List<String> args = new ArrayList<>(List.of("--host=" + placement.host(), "--port=" + port,
                "--concurrency=" + spec.concurrency(), "--exit-on-stdin-eof=true"));
        if (spec.sharePort()) {
            args.add("--reuse-port=true");
            args.add("--admin-port=0");
        }
        args.addAll(spec.extraArgs());
        ChildJvmSpec child = ChildJvmSpec.of(spec.mainClass()).withJvmOptions(spec.jvmOptions())
                .withArgs(args);
        if (placement.netns() != null) {
            child = child.withJavaExecutable(netnsWrapper(placement.netns(), child.javaExecutable()));
        }
        return launcher.launch(child);
    }

    private static int freePort(WorkerPlacement placement) throws IOException {
        if (placement.netns() != null) {
            return 0; // the probe would run in the wrong namespace; the namespace is ours alone anyway
        }
        try (java.net.ServerSocket probe = new java.net.ServerSocket()) {
            probe.bind(new java.net.InetSocketAddress(java.net.InetAddress.getByName(placement.host()), 0), 1);
            return probe.getLocalPort();
        }
    }

    /** A two-line script that runs java inside the namespace; exec keeps the worker a direct child. */
    private Path netnsWrapper(String netns, Path java) throws IOException {
        Path script = scratch.resolve("java-in-" + netns);
        if (!Files.exists(script)) {
            Files.writeString(script, "#!/bin/sh\nexec ip netns exec '" + netns + "' '" + java + "' \"$@\"\n");
            Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwx------"));
        }
        return script;
    }

    private Slot await(int index, ChildJvm child) throws IOException {
        String line;
        try {
            line = readLine(child.stdout()).get(spec.startTimeout().toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            child.destroyForcibly();
            child.close(Duration.ZERO);
            throw new IOException("worker " + index + " (pid " + child.pid() + ") did not listen within "
                    + spec.startTimeout().toMillis() + " ms; stderr: " + child.stderrTail());
        } catch (ExecutionException e) {
            child.close(Duration.ofMillis(500));
            throw new IOException("worker " + index + " (pid " + child.pid() + ") failed to start: "
                    + e.getCause().getMessage() + "; stderr: " + child.stderrTail(), e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            child.close(Duration.ZERO);
            throw new IOException("interrupted while starting worker " + index, e);
        }
        String[] f = line == null ? new String[0] : line.trim().split(" ");
        if (line == null || !line.startsWith(HttpWorkerMain.READY_PREFIX) || f.length != 5) {
            child.close(Duration.ofMillis(500));
            throw new IOException("worker " + index + " (pid " + child.pid() + ") did not start: "
                    + (line == null ? "it exited" : "it said '" + line + "'") + "; stderr: " + child.stderrTail());
        }
        child.markReady();
        return new Slot(child, f[1], Integer.parseInt(f[2]), Integer.parseInt(f[3]));
    }

    private static CompletableFuture<String> readLine(InputStream in) {
        CompletableFuture<String> line = new CompletableFuture<>();
        Thread t = new Thread(() -> {
            ByteArrayOutputStream buf = new ByteArrayOutputStream();
            try {
                int b;
                while ((b = in.read()) >= 0 && b != '\n' && buf.size() < 1024) {
                    buf.write(b);
                }
                line.complete(b < 0 && buf.size() == 0 ? null : buf.toString(StandardCharsets.UTF_8));
            } catch (IOException e) {
                line.completeExceptionally(e);
            }
        }, "cluster-worker-ready-reader");
        t.setDaemon(true);
        t.start();
        return line;
    }

    private void watch(int index, Slot slot) {
        slot.child.onExit().thenRunAsync(() -> onDeath(index, slot), supervisor);
    }

    private void onDeath(int index, Slot dead) {
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
        for (int attempt = 1; attempt <= MAX_RESPAWN_FAILURES && !closing; attempt++) {
            try {
                Slot fresh = await(index, launch(index, spec.sharePort() ? sharedPort : dead.port));
                if (closing) {
                    fresh.child.close(Duration.ZERO);
                    return;
                }
                slots[index] = fresh;
                respawned.incrementAndGet();
                backend.replaced(new BackendAddress(fresh.host, fresh.port),
                        new BackendAddress(fresh.host, fresh.adminPort > 0 ? fresh.adminPort : fresh.port));
                watch(index, fresh);
                recordRecovery();
                onRespawn.run();
                return;
            } catch (IOException e) {
                System.err.println(threadPrefix + ": respawn of worker " + index + " failed (attempt " + attempt
                        + "): " + e.getMessage());
                sleepQuietly(200L * attempt);
            }
        }
        System.err.println(threadPrefix + ": worker " + index + " stays down after " + MAX_RESPAWN_FAILURES
                + " failed respawns");
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
        for (Slot s : slots) {
            if (s != null && s.child.isAlive()) {
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
        for (Slot s : slots) {
            if (s != null) {
                pids.add(s.child.pid());
            }
        }
        return pids;
    }

    /** Spawn-to-listening of each current worker, ns (startup suite). */
    public List<Long> spawnToReadyNanos() {
        List<Long> out = new ArrayList<>();
        for (Slot s : slots) {
            if (s != null) {
                s.child.spawnToReadyNanos().ifPresent(out::add);
            }
        }
        return out;
    }

    /** Ends every worker (stdin closed, then TERM, then KILL) and the supervisor; returns when all are gone. */
    @Override
    public void close() {
        closing = true;
        supervisor.shutdown();
        for (Slot s : slots) {
            if (s != null) {
                s.child.close(Duration.ofSeconds(2));
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
        if (scratch != null) {
            try (var files = Files.list(scratch)) {
                for (Path p : files.toList()) {
                    Files.deleteIfExists(p);
                }
                Files.deleteIfExists(scratch);
            } catch (IOException e) {
                System.err.println(threadPrefix + ": could not remove " + scratch + ": " + e.getMessage());
            }
        }
    }

    private record Slot(ChildJvm child, String host, int port, int adminPort) {
    }
}
