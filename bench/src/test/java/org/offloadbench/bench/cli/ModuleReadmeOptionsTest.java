package org.offloadbench.bench.cli;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.offloadbench.core.offload.OffloaderProvider;
import org.offloadbench.core.offload.OffloaderRegistry;
import org.offloadbench.core.offload.options.OptionSpec;

/**
 * Every option a model declares is documented in its module's README (as `name`), so the READMEs cannot
 * drift from the OptionSpecs; {@code bench list --options} prints the tables to paste.
 */
class ModuleReadmeOptionsTest {

    /** The module folder a provider's classes were built in: .../MODULE/target/classes or .../MODULE-VERSION.jar. */
    private static Path moduleOf(OffloaderProvider p) throws URISyntaxException {
        Path where = Path.of(p.getClass().getProtectionDomain().getCodeSource().getLocation().toURI());
        Path bench = Path.of("").toAbsolutePath();
        if (where.toString().endsWith(".jar")) {
            // a reactor module installed in a Maven repository: .../org/offloadbench/ARTIFACT/VERSION/ARTIFACT-VERSION.jar
            return bench.resolveSibling(where.getParent().getParent().getFileName().toString());
        }
        return where.getParent().getParent(); // MODULE/target/classes
    }

    @Test
    void everyDeclaredOptionAppearsInItsModuleReadme() throws Exception {
        List<String> missing = new ArrayList<>();
        int checked = 0;
        for (OffloaderProvider p : OffloaderRegistry.load().all()) {
            if (p.getClass().getName().startsWith("org.offloadbench.bench.")) {
                continue; // test-only models of this module
            }
            Path readme = moduleOf(p).resolve("README.md");
            assertTrue(Files.isRegularFile(readme), p.name() + ": no README at " + readme);
            String text = read(readme);
            for (OptionSpec o : p.options()) {
                checked++;
                if (!text.contains("`" + o.name() + "`")) {
                    missing.add(p.name() + ": `" + o.name() + "` not in " + readme.getParent().getFileName() + "/README.md");
                }
            }
        }
        assertTrue(checked > 10, "the real models were found and declare options: " + checked);
        assertTrue(missing.isEmpty(), "undocumented options (print the tables with bench list --options): " + missing);
    }

    private static String read(Path readme) throws IOException {
        return Files.readString(readme);
    }
}
