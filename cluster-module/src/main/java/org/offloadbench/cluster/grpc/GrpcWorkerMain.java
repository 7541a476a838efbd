package org.offloadbench.cluster.grpc;

import io.grpc.Server;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import java.io.FileDescriptor;
import java.io.FileInputStream;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.offloadbench.cluster.worker.HttpWorkerMain;
import org.offloadbench.cluster.worker.TaskDispatcher;
import org.offloadbench.cluster.worker.WorkerCounters;
import org.offloadbench.core.wire.FrameCodec;
import org.offloadbench.core.wire.FrameLimits;
import org.offloadbench.core.worker.TaskExecutor;
import org.offloadbench.core.workload.WorkloadCatalogue;

/**
 * Main class of a cluster/grpc worker JVM: one gRPC server (grpc-java over Netty, plaintext HTTP/2) serving
 * {@link GrpcWire}'s methods. Start one by hand on another host (same jar there):
 * <pre>
 *   java -cp offload-bench.jar org.offloadbench.cluster.grpc.GrpcWorkerMain --host=0.0.0.0 --port=9500
 * </pre>
 * and give the model {@code backends=thathost:9500}. Options:
 * <pre>
 *   --host=ADDR               address to bind (127.0.0.1)
 *   --port=N                  port (0 = any free one)
 *   --concurrency=N           tasks run at once (1)
 *   --max-queued=N            tasks waiting beyond those running; then REJECTED (1024)
 *   --max-payload-bytes=N     frame payload limit; gRPC's message limit follows it (64 MiB)
 *   --exit-on-stdin-eof=true  exit when stdin ends, and when the parent process exits (false)
 * </pre>
 * When listening it prints one line to stdout, {@code LISTENING <host> <port> -1 <pid>} (the cluster workers'
 * handshake); nothing else is ever printed there.
 */
public final class GrpcWorkerMain {
    /** After a cancel or timeout interrupts a task, how long its thread may take before it is abandoned. */
    static final long ABANDON_GRACE_MILLIS = 100;

    private GrpcWorkerMain() {
    }

    record Options(String host, int port, int concurrency, int maxQueued, int maxPayloadBytes, boolean exitOnStdinEof) {
    }

    public static void main(String[] args) {
        PrintStream ready = new PrintStream(new FileOutputStream(FileDescriptor.out), true, StandardCharsets.UTF_8);
        System.setOut(System.err);
        PrintStream err = System.err;
        Options o;
        try {
            o = parse(List.of(args));
        } catch (IllegalArgumentException e) {
            err.println("GrpcWorkerMain: " + e.getMessage());
            System.exit(2);
            return;
        }
        if (o.exitOnStdinEof()) {
            // before the server starts: a parent that dies while we start must not leave us behind
            ProcessHandle.current().parent().ifPresent(parent -> parent.onExit().thenRun(() -> {
                err.println("GrpcWorkerMain: parent " + parent.pid() + " exited; exiting too");
                Runtime.getRuntime().halt(4);
            }));
        }
        Server server;
        TaskDispatcher dispatcher;
        try {
            FrameLimits limits = new FrameLimits(o.maxPayloadBytes());
            TaskExecutor executor = new TaskExecutor(WorkloadCatalogue.load(), limits);
            WorkerCounters counters = new WorkerCounters();
            dispatcher = new TaskDispatcher(executor, o.concurrency(), o.maxQueued(),
                    TimeUnit.MILLISECONDS.toNanos(ABANDON_GRACE_MILLIS), counters, System::nanoTime, err::println);
            InetSocketAddress bind = new InetSocketAddress(InetAddress.getByName(o.host()), o.port());
            // the id names the port, known once bound; no call can arrive before that
            AtomicReference<String> id = new AtomicReference<>("?");
            server = NettyServerBuilder.forAddress(bind)
                    .directExecutor() // handlers only decode and hand over to the dispatcher
                    .maxInboundMessageSize(GrpcWire.maxMessageBytes(limits))
                    .addService(new GrpcWorkerService(dispatcher, executor, counters, new FrameCodec(limits), id::get)
                            .definition())
                    .build()
                    .start();
            id.set(ProcessHandle.current().pid() + "@" + o.host() + ":" + server.getPort());
        } catch (IOException | RuntimeException e) {
            err.println("GrpcWorkerMain: cannot start: " + e);
            System.exit(1);
            return;
        }
        ready.println(HttpWorkerMain.READY_PREFIX + o.host() + " " + server.getPort() + " -1 "
                + ProcessHandle.current().pid());
        if (o.exitOnStdinEof()) {
            watchStdin(server, dispatcher, err);
            return;
        }
        // gRPC's transport threads are daemons: a worker started by hand lives as long as its server
        try {
            server.awaitTermination();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            server.shutdownNow();
        }
    }

    private static void watchStdin(Server server, TaskDispatcher dispatcher, PrintStream err) {
        Thread t = new Thread(() -> {
            InputStream in = new FileInputStream(FileDescriptor.in);
            byte[] buf = new byte[256];
            try {
                while (in.read(buf) >= 0) {
                    // anything written to stdin is ignored; only its end matters
                }
            } catch (IOException e) {
                err.println("GrpcWorkerMain: stdin failed: " + e);
            }
            server.shutdownNow();
            dispatcher.close();
            // halt, not exit: a task stuck in code that ignores interrupts must not keep the JVM alive
            Runtime.getRuntime().halt(0);
        }, "grpc-worker-stdin-watch");
        t.setDaemon(false);
        t.start();
    }

    static Options parse(List<String> args) {
        String host = "127.0.0.1";
        int port = 0;
        int concurrency = 1;
        int maxQueued = 1024;
        int maxPayload = FrameLimits.DEFAULT_MAX_PAYLOAD_BYTES;
        boolean exitOnEof = false;
        for (String arg : args) {
            int eq = arg.indexOf('=');
            if (!arg.startsWith("--") || eq < 0) {
                throw new IllegalArgumentException("option '" + arg + "' must look like --name=value; " + valid());
            }
            String name = arg.substring(2, eq);
            String v = arg.substring(eq + 1);
            switch (name) {
                case "host" -> host = v;
                case "port" -> port = intValue(name, v, 0, 65535);
                case "concurrency" -> concurrency = intValue(name, v, 1, 4096);
                case "max-queued" -> maxQueued = intValue(name, v, 0, Integer.MAX_VALUE);
                case "max-payload-bytes" -> maxPayload = intValue(name, v, 0, FrameLimits.MAX_SUPPORTED_PAYLOAD_BYTES);
                case "exit-on-stdin-eof" -> exitOnEof = switch (v) {
                    case "true" -> true;
                    case "false" -> false;
                    default -> throw new IllegalArgumentException("--exit-on-stdin-eof must be true or false, was '"
                            + v + "'");
                };
                default -> throw new IllegalArgumentException("unknown option '" + arg + "'; " + valid());
            }
        }
        return new Options(host, port, concurrency, maxQueued, maxPayload, exitOnEof);
    }

    private static String valid() {
        return "valid: --host, --port, --concurrency, --max-queued, --max-payload-bytes, --exit-on-stdin-eof";
    }

    private static int intValue(String name, String v, int min, int max) {
        try {
            int n = Integer.parseInt(v.trim());
            if (n >= min && n <= max) {
                return n;
            }
        } catch (NumberFormatException e) {
            // the message below names the option and its value
        }
        throw new IllegalArgumentException("--" + name + " must be an integer in " + min + ".." + max + ", was '" + v
                + "'");
    }
}
