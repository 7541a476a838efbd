package org.offloadbench.node;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;
import org.offloadbench.core.wire.Frame;
import org.offloadbench.core.wire.FrameCodec;
import org.offloadbench.core.wire.FrameWriter;

/**
 * One {@code node pipe-main.js} process: frames to its stdin, frames from its stdout (core's wire format),
 * stderr drained. It exits on end of stdin, so it cannot outlive this JVM however the JVM ends.
 */
final class NodePipeProcess {
    private final Process process;
    private final FrameWriter writer;
    private final StderrLines stderr;
    private final Frame.Ready ready;
    private final Thread reader;

    private NodePipeProcess(Process process, FrameWriter writer, StderrLines stderr, Frame.Ready ready,
                            Thread reader) {
        this.process = process;
        this.writer = writer;
        this.stderr = stderr;
        this.ready = ready;
        this.reader = reader;
    }

    /**
     * Starts node, waits for its READY (every worker up), then hands each later frame to {@code onFrame} on a
     * reader thread, and {@code onEnd} once the stream ends (the process died or was stopped).
     */
    static NodePipeProcess start(Path node, NodeScripts scripts, String mode, NodeSettings s, FrameCodec codec,
                                 Consumer<Frame> onFrame, Consumer<String> onEnd) throws IOException {
        List<String> command = new ArrayList<>(List.of(node.toString(), scripts.script("pipe-main.js").toString(),
                mode, Integer.toString(s.workers()), Integer.toString(codec.limits().maxPayloadBytes()),
                Integer.toString(s.heapMb())));
        Process p = new ProcessBuilder(command).directory(scripts.folder().toFile()).start();
        StderrLines stderr = new StderrLines(p.getErrorStream(), s.model() + "-stderr-" + p.pid());
        InputStream in = p.getInputStream();
        CompletableFuture<Frame> first = new CompletableFuture<>();
        NodePipeProcess[] self = new NodePipeProcess[1];
        Thread reader = new Thread(() -> {
            String why = "stdout ended";
            try {
                first.complete(codec.read(in));
                for (; ; ) {
                    onFrame.accept(codec.read(in));
                }
            } catch (IOException | RuntimeException e) {
                why = e.getMessage();
                first.completeExceptionally(e);
            }
            // a node that sent garbage may still run: it must be gone before a replacement starts
            p.descendants().forEach(ProcessHandle::destroyForcibly);
            p.destroyForcibly();
            if (self[0] != null) {
                onEnd.accept(self[0].describeEnd(why));
            }
        }, s.model() + "-reader-" + p.pid());
        reader.setDaemon(true);
        reader.start();
        Frame frame;
        try {
            frame = first.get(s.startTimeoutMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            p.destroyForcibly();
            throw new IOException("node did not report its " + s.workers() + " workers up within "
                    + s.startTimeoutMillis() + " ms; stderr: " + stderr.tail());
        } catch (ExecutionException e) {
            p.destroyForcibly();
            waitQuietly(p);
            throw new IOException("node ended before it was ready (" + exit(p) + "): " + e.getCause().getMessage()
                    + "; stderr: " + stderr.tail(), e.getCause());
        } catch (InterruptedException e) {
            p.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while node started", e);
        }
        if (!(frame instanceof Frame.Ready r)) {
            p.destroyForcibly();
            throw new IOException("node's first frame was " + frame.kind() + ", not READY");
        }
        NodePipeProcess started = new NodePipeProcess(p, new FrameWriter(codec, p.getOutputStream()), stderr, r,
                reader);
        self[0] = started;
        return started;
    }

    /**
     * Writes one frame to node's stdin; blocks while the pipe is full. Never call it on {@link #isReader the
     * reader thread}: node writes its answers with a blocking write on stdout, so a reader blocked here while
     * node is blocked there is a deadlock.
     */
    void send(Frame frame) throws IOException {
        writer.write(frame);
    }

    /** Whether the calling thread is the one that reads node's stdout (onFrame and onEnd run on it). */
    boolean isReader() {
        return Thread.currentThread() == reader;
    }

    long pid() {
        return process.pid();
    }

    /** The node process and its descendants (forked children) alive now. */
    List<Long> pids() {
        List<Long> pids = new ArrayList<>();
        if (process.isAlive()) {
            pids.add(process.pid());
            process.descendants().filter(ProcessHandle::isAlive).forEach(h -> pids.add(h.pid()));
        }
        return pids;
    }

    boolean isAlive() {
        return process.isAlive();
    }

    int concurrency() {
        return ready.concurrency();
    }

    /** Asks node to finish what it runs and exit; closes its stdin (which ends it at once once idle). */
    void shutdown() {
        try {
            writer.write(new Frame.Shutdown());
            writer.close();
        } catch (IOException e) {
            // already gone: nothing left to stop gracefully; kill() below makes sure
        }
    }

    /** Kills node and every descendant, and waits (bounded) until they are gone. */
    void kill() {
        List<ProcessHandle> all = new ArrayList<>(process.descendants().toList());
        process.destroyForcibly();
        all.forEach(ProcessHandle::destroyForcibly);
        waitQuietly(process);
        for (ProcessHandle h : all) {
            try {
                h.onExit().get(5, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (ExecutionException | TimeoutException e) {
                // reported by the caller's leftover check; nothing more to do here
            }
        }
    }

    /** Waits up to {@code millis} for node to exit by itself. */
    boolean awaitExit(long millis) {
        try {
            return process.waitFor(millis, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private String describeEnd(String why) {
        waitQuietly(process);
        return "node process " + process.pid() + " ended (" + exit(process) + ", " + why + "); stderr: " + stderr.tail();
    }

    private static String exit(Process p) {
        if (p.isAlive()) {
            return "still running";
        }
        int code = p.exitValue();
        return code > 128 ? "killed by signal " + (code - 128) : "exit code " + code;
    }

    private static void waitQuietly(Process p) {
        try {
            p.waitFor(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
