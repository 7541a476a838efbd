package org.offloadbench.cluster.grpc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.IOException;
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
import org.offloadbench.core.offload.OffloaderRegistry;
import org.offloadbench.core.offload.Task;
import org.offloadbench.core.worker.ChildJvm;
import org.offloadbench.core.worker.ChildJvmLauncher;
import org.offloadbench.core.worker.ChildJvmSpec;

/** No worker JVM and no listening port outlives close(), nor a harness killed with SIGKILL. */
@Timeout(value = 90, unit = TimeUnit.SECONDS)
class GrpcLeftoverTest {

    static List<Integer> ports(GrpcOffloader grpc) {
        return grpc.localWorkers().backends().stream().map(b -> b.address().port()).toList();
    }

    @Test
    void closeLeavesNoProcessAndNoPort() throws Exception {
        GrpcOffloader grpc = (GrpcOffloader) OffloaderRegistry.load().get(GrpcCluster.NAME)
                .create(GrpcTestSupport.config(2, 16));
        grpc.submit(Task.of("echo", new byte[] {1})).get(60, TimeUnit.SECONDS);
        List<Long> pids = grpc.workerPids();
        List<Integer> ports = ports(grpc);
        assertEquals(2, pids.size());
        for (int port : ports) {
            assertTrue(accepts(port), "worker port " + port + " must be listening before close");
        }
        assertTrue(grpc.close(Duration.ofSeconds(10)));
        for (long pid : pids) {
            assertFalse(ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false), pid + " alive after close");
        }
        for (int port : ports) {
            assertFalse(accepts(port), "port " + port + " still accepts connections after close");
        }
        assertEquals(0, grpc.stats().workers());
    }

    @Test
    void aKilledHarnessLeavesNoProcessAndNoPort() throws Exception {
        ChildJvm harness = new ChildJvmLauncher().launch(ChildJvmSpec.of(GrpcHarnessMain.class.getName())
                .withJvmOptions(List.of("-Xmx128m", "-XX:TieredStopAtLevel=1")));
        try {
            BufferedReader out = new BufferedReader(new InputStreamReader(harness.stdout(), StandardCharsets.UTF_8));
            List<Long> pids = numbers(out.readLine(), "PIDS ", harness).stream().map(Long::parseLong).toList();
            List<Integer> ports = numbers(out.readLine(), "PORTS ", harness).stream().map(Integer::parseInt).toList();
            assertEquals(2, pids.size());
            // SIGKILL to the harness alone: no shutdown hook, no close(); its workers must go by themselves
            ProcessHandle.of(harness.pid()).ifPresent(ProcessHandle::destroyForcibly);
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            for (long pid : pids) {
                while (ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false)) {
                    assertTrue(System.nanoTime() < deadline, "worker " + pid + " outlived its killed harness");
                    Thread.sleep(20);
                }
            }
            for (int port : ports) {
                assertFalse(accepts(port), "port " + port + " still accepts connections after the harness died");
            }
        } finally {
            harness.close(Duration.ZERO);
        }
    }

    private static List<String> numbers(String line, String prefix, ChildJvm harness) {
        assertTrue(line != null && line.startsWith(prefix), "harness said " + line + "; stderr " + harness.stderrTail());
        return Arrays.asList(line.substring(prefix.length()).trim().split(" "));
    }

    private static boolean accepts(int port) {
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress("127.0.0.1", port), 1_000);
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}
