package org.offloadbench.core.worker;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.time.Duration;
import java.util.List;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.LongSupplier;
import org.offloadbench.core.wire.Frame;
import org.offloadbench.core.wire.FrameCodec;

/**
 * A running child JVM. {@link #close()} guarantees the process (and anything it started) is gone.
 *
 * <p>Its stdin and stdout belong to the caller (frames for a {@link WorkerMain} child); its stderr is
 * drained by a daemon thread into {@link #stderrTail()}, which is what an error message about a dead
 * child should quote.
 */
public final class ChildJvm implements AutoCloseable {

    /** How long {@link #close()} lets the child exit on its own after its stdin closes. */
    public static final Duration DEFAULT_CLOSE_GRACE = Duration.ofSeconds(2);

    private final Process process;
    private final ChildJvmSpec spec;
    private final long spawnNanos;
    private final LongSupplier nanoTime;
    private final StderrTail stderr;
    private final CompletableFuture<Integer> onExit;
    private volatile long readyNanos = -1L;

    ChildJvm(Process process, ChildJvmSpec spec, long spawnNanos, LongSupplier nanoTime) {
        this.process = process;
        this.spec = spec;
        this.spawnNanos = spawnNanos;
        this.nanoTime = nanoTime;
        this.stderr = new StderrTail(process.getErrorStream(), spec.stderrTailLines(),
                "child-" + process.pid() + "-stderr");
        this.onExit = process.onExit().thenApply(Process::exitValue);
    }

    public long pid() {
        return process.pid();
    }

    public ChildJvmSpec spec() {
        return spec;
    }

    /** The child's stdin. */
    public OutputStream stdin() {
        return process.getOutputStream();
    }

    /** The child's stdout. */
    public InputStream stdout() {
        return process.getInputStream();
    }

    /** The child's last stderr lines, oldest first. */
    public List<String> stderrTail() {
        return stderr.lines();
    }

    /** Completes with the exit code when the child exits. */
    public CompletableFuture<Integer> onExit() {
        return onExit;
    }

    public OptionalInt exitCode() {
        return process.isAlive() ? OptionalInt.empty() : OptionalInt.of(process.exitValue());
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    /** Asks the child to exit (SIGTERM on Unix). */
    public void destroy() {
        process.destroy();
    }

    /** Kills the child and its descendants (SIGKILL on Unix). */
    public void destroyForcibly() {
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly();
    }

    /**
     * Reads the first frame from stdout and checks that it is the READY of this very process; records the
     * spawn-to-READY time. For {@link WorkerMain} children.
     *
     * @throws ChildJvmStartException quoting the child's stderr when it exits, sends anything else, or is
     *                                not ready within {@code timeout} (the child is then killed)
     */
    public Frame.Ready awaitReady(FrameCodec codec, Duration timeout) throws ChildJvmStartException {
        CompletableFuture<Frame> first = new CompletableFuture<>();
        Thread reader = new Thread(() -> {
            try {
                first.complete(codec.read(stdout()));
            } catch (IOException | RuntimeException e) {
                first.completeExceptionally(e);
            }
        }, "child-" + pid() + "-ready");
        reader.setDaemon(true);
        reader.start();
        Frame frame;
        try {
            frame = first.get(timeout.toNanos(), TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
            destroyForcibly();
            throw new ChildJvmStartException("child JVM " + pid() + " (" + spec.mainClass() + ") sent no READY within "
                    + timeout.toMillis() + " ms and was killed", stderrTailAfterExit());
        } catch (ExecutionException e) {
            List<String> tail = stderrTailAfterExit();
            throw new ChildJvmStartException("child JVM " + pid() + " (" + spec.mainClass()
                    + ") did not start: reading its READY failed: " + e.getCause().getMessage() + exitNote(),
                    tail, e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            destroyForcibly();
            throw new ChildJvmStartException("interrupted while waiting for child JVM " + pid(), stderrTail(), e);
        }
        if (frame == null) {
            List<String> tail = stderrTailAfterExit();
            throw new ChildJvmStartException("child JVM " + pid() + " (" + spec.mainClass()
                    + ") closed its stdout before sending READY" + exitNote(), tail);
        }
        if (!(frame instanceof Frame.Ready ready)) {
            throw new ChildJvmStartException("child JVM " + pid() + " sent " + frame.kind() + " before READY",
                    stderrTail());
        }
        if (ready.pid() != pid()) {
            throw new ChildJvmStartException("child JVM " + pid() + " announced pid " + ready.pid()
                    + ": something between us and the worker is answering", stderrTail());
        }
        markReady();
        return ready;
    }

    /** Records now as the moment the child became ready (for children that signal readiness otherwise). */
    public void markReady() {
        if (readyNanos < 0) {
            readyNanos = nanoTime.getAsLong();
        }
    }

    /** Time from just before the process was spawned to READY; empty until then. */
    public OptionalLong spawnToReadyNanos() {
        long ready = readyNanos;
        return ready < 0 ? OptionalLong.empty() : OptionalLong.of(ready - spawnNanos);
    }

    /** Closes stdin, waits {@link #DEFAULT_CLOSE_GRACE} for the child to exit, then destroys it. */
    @Override
    public void close() {
        close(DEFAULT_CLOSE_GRACE);
    }

    /**
     * Ends the child for certain: closes its stdin (a {@link WorkerMain} exits on that), waits up to
     * {@code grace}, then SIGTERM, then SIGKILL for it and its descendants. Returns once it is gone.
     *
     * @throws IllegalStateException if the OS does not reap a killed process within 30 seconds
     */
    public void close(Duration grace) {
        try {
            stdin().close();
        } catch (IOException e) {
            // a child that already exited has a broken stdin pipe; the steps below still apply
            stderrNote("closing stdin failed: " + e);
        }
        try {
            if (!process.waitFor(grace.toNanos(), TimeUnit.NANOSECONDS)) {
                List<ProcessHandle> descendants = process.descendants().toList();
                process.destroy();
                if (!process.waitFor(1, TimeUnit.SECONDS)) {
                    process.destroyForcibly();
                }
                descendants.forEach(ProcessHandle::destroyForcibly);
                if (!process.waitFor(30, TimeUnit.SECONDS)) {
                    throw new IllegalStateException("child JVM " + pid() + " is still alive 30 s after SIGKILL");
                }
            }
            process.descendants().forEach(ProcessHandle::destroyForcibly);
            stderr.awaitEnd(1_000L);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            destroyForcibly();
        } finally {
            closeQuietly(stdout());
        }
    }

    private void stderrNote(String note) {
        // kept with the child's own lines so one place explains what happened to it
        stderr.note("[parent] " + note);
    }

    private void closeQuietly(InputStream in) {
        try {
            in.close();
        } catch (IOException e) {
            stderrNote("closing stdout failed: " + e);
        }
    }

    /** The tail once the child has exited (briefly waited for), so the last lines are in. */
    private List<String> stderrTailAfterExit() {
        try {
            if (process.waitFor(2, TimeUnit.SECONDS)) {
                stderr.awaitEnd(1_000L);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return stderrTail();
    }

    private String exitNote() {
        return process.isAlive() ? "" : " (exit code " + process.exitValue() + ")";
    }

    @Override
    public String toString() {
        return "ChildJvm[pid=" + pid() + ", main=" + spec.mainClass() + ", alive=" + isAlive() + "]";
    }
}
