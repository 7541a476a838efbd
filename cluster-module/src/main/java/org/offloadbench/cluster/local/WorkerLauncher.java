package org.offloadbench.cluster.local;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.LongSupplier;
import org.offloadbench.cluster.worker.HttpWorkerMain;
import org.offloadbench.core.worker.ChildJvm;
import org.offloadbench.core.worker.ChildJvmLauncher;
import org.offloadbench.core.worker.ChildJvmSpec;

/**
 * Starts one cluster worker JVM with core's {@link ChildJvmLauncher} and waits until it listens: its first
 * stdout line is {@link HttpWorkerMain#READY_PREFIX} with its host, port and admin port. A worker placed in a
 * network namespace is started through a two-line wrapper script kept in a private scratch folder, removed
 * by {@link #close()}.
 */
final class WorkerLauncher implements AutoCloseable {
    private final LocalWorkers.Spec spec;
    private final String name;
    private final ChildJvmLauncher launcher;
    private final Path scratch;

    /** A worker that listens: its process and where. */
    record Started(ChildJvm child, String host, int port, int adminPort) {
        /** The port health checks go to: the admin port where workers share one, else the worker's own. */
        int healthPort() {
            return adminPort > 0 ? adminPort : port;
        }
    }

    WorkerLauncher(LocalWorkers.Spec spec, String name, LongSupplier nanoTime) throws IOException {
        this.spec = spec;
        this.name = name;
        this.launcher = new ChildJvmLauncher(nanoTime);
        boolean needsScratch = spec.placements().stream().anyMatch(p -> p.netns() != null);
        this.scratch = needsScratch ? Files.createTempDirectory("offloadbench-netns-",
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------"))) : null;
    }

    /** Begins starting worker {@code index} on {@code port} (0: any) without waiting for it. */
    ChildJvm launch(int index, int port) throws IOException {
        WorkerPlacement placement = placement(index);
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

    WorkerPlacement placement(int index) {
        return spec.placements().get(index % spec.placements().size());
    }

    /**
     * A free port on the first placement's host, probed WITHOUT SO_REUSEPORT: binding port 0 with SO_REUSEPORT
     * may land on a port another SO_REUSEPORT group of this user already holds (another cluster's workers), and
     * the kernel would then spread our requests over theirs too.
     */
    int freePort() throws IOException {
        WorkerPlacement placement = spec.placements().get(0);
        if (placement.netns() != null) {
            return 0; // the probe would run in the wrong namespace; the namespace is ours alone anyway
        }
        try (ServerSocket probe = new ServerSocket()) {
            probe.bind(new InetSocketAddress(InetAddress.getByName(placement.host()), 0), 1);
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

    /**
     * Waits for the worker's ready line.
     *
     * @throws IOException naming the worker and quoting its stderr; the worker is then gone
     */
    Started await(int index, ChildJvm child) throws IOException {
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
        return new Started(child, f[1], Integer.parseInt(f[2]), Integer.parseInt(f[3]));
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

    /** Removes the scratch folder (the netns wrappers), if any. */
    @Override
    public void close() {
        if (scratch == null) {
            return;
        }
        try (var files = Files.list(scratch)) {
            for (Path p : files.toList()) {
                Files.deleteIfExists(p);
            }
            Files.deleteIfExists(scratch);
        } catch (IOException e) {
            System.err.println(name + ": could not remove " + scratch + ": " + e.getMessage());
        }
    }
}
