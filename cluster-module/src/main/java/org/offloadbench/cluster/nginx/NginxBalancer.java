package org.offloadbench.cluster.nginx;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.offloadbench.cluster.balance.BalancePolicy;
import org.offloadbench.cluster.http.BackendAddress;

/**
 * nginx from the system's packages, run by the harness: a private run folder with the generated config,
 * pid file and error log; started in the foreground under a tiny {@code sh} guard that stops it when this
 * JVM's pipe to the guard ends (so nginx dies with the harness even on SIGKILL); stopped by the pid in its pid
 * file on {@link #close()}. The system nginx (port 80) is never used or touched.
 */
public final class NginxBalancer implements AutoCloseable {
    private final NginxConfig config;
    private final Process guard;
    private final long masterPid;

    private NginxBalancer(NginxConfig config, Process guard, long masterPid) {
        this.config = config;
        this.guard = guard;
        this.masterPid = masterPid;
    }

    /** Where nginx is, or empty; looked up on PATH and in /usr/sbin (where Debian puts it). */
    public static Optional<Path> findBinary() {
        String path = System.getenv().getOrDefault("PATH", "");
        for (String dir : (path + ":/usr/sbin:/usr/local/sbin:/sbin").split(":")) {
            if (dir.isEmpty()) {
                continue;
            }
            Path p = Path.of(dir, "nginx");
            if (Files.isRegularFile(p) && Files.isExecutable(p)) {
                return Optional.of(p);
            }
        }
        return Optional.empty();
    }

    /**
     * Writes the config into a new private folder, starts nginx and returns when it accepts connections.
     *
     * @throws IOException quoting nginx's error log when it does not come up; nothing is left running
     */
    public static NginxBalancer start(Path binary, List<BackendAddress> backends, BalancePolicy policy,
                                      int workerProcesses, int maxBodyBytes) throws IOException {
        IOException last = null;
        for (int attempt = 0; attempt < 3; attempt++) {
            Path folder = Files.createTempDirectory("offloadbench-nginx-",
                    PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
            NginxConfig config = new NginxConfig(folder, "127.0.0.1", freePort(), backends, policy, workerProcesses,
                    maxBodyBytes, 64);
            try {
                return startOnce(binary, config);
            } catch (IOException e) {
                deleteTree(folder);
                if (!e.getMessage().contains("Address already in use")) {
                    throw e;
                }
                last = e; // the port was taken between probing and binding: try another
            }
        }
        throw last;
    }

    private static NginxBalancer startOnce(Path binary, NginxConfig config) throws IOException {
        Files.writeString(config.configFile(), config.render());
        String nginx = "'" + binary + "' -p '" + config.folder() + "' -c '" + config.configFile() + "' -e '"
                + config.errorLog() + "'";
        // the guard waits for its stdin to end (this JVM closed it or died), then stops nginx by its pid and
        // removes the run folder (nobody else will when the harness was killed)
        String script = nginx + " & n=$!; read -r _; kill -TERM $n 2>/dev/null; wait $n; rm -rf '"
                + config.folder() + "'";
        Process guard = new ProcessBuilder("sh", "-c", script)
                .redirectErrorStream(true)
                .redirectOutput(config.folder().resolve("guard.log").toFile())
                .start();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(15);
        while (System.nanoTime() < deadline) {
            // nginx creates its pid file before it writes the pid: an empty one means "not yet", not a bad pid
            String pid = accepts(config.listenHost(), config.listenPort()) && Files.exists(config.pidFile())
                    ? Files.readString(config.pidFile()).trim() : "";
            if (!pid.isEmpty()) {
                return new NginxBalancer(config, guard, Long.parseLong(pid));
            }
            if (!guard.isAlive() || emergency(config)) {
                break; // nginx refused its config or its port: waiting longer will not help
            }
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        String log = Files.exists(config.errorLog()) ? Files.readString(config.errorLog()).trim() : "(no error log)";
        stopGuard(guard);
        throw new IOException("nginx did not come up on " + config.listenHost() + ":" + config.listenPort()
                + "; error log: " + log);
    }

    private static boolean emergency(NginxConfig config) {
        try {
            return Files.exists(config.errorLog()) && Files.readString(config.errorLog()).contains("[emerg]");
        } catch (IOException e) {
            return false;
        }
    }

    private static boolean accepts(String host, int port) {
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress(host, port), 200);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    public BackendAddress address() {
        return new BackendAddress(config.listenHost(), config.listenPort());
    }

    public NginxConfig config() {
        return config;
    }

    /** nginx's master process id (from its pid file). */
    public long masterPid() {
        return masterPid;
    }

    /** nginx's master and its worker processes now, for CPU accounting; empty once the master is gone. */
    public List<Long> pids() {
        return ProcessHandle.of(masterPid).map(m -> java.util.stream.Stream.concat(java.util.stream.Stream.of(m),
                m.descendants()).map(ProcessHandle::pid).toList()).orElse(List.of());
    }

    /** Stops nginx by its pid (TERM, then KILL for it and its workers), ends the guard, removes the folder. */
    @Override
    public void close() {
        Optional<ProcessHandle> master = ProcessHandle.of(masterPid);
        List<ProcessHandle> nginxWorkers = master.map(m -> m.descendants().toList()).orElse(List.of());
        // TERM to the master (nginx's fast shutdown stops its workers); the master is the guard's child, so it
        // is reaped only once the guard's wait returns: end the guard next, then make sure
        master.ifPresent(ProcessHandle::destroy);
        stopGuard(guard);
        master.filter(ProcessHandle::isAlive).ifPresent(m -> {
            if (!awaitExit(m, 5)) {
                m.destroyForcibly();
            }
        });
        nginxWorkers.forEach(w -> {
            if (!awaitExit(w, 2)) {
                w.destroyForcibly();
            }
        });
        deleteTree(config.folder());
    }

    private static boolean awaitExit(ProcessHandle p, int seconds) {
        try {
            p.onExit().get(seconds, TimeUnit.SECONDS);
            return true;
        } catch (Exception e) {
            return !p.isAlive();
        }
    }

    private static void stopGuard(Process guard) {
        try {
            guard.getOutputStream().close();
            if (!guard.waitFor(5, TimeUnit.SECONDS)) {
                guard.descendants().forEach(ProcessHandle::destroyForcibly);
                guard.destroyForcibly();
                guard.waitFor(5, TimeUnit.SECONDS);
            }
        } catch (IOException e) {
            guard.descendants().forEach(ProcessHandle::destroyForcibly);
            guard.destroyForcibly();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            guard.descendants().forEach(ProcessHandle::destroyForcibly);
            guard.destroyForcibly();
        }
    }

    private static void deleteTree(Path folder) {
        // the guard removes the folder itself once nginx has stopped; whatever it has not (yet) removed goes here
        try (Stream<Path> walk = Files.walk(folder)) {
            for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        } catch (java.nio.file.NoSuchFileException alreadyGone) {
            // the guard got there first: the folder is gone, which is all this wants
        } catch (IOException e) {
            System.err.println("cluster/nginx: could not remove " + folder + ": " + e);
        }
        if (Files.exists(folder)) {
            System.err.println("cluster/nginx: " + folder + " is still there after close");
        }
    }
}
