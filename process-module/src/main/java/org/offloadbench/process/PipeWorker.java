package org.offloadbench.process;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.offloadbench.core.offload.Task;
import org.offloadbench.core.offload.transport.Answers;
import org.offloadbench.core.offload.transport.TransportWorker;
import org.offloadbench.core.wire.Frame;
import org.offloadbench.core.wire.FrameCodec;
import org.offloadbench.core.wire.FrameException;
import org.offloadbench.core.wire.FrameWriter;
import org.offloadbench.core.worker.ChildJvm;

/**
 * One child JVM of {@code process/pipes} as a {@link TransportWorker}: REQUEST frames go to its stdin, and
 * one reader thread reads its stdout, checks each RESPONSE payload against the child's CRC32C claim while
 * reading it, and hands the answers to the pool. End of stdout - the child exited, was killed, or the stream
 * broke - is the one sign of death, seen at once.
 */
final class PipeWorker implements TransportWorker {
    /** How long a crash report waits for the exit code and the last stderr lines. */
    private static final long EXIT_CODE_WAIT_MILLIS = 2_000L;
    private static final long READER_JOIN_MILLIS = TimeUnit.SECONDS.toMillis(10);

    private final ChildJvm jvm;
    private final FrameWriter writer;
    private final FrameCodec codec;
    private Thread reader;

    PipeWorker(ChildJvm jvm, FrameCodec codec) {
        this.jvm = jvm;
        this.codec = codec;
        this.writer = new FrameWriter(codec, jvm.stdin());
    }

    @Override
    public long pid() {
        return jvm.pid();
    }

    @Override
    public void startReading(Answers answers) {
        Thread t = new Thread(() -> readLoop(answers), PipesOffloader.NAME + "-reader-" + jvm.pid());
        t.setDaemon(true);
        reader = t;
        t.start();
    }

    @Override
    public void send(long requestId, Task task, byte[] input) throws IOException {
        writer.write(new Frame.Request(requestId, task.workloadId(), task.timeoutNanos(), input));
    }

    private void readLoop(Answers answers) {
        String problem = null;
        boolean garbage = false;
        try {
            while (problem == null) {
                // RESPONSE payloads are checked against their claimed CRC32C while they are read (one pass)
                Frame frame = codec.readVerifyingResponses(jvm.stdout());
                if (frame == null) {
                    break;
                }
                problem = onFrame(answers, frame);
                garbage = problem != null;
            }
        } catch (FrameException e) {
            problem = "sent bytes that are not a valid frame: " + e.getMessage();
            garbage = true;
        } catch (IOException e) {
            problem = "its stdout failed: " + e.getMessage();
        }
        answers.gone(problem, garbage);
    }

    /** Hands one frame to the pool; returns a protocol problem that ends the child, or null. */
    private static String onFrame(Answers answers, Frame frame) {
        if (frame instanceof Frame.Response r) {
            return answers.result(r.requestId(), r.payload(), r.checksum(), r.queueNanos(), r.runNanos());
        }
        if (frame instanceof Frame.Error e) {
            if (e.requestId() == 0L) {
                return answers.broken("reported a broken connection: " + e.message());
            }
            return answers.failed(e.requestId(), e.failure(), e.message());
        }
        return answers.broken("sent a " + frame.kind() + " frame, which a worker never sends after READY");
    }

    @Override
    public boolean isAlive() {
        return jvm.isAlive();
    }

    @Override
    public void kill() {
        jvm.destroyForcibly();
    }

    /** A child exits at end of its stdin. */
    @Override
    public void shutdownGracefully() throws IOException {
        jvm.stdin().close();
    }

    @Override
    public void close(Duration grace) {
        jvm.close(grace);
    }

    @Override
    public void awaitReaderDone() {
        Thread t = reader;
        if (t == null) {
            return;
        }
        try {
            t.join(READER_JOIN_MILLIS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (t.isAlive()) {
            System.err.println(PipesOffloader.NAME + ": reader thread " + t.getName() + " did not end within 10 s");
        }
    }

    @Override
    public String deathReport() {
        return " " + exitDescription() + stderrTail();
    }

    private String exitDescription() {
        try {
            int code = jvm.onExit().get(EXIT_CODE_WAIT_MILLIS, TimeUnit.MILLISECONDS);
            return "(exit code " + code + (code > 128 ? ", signal " + (code - 128) : "") + ")";
        } catch (TimeoutException e) {
            jvm.destroyForcibly();
            return "(still running " + EXIT_CODE_WAIT_MILLIS + " ms after its stdout ended; killed)";
        } catch (ExecutionException | CancellationException e) {
            return "(exit code unknown: " + e + ")";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "(exit code unknown: interrupted)";
        }
    }

    private String stderrTail() {
        List<String> tail = jvm.stderrTail();
        int from = Math.max(0, tail.size() - 10);
        return tail.isEmpty() ? "; it wrote nothing to stderr"
                : "; last stderr lines:\n  " + String.join("\n  ", tail.subList(from, tail.size()));
    }

    @Override
    public String toString() {
        return "child " + jvm.pid();
    }
}
