package org.offloadbench.node;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;

/**
 * {@code node cluster-main.js}: node's cluster primary and its HTTP workers on one loopback port. Its stdout
 * carries one line per event ({@code ready <port>}, {@code respawn <pid>}, {@code abandoned <n>}), counted here;
 * closing its stdin ends it and its workers.
 */
final class NodeClusterPrimary implements AutoCloseable {
    private final Process process;
    private final NodeScripts scripts;
    private final StderrLines stderr;
    private final int port;
    private final AtomicLong respawned;
    private final AtomicLong abandoned;

    private NodeClusterPrimary(Process process, NodeScripts scripts, StderrLines stderr, int port, AtomicLong respawned,
                               AtomicLong abandoned) {
        this.process = process;
        this.scripts = scripts;
        this.stderr = stderr;
        this.port = port;
        this.respawned = respawned;
        this.abandoned = abandoned;
    }

    static NodeClusterPrimary start(Path node, NodeSettings s, int maxPayloadBytes, Runnable onRespawn)
            throws IOException {
        NodeScripts scripts = NodeScripts.extract();
        Process p;
        try {
            p = new ProcessBuilder(node.toString(), scripts.script("cluster-main.js").toString(),
                    Integer.toString(s.workers()), Integer.toString(maxPayloadBytes), Integer.toString(s.heapMb()))
                    .directory(scripts.folder().toFile()).start();
        } catch (IOException e) {
            scripts.close();
            throw e;
        }
        StderrLines stderr = new StderrLines(p.getErrorStream(), s.model() + "-stderr-" + p.pid());
        CompletableFuture<Integer> ready = new CompletableFuture<>();
        AtomicLong respawns = new AtomicLong();
        AtomicLong abandons = new AtomicLong();
        Thread events = new Thread(() -> {
            try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line; (line = r.readLine()) != null; ) {
                    String[] word = line.trim().split(" ");
                    switch (word[0]) {
                        case "ready" -> ready.complete(Integer.parseInt(word[1]));
                        case "respawn" -> {
                            respawns.incrementAndGet();
                            onRespawn.run();
                        }
                        case "abandoned" -> abandons.addAndGet(Long.parseLong(word[1]));
                        default -> throw new IOException("unexpected line from node's cluster primary: " + line);
                    }
                }
                ready.completeExceptionally(new IOException("node's cluster primary ended its output"));
            } catch (IOException | RuntimeException e) {
                ready.completeExceptionally(e);
                p.destroyForcibly(); // garbage on the event stream: stop it rather than guess
            }
        }, s.model() + "-events-" + p.pid());
        events.setDaemon(true);
        events.start();
        try {
            int port = ready.get(s.startTimeoutMillis(), TimeUnit.MILLISECONDS);
            return new NodeClusterPrimary(p, scripts, stderr, port, respawns, abandons);
        } catch (TimeoutException | ExecutionException | InterruptedException e) {
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
            kill(p);
            scripts.close();
            throw new IOException("node's cluster primary did not report " + s.workers() + " workers listening within "
                    + s.startTimeoutMillis() + " ms (" + (e.getCause() == null ? e : e.getCause().getMessage())
                    + "); stderr: " + stderr.tail(), e);
        }
    }

    int port() {
        return port;
    }

    long respawned() {
        return respawned.get();
    }

    long abandoned() {
        return abandoned.get();
    }

    /** The primary and its workers alive now. */
    List<Long> pids() {
        List<Long> pids = new ArrayList<>();
        if (process.isAlive()) {
            pids.add(process.pid());
            process.children().filter(ProcessHandle::isAlive).forEach(h -> pids.add(h.pid()));
        }
        return pids;
    }

    /** Workers alive now (the primary's children). */
    int workersAlive() {
        return process.isAlive() ? (int) process.children().filter(ProcessHandle::isAlive).count() : 0;
    }

    String stderrTail() {
        return stderr.tail();
    }

    @Override
    public void close() {
        try {
            process.getOutputStream().close(); // end of stdin: the primary kills its workers and exits
            process.waitFor(2, TimeUnit.SECONDS);
        } catch (IOException e) {
            // already gone; kill below makes sure
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        kill(process);
        scripts.close();
    }

    private static void kill(Process p) {
        List<ProcessHandle> all = new ArrayList<>(p.descendants().toList());
        p.destroyForcibly();
        all.forEach(ProcessHandle::destroyForcibly);
        try {
            p.waitFor(5, TimeUnit.SECONDS);
            for (ProcessHandle h : all) {
                h.onExit().get(5, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException | TimeoutException e) {
            // left for the caller's leftover check to report; nothing more can be done here
        }
    }
}
