package org.offloadbench.bench.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** The README's metric table is the Metric enum's, so the documentation cannot drift from the code. */
class MetricTableTest {

    @Test
    void readmeTableMatchesTheMetricEnum() throws Exception {
        String readme = Files.readString(Path.of("..", "README.md"));
        assertTrue(readme.contains(ListCommand.metricTable()),
                "the top-level README.md's metric table is stale; regenerate it with: bench list --metrics");
    }

    @Test
    void listPrintsTheTable() {
        var r = CliRunner.run("list", "--metrics");
        assertEquals(0, r.exitCode());
        assertEquals(ListCommand.metricTable(), r.out());
    }
}
