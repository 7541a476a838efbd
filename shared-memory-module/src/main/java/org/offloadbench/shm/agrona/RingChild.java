package org.offloadbench.shm.agrona;

import java.io.IOException;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.offloadbench.core.wire.FrameCodec;
import org.offloadbench.core.worker.ChildJvm;
import org.offloadbench.core.worker.ChildJvmLauncher;
import org.offloadbench.core.worker.ChildJvmSpec;

/**
 * One child JVM and its ring file, as its driver sees them. Started with core's shared
 * {@link ChildJvmLauncher} (same java and classpath, stderr drained); its stdin and stdout carry only the
 * READY frame, and the end of its stdin tells it to exit. Used by one driver thread only.
 */
final class RingChild {

    static final Duration READY_TIMEOUT = Duration.ofSeconds(60);
    /** Agrona 2.x reaches {@code jdk.internal.misc.Unsafe}; every JVM that maps the rings needs this. */
    static final String AGRONA_EXPORT = "--add-exports=java.base/jdk.internal.misc=ALL-UNNAMED";
    private static final SecureRandom RANDOM = new SecureRandom();

    private final ChildJvm child;
    private final RingFile rings;

    private RingChild(ChildJvm child, RingFile rings) {
        this.child = child;
        this.rings = rings;
    }

    /**
     * Makes a fresh ring file in {@code folder}, starts a child on it and waits for its READY.
     *
     * @throws IOException (a {@code ChildJvmStartException} quoting the child's stderr when it does not come up)
     */
    static RingChild start(ChildJvmLauncher launcher, Path folder, AgronaSettings settings) throws IOException {
        RingFile rings = RingFile.create(folder, settings.ringBytes(), RANDOM.nextLong());
        ChildJvm child = null;
        try {
            List<String> jvm = new ArrayList<>(settings.jvmOptions());
            if (!jvm.contains(AGRONA_EXPORT)) {
                jvm.add(AGRONA_EXPORT);
            }
            child = launcher.launch(ChildJvmSpec.of(AgronaWorkerMain.class.getName()).withJvmOptions(jvm)
                    .withArgs(List.of("--file=" + rings.file(), "--epoch=" + rings.epoch(),
                            "--wait=" + settings.waitStrategy().id())));
            child.awaitReady(FrameCodec.withDefaults(), READY_TIMEOUT);
            return new RingChild(child, rings);
        } catch (IOException | RuntimeException e) {
            if (child != null) {
                child.destroyForcibly();
                child.close(Duration.ZERO);
            }
            rings.close();
            throw e;
        }
    }

    RingFile rings() {
        return rings;
    }

    long pid() {
        return child.pid();
    }

    /** A volatile read: cheap enough for every turn of a wait loop. */
    boolean exited() {
        return child.onExit().isDone();
    }

    void kill() {
        child.destroyForcibly();
    }

    /** Why the child is gone, quoting its last stderr lines. */
    String deathNote() {
        List<String> tail = child.stderrTail();
        String last = tail.isEmpty() ? "" : "; last stderr: " + String.join(" | ",
                tail.subList(Math.max(0, tail.size() - 3), tail.size()));
        return "child JVM pid " + child.pid() + (child.isAlive() ? " stopped answering"
                : " exited with code " + child.exitCode().orElse(-1)) + last;
    }

    /**
     * Ends the child for certain (stdin closed, then SIGTERM/SIGKILL after {@code grace}), waits until the
     * process is gone so nothing maps the file any more, then unmaps and deletes the file.
     */
    void close(Duration grace) throws IOException {
        child.close(grace);
        try {
            child.onExit().get(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
            throw new IOException("child JVM " + child.pid() + " did not end: " + e, e);
        }
        rings.close();
    }
}
