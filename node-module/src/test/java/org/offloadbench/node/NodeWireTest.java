package org.offloadbench.node;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The scripts' frame reader (wire.js) on its own, in one node process: core's layout split at odd boundaries,
 * payloads that own their memory, and the hard size limit checked from the length prefix before buffering.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class NodeWireTest {

    @Test
    void theScriptsReadCoreFramesAndRefuseBadOnes() throws Exception {
        assumeTrue(NodeModels.findNode().isPresent(), NodeModels.availability().reason());
        try (NodeScripts scripts = NodeScripts.extract();
             InputStream check = getClass().getResourceAsStream("wire-check.js")) {
            Files.copy(check, scripts.script("wire-check.js"));
            Process p = new ProcessBuilder(NodeModels.findNode().get().toString(), "wire-check.js")
                    .directory(scripts.folder().toFile()).redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
            p.waitFor(30, TimeUnit.SECONDS);
            assertEquals("ok", out);
            assertEquals(0, p.exitValue());
        }
    }
}
