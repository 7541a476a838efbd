package org.offloadbench.node;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.offloadbench.core.offload.Offloader;
import org.offloadbench.core.offload.OffloaderConfig;

/** No node process outlives close, nor a harness JVM killed with SIGKILL while its node models work. */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class NoNodeLeftTest {

    @Test
    void closeLeavesNoNodeProcessAndNoScriptsFolder() throws Exception {
        assumeTrue(NodeModels.findNode().isPresent(), NodeModels.availability().reason());
        Offloader o = new ChildProcessProvider().create(OffloaderConfig.of(2, 4));
        o.submit(NodeChildDiesTest.sleep(60_000));
        NodeChildDiesTest.await("in flight", () -> o.stats().inFlight() == 1);
        List<Long> pids = o.workerPids();
        assertEquals(3, pids.size(), "parent and two forked children: " + pids);
        List<String> scriptFolders = pids.stream().map(pid -> ProcessHandle.of(pid).flatMap(h -> h.info().arguments())
                .map(a -> a[0]).orElse("")).filter(s -> s.endsWith(".js")).toList();
        assertFalse(scriptFolders.isEmpty(), "node's command line names its script");
        o.close(java.time.Duration.ofMillis(200));
        assertGone(pids);
        for (String script : scriptFolders) {
            assertFalse(java.nio.file.Files.exists(java.nio.file.Path.of(script)), script + " was not removed");
        }
    }

    @Test
    void aKilledHarnessLeavesNoNodeProcess() throws Exception {
        assumeTrue(NodeModels.findNode().isPresent(), NodeModels.availability().reason());
        String java = ProcessHandle.current().info().command().orElseThrow();
        Process harness = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
                OrphanParentMain.class.getName()).redirectError(ProcessBuilder.Redirect.INHERIT).start();
        List<Long> pids = new ArrayList<>();
        try (BufferedReader r = new BufferedReader(new InputStreamReader(harness.getInputStream(), StandardCharsets.UTF_8))) {
            String line = r.readLine();
            assertNotNull(line, "the harness ended before it printed its node pids");
            assertTrue(line.startsWith("pids "), line);
            Arrays.stream(line.substring(5).trim().split(" ")).map(Long::parseLong).forEach(pids::add);
        } finally {
            harness.destroyForcibly(); // SIGKILL: no shutdown hook, no close
            harness.waitFor(10, TimeUnit.SECONDS);
        }
        // child-process: parent + child, cluster: primary + worker, shared-array-buffer: one node process
        assertEquals(5, pids.size(), "node pids " + pids);
        assertGone(pids);
    }

    private static void assertGone(List<Long> pids) throws Exception {
        for (long pid : pids) {
            var h = ProcessHandle.of(pid);
            if (h.isPresent()) {
                h.get().onExit().get(30, TimeUnit.SECONDS); // bounded; the assertion below decides
            }
            assertFalse(ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false), "node pid " + pid + " still runs");
        }
    }
}
