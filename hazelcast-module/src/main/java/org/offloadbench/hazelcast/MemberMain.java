package org.offloadbench.hazelcast;

import java.io.FileDescriptor;
import java.io.FileInputStream;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.logging.Level;
import java.util.logging.Logger;

import com.hazelcast.core.Hazelcast;
import com.hazelcast.core.HazelcastInstance;

/**
 * Main class of a member JVM. Start one by hand on another host (same jar there), then give the model
 * {@code members=thathost:5701,...}:
 * <pre>
 *   java -cp offload-bench.jar org.offloadbench.hazelcast.MemberMain --cluster=NAME --host=ADDR --port=5701 \
 *        --members=host1:5701,host2:5701
 * </pre>
 * Once it has joined it prints one line to stdout, {@code MEMBER <host> <port> <pid> <uuid>}; nothing else is
 * ever printed there ({@code System.out} goes to stderr, and Hazelcast logs through java.util.logging to stderr
 * at WARNING). With {@code --exit-on-stdin-eof=true} it halts when its stdin ends or its parent exits: how a
 * harness makes sure its members die with it.
 */
public final class MemberMain {
    public static final String READY_PREFIX = "MEMBER ";
    /** java.util.logging level of Hazelcast's own log in a member (stderr); WARNING unless set. */
    public static final String LOG_LEVEL_PROPERTY = "offloadbench.hazelcast.logLevel";
    /** Held here: java.util.logging keeps loggers weakly, and a collected one forgets its level. */
    private static final Logger HAZELCAST_LOG = Logger.getLogger("com.hazelcast");
    private static final List<String> VALID = List.of("cluster", "host", "port", "members", "exit-on-stdin-eof");

    private MemberMain() {
    }

    public static void main(String[] args) {
        PrintStream ready = new PrintStream(new FileOutputStream(FileDescriptor.out), true, StandardCharsets.UTF_8);
        System.setOut(System.err);
        HAZELCAST_LOG.setLevel(Level.parse(System.getProperty(LOG_LEVEL_PROPERTY, "WARNING")));
        Map<String, String> options;
        try {
            options = parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println("MemberMain: " + e.getMessage());
            System.exit(2);
            return;
        }
        String host = options.getOrDefault("host", "127.0.0.1");
        int port = Integer.parseInt(options.getOrDefault("port", "5701"));
        List<String> members = Arrays.asList(options.getOrDefault("members", host + ":" + port).split(","));
        boolean exitOnEof = Boolean.parseBoolean(options.getOrDefault("exit-on-stdin-eof", "false"));
        if (exitOnEof) {
            watchParent();
        }
        HazelcastInstance instance = Hazelcast.newHazelcastInstance(
                HazelcastConfigs.member(options.get("cluster"), host, port, members));
        MemberRuntime.executor(); // load the workload catalogue before the first task, not during it
        ready.println(READY_PREFIX + host + " " + port + " " + ProcessHandle.current().pid() + " "
                + instance.getCluster().getLocalMember().getUuid());
    }

    static Map<String, String> parse(String[] args) {
        Map<String, String> options = new HashMap<>();
        for (String arg : args) {
            int eq = arg.indexOf('=');
            if (!arg.startsWith("--") || eq < 0) {
                throw new IllegalArgumentException("option '" + arg + "' must look like --name=value; valid: --"
                        + String.join(", --", VALID));
            }
            String name = arg.substring(2, eq);
            if (!VALID.contains(name)) {
                throw new IllegalArgumentException("unknown option '" + arg + "'; valid: --" + String.join(", --", VALID));
            }
            options.put(name, arg.substring(eq + 1));
        }
        if (!options.containsKey("cluster") || options.get("cluster").isBlank()) {
            throw new IllegalArgumentException("--cluster=NAME is required (a name per run keeps runs apart)");
        }
        String port = options.getOrDefault("port", "5701");
        try {
            int p = Integer.parseInt(port);
            if (p < 1 || p > 65535) {
                throw new NumberFormatException();
            }
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("--port must be 1..65535, was '" + port + "'");
        }
        return options;
    }

    /** Halts when stdin ends or the parent exits; halt, because a task stuck in a workload must not keep us. */
    private static void watchParent() {
        Thread t = new Thread(() -> {
            InputStream in = new FileInputStream(FileDescriptor.in);
            byte[] buf = new byte[256];
            try {
                while (in.read(buf) >= 0) {
                    // only the end of stdin matters
                }
            } catch (IOException e) {
                System.err.println("MemberMain: stdin failed: " + e);
            }
            Runtime.getRuntime().halt(0);
        }, "hazelcast-member-stdin-watch");
        t.setDaemon(true);
        t.start();
        ProcessHandle.current().parent().ifPresent(parent -> parent.onExit().thenRun(() -> {
            System.err.println("MemberMain: parent " + parent.pid() + " exited; exiting too");
            Runtime.getRuntime().halt(4);
        }));
    }
}
