package org.offloadbench.shm.agrona;

import java.io.BufferedOutputStream;
import java.io.ByteArrayInputStream;
import java.io.FileDescriptor;
import java.io.FileInputStream;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.agrona.concurrent.IdleStrategy;
import org.agrona.concurrent.ringbuffer.RingBuffer;
import org.offloadbench.core.offload.FailureKind;
import org.offloadbench.core.wire.Frame;
import org.offloadbench.core.wire.FrameCodec;
import org.offloadbench.core.wire.FrameLimits;
import org.offloadbench.core.worker.TaskExecutor;
import org.offloadbench.core.workload.WorkloadCatalogue;

/**
 * Main class of a {@code shm/agrona} child JVM, started through core's {@code ChildJvmLauncher}: attaches to
 * its ring file (header and epoch checked), sends the usual READY frame on stdout and then serves its
 * request ring, one task at a time, answering on its response ring. Runs are done by core's
 * {@link TaskExecutor}, so failures read the same as in every other model.
 *
 * <pre>
 *   --file=PATH  --epoch=N  --wait=busy-spin|backoff|sleeping
 * </pre>
 *
 * <p>It never outlives its parent: end of stdin ends it (the parent closes it on close), and a watcher
 * halts it when the parent process exits. Exit codes: 0 stdin ended, 2 bad options, 3 file refused,
 * 4 parent died, 1 anything else.
 */
public final class AgronaWorkerMain {
    static final int EXIT_OK = 0;
    static final int EXIT_FAILED = 1;
    static final int EXIT_BAD_OPTIONS = 2;
    static final int EXIT_BAD_FILE = 3;
    static final int EXIT_PARENT_DIED = 4;

    private AgronaWorkerMain() {
    }

    public static void main(String[] args) {
        // stdout is the protocol (the READY frame): nothing a workload prints may land there
        OutputStream out = new BufferedOutputStream(new FileOutputStream(FileDescriptor.out), 64);
        InputStream in = new FileInputStream(FileDescriptor.in);
        System.setOut(System.err);
        System.setIn(new ByteArrayInputStream(new byte[0]));
        PrintStream err = System.err;
        ProcessHandle.current().parent().ifPresent(parent -> parent.onExit().thenRun(() -> {
            err.println("AgronaWorkerMain: parent process " + parent.pid() + " exited; exiting too");
            halt(EXIT_PARENT_DIED);
        }));
        Path file;
        long epoch;
        AgronaWait wait;
        try {
            Map<String, String> options = parse(args);
            file = Path.of(options.get("--file"));
            epoch = Long.parseLong(options.get("--epoch"));
            wait = AgronaWait.parse(options.get("--wait"));
        } catch (RuntimeException e) {
            err.println("AgronaWorkerMain: " + e.getMessage());
            halt(EXIT_BAD_OPTIONS);
            return;
        }
        RingFile rings;
        try {
            rings = RingFile.attach(file, epoch);
        } catch (IOException e) {
            err.println("AgronaWorkerMain: cannot attach: " + e.getMessage());
            halt(EXIT_BAD_FILE);
            return;
        }
        try {
            // outputs beyond a ring message are refused in answer(), naming the ring's limit
            int maxOutput = rings.responses().maxMsgLength() - RingMessages.RESPONSE_HEADER_BYTES;
            TaskExecutor executor = new TaskExecutor(WorkloadCatalogue.load(), FrameLimits.DEFAULT);
            FrameCodec.withDefaults().write(new Frame.Ready(ProcessHandle.current().pid(), 1, maxOutput), out);
            out.flush();
            watchStdin(in, err);
            serve(rings, executor, wait.newIdleStrategy());
        } catch (Exception | Error e) {
            err.println("AgronaWorkerMain: worker failed: " + e);
            e.printStackTrace(err);
            halt(EXIT_FAILED);
        }
    }

