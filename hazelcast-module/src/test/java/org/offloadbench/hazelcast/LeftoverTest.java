package org.offloadbench.hazelcast;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.offloadbench.core.offload.Offloader;
import org.offloadbench.core.offload.OffloaderConfig;
import org.offloadbench.core.offload.Task;
import org.offloadbench.core.worker.ChildJvm;
import org.offloadbench.core.worker.ChildJvmLauncher;
import org.offloadbench.core.worker.ChildJvmSpec;

/** No member JVM or port outlives close(), nor a harness killed with SIGKILL; bad options are named. */
@Timeout(value = 180, unit = TimeUnit.SECONDS)
class LeftoverTest {

    @Test
    void closeLeavesNoMemberAndNoPort() throws Exception {
        Offloader offloader = new HazelcastProvider().create(OffloaderConfig.of(2, 8));
        offloader.submit(Task.of("echo", new byte[] {1})).get(60, TimeUnit.SECONDS);
        List<Long> pids = offloader.workerPids();
        assertEquals(2, pids.size(), "two member JVMs: " + pids);
        List<Integer> ports = memberPorts(pids);
        offloader.close();
        for (long pid : pids) {
            assertFalse(ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false),
                    "member " + pid + " is still alive after close");
        }
        for (int port : ports) {
            try (Socket s = new Socket()) {
                assertThrows(java.io.IOException.class, () -> s.connect(new InetSocketAddress("127.0.0.1", port), 500),
                        "port " + port + " still accepts connections after close");
            }
        }
        assertTrue(offloader.workerPids().isEmpty(), offloader.workerPids().toString());
    }

    @Test
    void aKilledHarnessLeavesNoMember() throws Exception {
        ChildJvm harness = new ChildJvmLauncher().launch(ChildJvmSpec.of(HarnessMain.class.getName())
                .withJvmOptions(List.of("-Xmx256m")));
        try {
            BufferedReader out = new BufferedReader(new InputStreamReader(harness.stdout(), StandardCharsets.UTF_8));
            String line = out.readLine();
            assertTrue(line != null && line.startsWith("PIDS "), "harness said " + line + "; stderr "
                    + harness.stderrTail());
            List<Long> pids = Arrays.stream(line.substring(5).trim().split(" ")).map(Long::parseLong).toList();
            assertEquals(2, pids.size(), line);
            ProcessHandle.of(harness.pid()).ifPresent(ProcessHandle::destroyForcibly); // SIGKILL: no close, no hook
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            for (long pid : pids) {
                while (ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false)) {
                    assertTrue(System.nanoTime() < deadline, "member " + pid + " outlived its killed harness");
                    Thread.sleep(20);
                }
            }
        } finally {
            harness.close(Duration.ZERO);
        }
    }

    @Test
    void badOptionsAreRefusedNamingTheValidOnes() {
        var unknown = assertThrows(IllegalArgumentException.class,
                () -> new HazelcastProvider().create(OffloaderConfig.of(1, 1).withOption("memebers", "x")));
        assertTrue(unknown.getMessage().contains("members") && unknown.getMessage().contains("retry"),
                unknown.getMessage());
        var address = assertThrows(IllegalArgumentException.class,
                () -> new HazelcastProvider().create(OffloaderConfig.of(1, 1).withOption("members", "nohostport")));
        assertTrue(address.getMessage().contains("host:port"), address.getMessage());
        var retry = assertThrows(IllegalArgumentException.class,
                () -> new HazelcastProvider().create(OffloaderConfig.of(1, 1).withOption("retry", "maybe")));
        assertTrue(retry.getMessage().contains("true or false"), retry.getMessage());
        var remote = assertThrows(IllegalArgumentException.class,
                () -> new HazelcastProvider().create(OffloaderConfig.of(1, 1).withOption("members", "127.0.0.1:1")));
        assertTrue(remote.getMessage().contains("clusterName"), remote.getMessage());
    }

    /** The loopback ports the members listen on, read from their command lines. */
    private static List<Integer> memberPorts(List<Long> pids) {
        return pids.stream().map(pid -> ProcessHandle.of(pid).flatMap(p -> p.info().arguments()).orElseThrow())
                .map(args -> Arrays.stream(args).filter(a -> a.startsWith("--port=")).findFirst().orElseThrow())
                .map(a -> Integer.parseInt(a.substring("--port=".length()))).toList();
    }
}
