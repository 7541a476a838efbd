package org.offloadbench.hazelcast;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.offloadbench.core.worker.ChildJvm;
import org.offloadbench.core.worker.ChildJvmLauncher;
import org.offloadbench.core.worker.ChildJvmSpec;
import org.offloadbench.core.worker.ChildJvmStartException;
import org.offloadbench.core.worker.FixedHeap;

/**
 * Starts member JVMs on this machine through core's launcher, each on its own loopback port, all told every
 * port so they join one cluster over TCP-IP. A replacement takes the port of the member it replaces.
 */
final class LocalMembers {
    static final String HOST = "127.0.0.1";
    /** The access Hazelcast asks for at start to use its faster internal paths (it warns without them). */
    static final List<String> MEMBER_FLAGS = List.of("--add-modules", "java.se",
            "--add-exports", "java.base/jdk.internal.ref=ALL-UNNAMED",
            "--add-opens", "java.base/java.lang=ALL-UNNAMED", "--add-opens", "java.base/sun.nio.ch=ALL-UNNAMED",
            "--add-opens", "java.management/sun.management=ALL-UNNAMED",
            "--add-opens", "jdk.management/com.sun.management.internal=ALL-UNNAMED");

    /** A started member: its process and the uuid it announced. */
    record Started(ChildJvm process, String uuid) {
    }

    private final ChildJvmLauncher launcher = new ChildJvmLauncher();
    private final String clusterName;
    private final String heap;
    private final List<Integer> ports;
    private final Duration startTimeout;

    LocalMembers(String clusterName, String heap, List<Integer> ports, Duration startTimeout) {
        this.clusterName = clusterName;
        this.heap = heap;
        this.ports = List.copyOf(ports);
        this.startTimeout = startTimeout;
    }

    /** {@code count} loopback ports free now (bound and released; a member binds its own soon after). */
    static List<Integer> freePorts(int count) throws IOException {
        List<ServerSocket> held = new ArrayList<>();
        try {
            for (int i = 0; i < count; i++) {
                held.add(new ServerSocket(0, 1, InetAddress.getByName(HOST)));
            }
            return held.stream().map(ServerSocket::getLocalPort).toList();
        } finally {
            for (ServerSocket s : held) {
                s.close();
            }
        }
    }

    List<String> addresses() {
        return ports.stream().map(p -> HOST + ":" + p).toList();
    }

    /**
     * Starts the member on {@code port} and waits for its announcement.
     *
     * @throws ChildJvmStartException when it exits or stays silent past the start timeout (with its stderr)
     */
    Started start(int port) throws ChildJvmStartException {
        List<String> flags = new ArrayList<>(MEMBER_FLAGS);
        String logLevel = System.getProperty(MemberMain.LOG_LEVEL_PROPERTY);
        if (logLevel != null) {
            flags.add("-D" + MemberMain.LOG_LEVEL_PROPERTY + "=" + logLevel);
        }
        ChildJvmSpec spec = ChildJvmSpec.of(MemberMain.class.getName())
                .withJvmOptions(FixedHeap.withDefault(flags, heap))
                .withArgs(List.of("--cluster=" + clusterName, "--host=" + HOST, "--port=" + port,
                        "--members=" + String.join(",", addresses()), "--exit-on-stdin-eof=true"));
        ChildJvm child;
        try {
            child = launcher.launch(spec);
        } catch (IOException e) {
            throw new ChildJvmStartException(e.getMessage(), List.of(), e);
        }
        CompletableFuture<String> line = CompletableFuture.supplyAsync(() -> readAnnouncement(child));
        try {
            String announced = line.get(startTimeout.toMillis(), TimeUnit.MILLISECONDS);
            if (announced == null) {
                throw failed(child, "exited before joining (exit code " + child.exitCode() + ")", null);
            }
            String[] parts = announced.substring(MemberMain.READY_PREFIX.length()).trim().split(" ");
            child.markReady();
            return new Started(child, parts[3]);
        } catch (TimeoutException e) {
            throw failed(child, "did not join within " + startTimeout.toMillis() + " ms", e);
        } catch (ExecutionException e) {
            throw failed(child, "could not be read: " + e.getCause(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw failed(child, "start interrupted", e);
        }
    }

    private static String readAnnouncement(ChildJvm child) {
        BufferedReader reader = new BufferedReader(new InputStreamReader(child.stdout(), StandardCharsets.UTF_8));
        try {
            for (String l = reader.readLine(); l != null; l = reader.readLine()) {
                if (l.startsWith(MemberMain.READY_PREFIX)) {
                    return l;
                }
            }
            return null;
        } catch (IOException e) {
            return null;
        }
    }

    private ChildJvmStartException failed(ChildJvm child, String what, Exception cause) {
        child.destroyForcibly();
        List<String> tail = child.stderrTail();
        return new ChildJvmStartException("hazelcast member of " + clusterName + " " + what
                + (tail.isEmpty() ? "" : "; its stderr ends: " + String.join(" | ",
                tail.subList(Math.max(0, tail.size() - 12), tail.size()))), tail, cause);
    }
}