    /** The serving loop: poll the request ring with the idle strategy, run, answer. Never returns. */
    private static void serve(RingFile rings, TaskExecutor executor, IdleStrategy idle) {
        RingMessages.Request[] taken = new RingMessages.Request[1];
        RuntimeException[] bad = new RuntimeException[1];
        while (true) {
            int read = rings.requests().read((type, buffer, index, length) -> {
                try {
                    taken[0] = RingMessages.readRequest(buffer, index, length);
                } catch (RuntimeException e) {
                    bad[0] = e;
                }
            }, 1);
            if (bad[0] != null) {
                // the parent wrote the ring and nothing else does: a bad record means the file was tampered with
                throw new IllegalStateException("malformed request on the ring: " + bad[0].getMessage(), bad[0]);
            }
            if (taken[0] == null) {
                idle.idle(read);
                continue;
            }
            RingMessages.Request request = taken[0];
            taken[0] = null;
            idle.reset();
            rings.markRunning(request.taskId());
            long queueNanos = Math.max(0L, System.nanoTime() - request.submitNanos());
            answer(rings.responses(), request.taskId(), run(executor, request, queueNanos), idle);
        }
    }

    private static Frame run(TaskExecutor executor, RingMessages.Request request, long queueNanos) {
        Frame.Request frame;
        try {
            frame = new Frame.Request(request.taskId(), request.workloadId(), request.timeoutNanos(), request.payload());
        } catch (IllegalArgumentException e) {
            return executor.error(request.taskId(), FailureKind.BAD_REQUEST, e.getMessage());
        }
        return executor.execute(frame, queueNanos);
    }

    private static void answer(RingBuffer ring, long taskId, Frame answer, IdleStrategy idle) {
        byte[] payload;
        long checksum = 0L;
        long queueNanos = 0L;
        long runNanos = 0L;
        int status;
        if (answer instanceof Frame.Response r) {
            payload = r.payload();
            checksum = r.checksum();
            queueNanos = r.queueNanos();
            runNanos = r.runNanos();
            status = 0;
        } else {
            Frame.Error e = (Frame.Error) answer;
            payload = e.message().getBytes(StandardCharsets.UTF_8);
            status = RingMessages.status(e.failure());
        }
        int length = RingMessages.RESPONSE_HEADER_BYTES + payload.length;
        if (length > ring.maxMsgLength()) {
            payload = ("the output of " + payload.length + " bytes does not fit one response message: Agrona's "
                    + "maxMsgLength is " + ring.maxMsgLength() + " bytes (an eighth of the ring, ringBytes="
                    + ring.capacity() + "), " + RingMessages.RESPONSE_HEADER_BYTES + " of them header; raise the "
                    + "option " + AgronaSettings.RING_BYTES).getBytes(StandardCharsets.UTF_8);
            status = RingMessages.status(FailureKind.WORKLOAD_FAILED);
            checksum = 0L;
            length = RingMessages.RESPONSE_HEADER_BYTES + payload.length;
        }
        int index;
        // the parent drains its ring while it waits for this answer, so space comes; it only lacks while the
        // parent copies the previous answer out
        while ((index = ring.tryClaim(RingMessages.RESPONSE, length)) < 0) {
            idle.idle(0);
        }
        RingMessages.writeResponse(ring.buffer(), index, taskId, checksum, queueNanos, runNanos, status, payload);
        ring.commit(index);
    }

    private static void watchStdin(InputStream in, PrintStream err) {
        // stdin carries nothing, but its end means "the parent is done with us"
        Thread eof = new Thread(() -> {
            try {
                while (in.read() >= 0) {
                    // nothing is sent on it; drain whatever comes
                }
            } catch (IOException e) {
                err.println("AgronaWorkerMain: reading stdin failed: " + e);
            }
            halt(EXIT_OK);
        }, "agrona-worker-stdin");
        eof.setDaemon(true);
        eof.start();
    }

    static Map<String, String> parse(String[] args) {
        Map<String, String> options = new HashMap<>();
        for (String arg : args) {
            int eq = arg.indexOf('=');
            String name = eq < 0 ? arg : arg.substring(0, eq);
            if (eq < 0 || !(name.equals("--file") || name.equals("--epoch") || name.equals("--wait"))) {
                throw new IllegalArgumentException("bad option '" + arg + "'; valid: --file=PATH, --epoch=N, --wait="
                        + AgronaWait.validIds());
            }
            options.put(name, arg.substring(eq + 1));
        }
        for (String required : new String[] {"--file", "--epoch", "--wait"}) {
            if (!options.containsKey(required)) {
                throw new IllegalArgumentException("missing option " + required + "; --file, --epoch and --wait are needed");
            }
        }
        return options;
    }

    /** Halts rather than exits: a workload thread stuck in CPU-bound code cannot hold the exit up. */
    private static void halt(int code) {
        System.err.flush();
        Runtime.getRuntime().halt(code);
    }
}
