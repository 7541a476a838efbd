package org.offloadbench.cluster;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.offloadbench.core.offload.Offloader;
import org.offloadbench.core.offload.OffloaderRegistry;
import org.offloadbench.core.worker.ChildJvm;
import org.offloadbench.core.worker.ChildJvmLauncher;
import org.offloadbench.core.worker.ChildJvmSpec;

/** No worker, nginx or guard process outlives close(), nor a harness killed with SIGKILL. */
@Timeout(value = 90, unit = TimeUnit.SECONDS)
class LeftoverTest {

    @ParameterizedTest
    @ValueSource(strings = {ClusterModels.PRIMARY, ClusterModels.KERNEL, ClusterModels.NGINX})
    void closeLeavesNoProcess(String model) throws Exception {
        assumeAvailable(model);
        Offloader offloader = OffloaderRegistry.load().get(model).create(ClusterTestSupport.config(2, 16));
        offloader.submit(org.offloadbench.core.offload.Task.of("echo", new byte[] {1})).get();
        List<ProcessHandle> started = ProcessHandle.current().descendants().toList();
        assertTrue(started.size() >= 2, "expected worker processes, found " + started);
        offloader.close();
        for (ProcessHandle p : started) {
            assertTrue(!p.isAlive(), model + ": " + p.pid() + " " + p.info().commandLine().orElse("?")
                    + " is still alive after close");
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {ClusterModels.PRIMARY, ClusterModels.NGINX})
    void aKilledHarnessLeavesNoProcess(String model) throws Exception {
        assumeAvailable(model);
        java.util.Set<String> foldersBefore = nginxFolders();
        ChildJvm harness = new ChildJvmLauncher().launch(ChildJvmSpec.of(HarnessMain.class.getName())
                .withJvmOptions(List.of("-Xmx128m", "-XX:TieredStopAtLevel=1")).withArgs(List.of(model)));
        List<Long> pids;
        try {
            BufferedReader out = new BufferedReader(new InputStreamReader(harness.stdout(), StandardCharsets.UTF_8));
            String line = out.readLine();
            assertTrue(line != null && line.startsWith("PIDS "), "harness said " + line + "; stderr "
                    + harness.stderrTail());
            pids = Arrays.stream(line.substring(5).trim().split(" ")).map(Long::parseLong).toList();
            assertTrue(pids.size() >= 2, line);
            // SIGKILL to the harness alone: no shutdown hook, no close(); its children must go by themselves
            ProcessHandle.of(harness.pid()).ifPresent(ProcessHandle::destroyForcibly);
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            for (long pid : pids) {
                while (ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false)) {
                    assertTrue(System.nanoTime() < deadline, model + ": process " + pid + " "
                            + ProcessHandle.of(pid).flatMap(p -> p.info().commandLine()).orElse("?")
                            + " outlived its killed harness");
                    Thread.sleep(20);
                }
            }
            while (!nginxFolders().equals(foldersBefore)) {
                assertTrue(System.nanoTime() < deadline, model + ": nginx run folders left behind: " + nginxFolders());
                Thread.sleep(20);
            }
        } finally {
            harness.close(Duration.ZERO);
        }
    }

    /** nginx run folders in the temp dir now (only cluster/nginx makes them). */
    private static java.util.Set<String> nginxFolders() throws java.io.IOException {
        try (var files = java.nio.file.Files.list(java.nio.file.Path.of(System.getProperty("java.io.tmpdir")))) {
            return files.map(p -> p.getFileName().toString()).filter(n -> n.startsWith("offloadbench-nginx-"))
                    .collect(java.util.stream.Collectors.toSet());
        }
    }

    private static void assumeAvailable(String model) {
        var a = OffloaderRegistry.load().get(model).availability();
        Assumptions.assumeTrue(a.available(), () -> model + " unavailable: " + a.reason());
    }
}
