package org.offloadbench.core.worker;

import java.io.BufferedInputStream;
import java.io.ByteArrayInputStream;
import java.io.FileDescriptor;
import java.io.FileInputStream;
import java.io.FileOutputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.util.List;
import java.util.Properties;
import org.offloadbench.core.wire.FrameLimits;
import org.offloadbench.core.workload.WorkloadCatalogue;

/**
 * Main class of a child worker JVM: frames on stdin, frames on stdout, diagnostics on stderr.
 *
 * <p>The very first thing it does is take the real stdout for frames and point {@code System.out} at
 * stderr: a workload or library that prints must never corrupt the protocol. {@code System.in} is emptied
 * for the same reason (nothing else may read the parent's frames).
 *
 * <p>Options (arguments win over system properties):
 * <pre>
 *   --concurrency=N          offloadbench.worker.concurrency       requests run at once (default 1)
 *   --max-payload-bytes=N    offloadbench.worker.maxPayloadBytes   frame payload limit (default 64 MiB)
 *   --max-queued=N           offloadbench.worker.maxQueued         requests waiting beyond those running (1024)
 *   --inline=on|off          (argument only)                       concurrency 1: run a request on the reader
 *                                                                  thread (default off; see WorkerLoop)
 * </pre>
 *
 * <p>Exit codes: 0 input ended or SHUTDOWN served, 2 bad options, 3 malformed input, 4 the parent process
 * died, 1 anything else. A child must never outlive its parent: end of stdin (the pipe closes when the
 * parent dies, even by SIGKILL) ends the loop, and a watcher on the parent process covers the case where
 * someone else still holds the pipe. A CPU-bound task that ignores interruption cannot hold the exit up:
 * after a short grace the JVM is halted.
 */
public final class WorkerMain {

    public static final int EXIT_OK = 0;
    public static final int EXIT_FAILED = 1;
    public static final int EXIT_BAD_OPTIONS = 2;
    public static final int EXIT_MALFORMED_INPUT = 3;
    public static final int EXIT_PARENT_DIED = 4;

    private static final String INLINE_OPTION = "--inline=";

    /** Time System.exit gets (shutdown hooks) before the JVM is halted. */
    static final long HALT_GRACE_MILLIS = 2_000L;

    private WorkerMain() {
    }

    public static void main(String[] args) {
        // before anything else can print: keep the real stdout for frames, send System.out to stderr
        OutputStream frameOut = new FileOutputStream(FileDescriptor.out);
        System.setOut(System.err);
        InputStream frameIn = new BufferedInputStream(new FileInputStream(FileDescriptor.in), 64 * 1024);
        System.setIn(new ByteArrayInputStream(new byte[0]));
        PrintStream err = System.err;

        WorkerConfig config;
        boolean inline;
        try {
            inline = inlineOption(List.of(args));
            config = parseOptions(withoutInline(List.of(args)), System.getProperties());
            if (inline && config.concurrency() != 1) {
                throw new IllegalArgumentException("--inline=on needs --concurrency=1, was " + config.concurrency());
            }
        } catch (IllegalArgumentException e) {
            err.println("WorkerMain: " + e.getMessage());
            exit(EXIT_BAD_OPTIONS);
            return;
        }
        watchParent(err);
        int code;
        try {
            TaskExecutor executor = new TaskExecutor(WorkloadCatalogue.load(), config.limits());
            WorkerLoop.Exit exit = new WorkerLoop(config, executor).runSingleTasksInline(inline).run(frameIn, frameOut);
            code = exit == WorkerLoop.Exit.MALFORMED_INPUT ? EXIT_MALFORMED_INPUT : EXIT_OK;
        } catch (Exception | Error e) {
            err.println("WorkerMain: worker failed: " + e);
            e.printStackTrace(err);
            code = EXIT_FAILED;
        }
        exit(code);
    }

    /** The value of {@code --inline=on|off} (default off); see {@link WorkerLoop#runSingleTasksInline}. */
    static boolean inlineOption(List<String> args) {
        boolean inline = false;
        for (String arg : args) {
            if (arg.startsWith(INLINE_OPTION)) {
                String value = arg.substring(INLINE_OPTION.length());
                if (!value.equals("on") && !value.equals("off")) {
                    throw new IllegalArgumentException("--inline must be on or off, was '" + value + "'");
                }
                inline = value.equals("on");
            }
        }
        return inline;
    }

    static List<String> withoutInline(List<String> args) {
        return args.stream().filter(a -> !a.startsWith(INLINE_OPTION)).toList();
    }

    /** Parses the options above; unknown options and bad numbers are errors that list the valid ones. */
    static WorkerConfig parseOptions(List<String> args, Properties properties) {
        WorkerConfig config = WorkerConfig.defaults();
        config = config.withConcurrency(intValue("offloadbench.worker.concurrency",
                properties.getProperty("offloadbench.worker.concurrency"), config.concurrency()));
        config = config.withLimits(new FrameLimits(intValue("offloadbench.worker.maxPayloadBytes",
                properties.getProperty("offloadbench.worker.maxPayloadBytes"), config.limits().maxPayloadBytes())));
        config = config.withMaxQueuedRequests(intValue("offloadbench.worker.maxQueued",
                properties.getProperty("offloadbench.worker.maxQueued"), config.maxQueuedRequests()));
        for (String arg : args) {
            int eq = arg.indexOf('=');
            String name = eq < 0 ? arg : arg.substring(0, eq);
            String value = eq < 0 ? null : arg.substring(eq + 1);
            if (value == null && !name.isEmpty()) {
                throw new IllegalArgumentException("option '" + arg + "' needs a value (--name=value); " + validOptions());
            }
            switch (name) {
                case "--concurrency" -> config = config.withConcurrency(intValue(name, value, 0));
                case "--max-payload-bytes" -> config = config.withLimits(new FrameLimits(intValue(name, value, 0)));
                case "--max-queued" -> config = config.withMaxQueuedRequests(intValue(name, value, 0));
                default -> throw new IllegalArgumentException("unknown option '" + arg + "'; " + validOptions());
            }
        }
        return config;
    }

    private static String validOptions() {
        return "valid: --concurrency=N, --max-payload-bytes=N, --max-queued=N, --inline=on|off";
    }

    private static int intValue(String name, String value, int fallback) {
        if (value == null) {
            return fallback;
        }
        try {
            return Integer.parseInt(value.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(name + " must be an integer, was '" + value + "'");
        }
    }

    /** Exits even if a task thread is stuck in CPU-bound code or a shutdown hook hangs. */
    private static void exit(int code) {
        System.err.flush();
        Thread halter = new Thread(() -> {
            try {
                Thread.sleep(HALT_GRACE_MILLIS);
            } catch (InterruptedException ignored) {
                // exiting anyway
            }
            Runtime.getRuntime().halt(code);
        }, "worker-halt");
        halter.setDaemon(true);
        halter.start();
        System.exit(code);
    }

    private static void watchParent(PrintStream err) {
        ProcessHandle.current().parent().ifPresent(parent -> parent.onExit().thenRun(() -> {
            err.println("WorkerMain: parent process " + parent.pid() + " exited; exiting too");
            Runtime.getRuntime().halt(EXIT_PARENT_DIED);
        }));
    }
}
