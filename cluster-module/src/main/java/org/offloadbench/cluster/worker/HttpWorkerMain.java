package org.offloadbench.cluster.worker;

import java.io.FileDescriptor;
import java.io.FileInputStream;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.offloadbench.core.wire.FrameLimits;
import org.offloadbench.core.worker.TaskExecutor;
import org.offloadbench.core.workload.WorkloadCatalogue;

/**
 * Main class of a cluster worker JVM. Start one by hand on another host (same jar there):
 * <pre>
 *   java -cp offload-bench.jar org.offloadbench.cluster.worker.HttpWorkerMain --host=0.0.0.0 --port=9400
 * </pre>
 * and give the balancer {@code backends=thathost:9400}. Options:
 * <pre>
 *   --host=ADDR               address to bind (127.0.0.1)
 *   --port=N                  port (0 = any free one)
 *   --reuse-port=true|false   SO_REUSEPORT, for workers sharing one port (false)
 *   --admin-port=N            a second listener for health checks; -1 none (-1)
 *   --concurrency=N           requests run at once (1)
 *   --max-queued=N            requests waiting beyond those running; then 503 (1024)
 *   --max-body-bytes=N        larger bodies get 413 (64 MiB)
 *   --max-head-bytes=N        larger heads get 431 (8192)
 *   --head-timeout-millis=N   a request head must arrive within this from its first byte; else 408 (5000)
 *   --idle-timeout-millis=N   idle keep-alive connections are closed after this (300000)
 *   --exit-on-stdin-eof=true  exit when stdin ends: how a harness makes sure its workers die with it (false)
 * </pre>
 * When listening it prints one line to stdout, {@code LISTENING <host> <port> <adminPort> <pid>}; nothing
 * else is ever printed there ({@code System.out} goes to stderr), so a harness can read it safely.
 */
public final class HttpWorkerMain {
    public static final String READY_PREFIX = "LISTENING ";

    private HttpWorkerMain() {
    }

    public static void main(String[] args) {
        PrintStream ready = new PrintStream(new FileOutputStream(FileDescriptor.out), true, StandardCharsets.UTF_8);
        System.setOut(System.err);
        PrintStream err = System.err;
        Options options;
        try {
            options = parse(List.of(args));
        } catch (IllegalArgumentException e) {
            err.println("HttpWorkerMain: " + e.getMessage());
            System.exit(2);
            return;
        }
        HttpWorker worker;
        try {
            TaskExecutor executor = new TaskExecutor(WorkloadCatalogue.load(),
                    new FrameLimits(Math.max(options.config.maxBodyBytes(), 64 * 1024)));
            worker = HttpWorker.start(options.config, executor, err);
        } catch (IOException | RuntimeException e) {
            err.println("HttpWorkerMain: " + e.getMessage());
            System.exit(1);
            return;
        }
        ready.println(READY_PREFIX + options.config.host() + " " + worker.port() + " " + worker.adminPort() + " "
                + ProcessHandle.current().pid());
        if (options.exitOnStdinEof) {
            watchStdin(worker, err);
            // the parent may die while someone else holds our stdin pipe open: watch the parent itself too
            ProcessHandle.current().parent().ifPresent(parent -> parent.onExit().thenRun(() -> {
                err.println("HttpWorkerMain: parent " + parent.pid() + " exited; exiting too");
                Runtime.getRuntime().halt(4);
            }));
        }
    }

    private static void watchStdin(HttpWorker worker, PrintStream err) {
        Thread t = new Thread(() -> {
            InputStream in = new FileInputStream(FileDescriptor.in);
            byte[] buf = new byte[256];
            try {
                while (in.read(buf) >= 0) {
                    // anything written to stdin is ignored; only its end matters
                }
            } catch (IOException e) {
                err.println("HttpWorkerMain: stdin failed: " + e);
            }
            worker.close();
            // halt, not exit: a task stuck in code that ignores interrupts must not keep the JVM alive
            Runtime.getRuntime().halt(0);
        }, "http-worker-stdin-watch");
        t.setDaemon(false);
        t.start();
    }

    record Options(HttpWorkerConfig config, boolean exitOnStdinEof) {
    }

    static Options parse(List<String> args) {
        HttpWorkerConfig c = HttpWorkerConfig.defaults();
        boolean exitOnEof = false;
        for (String arg : args) {
            int eq = arg.indexOf('=');
            if (!arg.startsWith("--") || eq < 0) {
                throw new IllegalArgumentException("option '" + arg + "' must look like --name=value; " + valid());
            }
            String name = arg.substring(2, eq);
            String v = arg.substring(eq + 1);
            switch (name) {
                case "host" -> c = c.withHost(v);
                case "port" -> c = c.withPort(intValue(name, v));
                case "reuse-port" -> c = c.withReusePort(boolValue(name, v));
                case "admin-port" -> c = c.withAdminPort(intValue(name, v));
                case "concurrency" -> c = c.withConcurrency(intValue(name, v));
                case "max-queued" -> c = c.withMaxQueued(intValue(name, v));
                case "max-body-bytes" -> c = c.withMaxBodyBytes(intValue(name, v));
                case "max-head-bytes" -> c = c.withMaxHeadBytes(intValue(name, v));
                case "head-timeout-millis" -> c = c.withHeadTimeoutMillis(intValue(name, v));
                case "idle-timeout-millis" -> c = c.withIdleTimeoutMillis(intValue(name, v));
                case "exit-on-stdin-eof" -> exitOnEof = boolValue(name, v);
                default -> throw new IllegalArgumentException("unknown option '" + arg + "'; " + valid());
            }
        }
        return new Options(c, exitOnEof);
    }

    private static String valid() {
        return "valid: --host, --port, --reuse-port, --admin-port, --concurrency, --max-queued, --max-body-bytes, "
                + "--max-head-bytes, --head-timeout-millis, --idle-timeout-millis, --exit-on-stdin-eof";
    }

    private static int intValue(String name, String v) {
        try {
            return Integer.parseInt(v.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("--" + name + " must be an integer, was '" + v + "'");
        }
    }

    private static boolean boolValue(String name, String v) {
        return switch (v) {
            case "true" -> true;
            case "false" -> false;
            default -> throw new IllegalArgumentException("--" + name + " must be true or false, was '" + v + "'");
        };
    }
}
