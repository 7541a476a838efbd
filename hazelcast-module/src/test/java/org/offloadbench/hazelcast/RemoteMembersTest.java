package org.offloadbench.hazelcast;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.offloadbench.core.offload.Offloader;
import org.offloadbench.core.offload.OffloaderConfig;
import org.offloadbench.core.offload.Task;
import org.offloadbench.core.offload.TaskResult;
import org.offloadbench.core.worker.ChildJvmLauncher;
import org.offloadbench.core.workload.InputSpec;
import org.offloadbench.core.workload.Workload;
import org.offloadbench.core.workload.WorkloadCatalogue;

/**
 * Members on "another host": two member JVMs started by hand inside a network namespace of their own
 * (10.231.7.2, reached from here over a veth pair), and the model told {@code members=} and
 * {@code clusterName=}, as a team would point it at members on other machines. Skipped with the reason when
 * namespaces cannot be made (not root, no {@code ip}).
 */
@Timeout(value = 240, unit = TimeUnit.SECONDS)
class RemoteMembersTest {
    private static final String NS = "obhz" + ProcessHandle.current().pid() % 100000;
    private static final String HOST_SIDE = "obhzh" + ProcessHandle.current().pid() % 100000;
    private static final String PEER_SIDE = "obhzp" + ProcessHandle.current().pid() % 100000;
    private static final String MEMBER_HOST = "10.231.7.2";
    private static final String CLUSTER = "offload-bench-remote-" + UUID.randomUUID();
    private static final List<Process> MEMBERS = new ArrayList<>();
    private static String failure;

    @BeforeAll
    static void startMembersInANamespace() throws Exception {
        try {
            run("ip", "netns", "add", NS);
            run("ip", "link", "add", HOST_SIDE, "type", "veth", "peer", "name", PEER_SIDE);
            run("ip", "link", "set", PEER_SIDE, "netns", NS);
            run("ip", "addr", "add", "10.231.7.1/24", "dev", HOST_SIDE);
            run("ip", "link", "set", HOST_SIDE, "up");
            run("ip", "netns", "exec", NS, "ip", "addr", "add", MEMBER_HOST + "/24", "dev", PEER_SIDE);
            run("ip", "netns", "exec", NS, "ip", "link", "set", PEER_SIDE, "up");
            run("ip", "netns", "exec", NS, "ip", "link", "set", "lo", "up");
        } catch (IOException e) {
            failure = e.getMessage();
            return;
        }
        String members = MEMBER_HOST + ":5701," + MEMBER_HOST + ":5702";
        for (int port : new int[] {5701, 5702}) {
            List<String> command = new ArrayList<>(List.of("ip", "netns", "exec", NS,
                    ChildJvmLauncher.currentJavaExecutable().toString(), "-Xms128m", "-Xmx128m"));
            command.addAll(LocalMembers.MEMBER_FLAGS);
            command.addAll(List.of("-cp", System.getProperty("java.class.path"), MemberMain.class.getName(),
                    "--cluster=" + CLUSTER, "--host=" + MEMBER_HOST, "--port=" + port, "--members=" + members,
                    "--exit-on-stdin-eof=true"));
            MEMBERS.add(new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.DISCARD).start());
        }
        for (Process p : MEMBERS) {
            BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
            String line = out.readLine();
            if (line == null || !line.startsWith(MemberMain.READY_PREFIX)) {
                failure = "a member in the namespace did not start: " + line;
            }
        }
    }

    @AfterAll
    static void stopMembers() throws Exception {
        for (Process p : MEMBERS) {
            p.getOutputStream().close(); // end of stdin: the member halts
            if (!p.waitFor(10, TimeUnit.SECONDS)) {
                p.destroyForcibly();
            }
        }
        try {
            run("ip", "netns", "del", NS);
        } catch (IOException e) {
            System.err.println("could not delete network namespace " + NS + ": " + e.getMessage());
        }
    }

    @Test
    void tasksRunOnMembersElsewhereAndMatchADirectRun() throws Exception {
        Assumptions.assumeTrue(failure == null, () -> "no members in a namespace here: " + failure);
        OffloaderConfig config = OffloaderConfig.of(2, 64)
                .withOption("members", MEMBER_HOST + ":5701," + MEMBER_HOST + ":5702")
                .withOption("clusterName", CLUSTER);
        WorkloadCatalogue catalogue = WorkloadCatalogue.load();
        try (Offloader o = new HazelcastProvider().create(config)) {
            assertEquals(2, o.stats().workers(), o.stats().toString());
            assertTrue(o.workerPids().isEmpty(), "members started elsewhere are not ours: " + o.workerPids());
            Set<String> workers = new HashSet<>();
            List<Object[]> sent = new ArrayList<>();
            for (String id : List.of("sha256", "deflate", "json-aggregate", "echo")) {
                Workload w = catalogue.get(id);
                for (long seed = 1; seed <= 3; seed++) {
                    byte[] input = w.generateInput(InputSpec.of(seed, Math.min(w.defaultPayloadBytes(), 16 * 1024)));
                    // all in flight at once, so the second member gets tasks while the first is busy
                    sent.add(new Object[] {w, input, o.submit(Task.of(id, input.clone()))});
                }
            }
            for (Object[] s : sent) {
                Workload w = (Workload) s[0];
                @SuppressWarnings("unchecked")
                TaskResult r = ((java.util.concurrent.CompletableFuture<TaskResult>) s[2]).get(60, TimeUnit.SECONDS);
                assertArrayEquals(w.execute((byte[]) s[1]), r.output(), w.id() + " through members in a namespace");
                workers.add(r.workerId());
            }
            assertTrue(workers.stream().allMatch(id -> id.contains(MEMBER_HOST)), workers.toString());
            assertEquals(2, workers.size(), "both remote members served tasks: " + workers);
        }
        for (Process p : MEMBERS) {
            assertTrue(p.isAlive(), "closing the model must leave members started elsewhere running");
        }
    }

    private static void run(String... command) throws IOException {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        try {
            if (!p.waitFor(10, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new IOException(String.join(" ", command) + " did not finish in 10 s");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        }
        if (p.exitValue() != 0) {
            throw new IOException("'" + String.join(" ", command) + "' failed (exit " + p.exitValue() + "): "
                    + new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim());
        }
    }
}
