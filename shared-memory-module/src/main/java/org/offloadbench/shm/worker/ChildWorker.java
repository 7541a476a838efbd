package org.offloadbench.shm.worker;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.offloadbench.core.wire.FrameCodec;
import org.offloadbench.core.worker.ChildJvm;
import org.offloadbench.core.worker.ChildJvmLauncher;
import org.offloadbench.core.worker.ChildJvmSpec;
import org.offloadbench.core.worker.ChildJvmStartException;
import org.offloadbench.shm.region.ShmRegion;
import org.offloadbench.shm.slot.Doorbell;
import org.offloadbench.shm.slot.Slot;
import org.offloadbench.shm.slot.StreamDoorbell;
import org.offloadbench.shm.slot.WaitStrategy;

/**
 * A child JVM serving one slot ({@code shm/copy}, {@code shm/zero-copy}), started with core's shared
 * {@link ChildJvmLauncher} (same java and classpath as this JVM, stderr drained, gone on close). Its stdin
 * and stdout carry only the READY frame and, with {@link WaitStrategy#PARK}, doorbell bytes.
 */
public final class ChildWorker implements ShmWorker {

    public static final Duration READY_TIMEOUT = Duration.ofSeconds(60);

    private final ChildJvm child;
    private final Slot slot;
    private final Doorbell toWorker;
    private final Doorbell fromWorker;

    private ChildWorker(ChildJvm child, Slot slot, WaitStrategy wait) {
        this.child = child;
        this.slot = slot;
        if (wait == WaitStrategy.PARK) {
            StreamDoorbell bell = new StreamDoorbell(child.stdout(), child.stdin());
            this.toWorker = bell;
            this.fromWorker = bell;
        } else {
            this.toWorker = Doorbell.NONE;
            this.fromWorker = Doorbell.NONE;
        }
    }

    /**
     * Starts a child attached to {@code slot} of {@code region} and waits for its READY.
     *
     * @throws ChildJvmStartException quoting the child's stderr when it does not come up
     */
    public static ChildWorker start(ChildJvmLauncher launcher, ShmRegion region, Slot slot, WaitStrategy wait,
                                    List<String> jvmOptions) throws IOException {
        List<String> args = new ArrayList<>(List.of("--region=" + region.file(), "--epoch=" + region.header().epoch(),
                "--slot=" + slot.index(), "--wait=" + wait.id()));
        ChildJvmSpec spec = ChildJvmSpec.of(ShmWorkerMain.class.getName()).withJvmOptions(jvmOptions).withArgs(args);
        ChildJvm child = launcher.launch(spec);
        try {
            child.awaitReady(FrameCodec.withDefaults(), READY_TIMEOUT);
        } catch (ChildJvmStartException | RuntimeException e) {
            child.destroyForcibly();
            child.close(Duration.ZERO);
            throw e;
        }
        return new ChildWorker(child, slot, wait);
    }

    @Override
    public String id() {
        return "pid " + child.pid();
    }

    /** The child JVM's process id. */
    public long pid() {
        return child.pid();
    }

    public ChildJvm child() {
        return child;
    }

    @Override
    public Slot slot() {
        return slot;
    }

    @Override
    public Doorbell toWorker() {
        return toWorker;
    }

    @Override
    public Doorbell fromWorker() {
        return fromWorker;
    }

    @Override
    public boolean isAlive() {
        return child.isAlive();
    }

    @Override
    public void stopTask() {
        // a child's task cannot be interrupted from outside: the process is the unit of cancellation
        child.destroyForcibly();
    }

    @Override
    public boolean awaitStopped(Duration wait) {
        // an interrupt must not cut the wait short: the caller is about to reuse the slot the child mapped
        boolean interrupted = false;
        long deadline = System.nanoTime() + wait.toNanos();
        try {
            while (true) {
                try {
                    child.onExit().get(Math.max(0L, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
                    return true;
                } catch (TimeoutException e) {
                    return false;
                } catch (InterruptedException e) {
                    interrupted = true;
                } catch (java.util.concurrent.ExecutionException e) {
                    return !child.isAlive();
                }
            }
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    @Override
    public String deathNote() {
        if (child.isAlive()) {
            return "";
        }
        List<String> tail = child.stderrTail();
        String last = tail.isEmpty() ? "" : "; last stderr: " + String.join(" | ",
                tail.subList(Math.max(0, tail.size() - 3), tail.size()));
        return "child JVM pid " + child.pid() + " exited with code " + child.exitCode().orElse(-1) + last;
    }

    @Override
    public void close(Duration grace) {
        child.close(grace);
    }
}
