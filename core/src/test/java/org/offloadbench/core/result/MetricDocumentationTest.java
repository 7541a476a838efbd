package org.offloadbench.core.result;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The README documents every metric the runner may write, with the unit it is written in. */
class MetricDocumentationTest {

    @Test
    void readmeTableListsEveryMetricWithItsUnitAndDirection() throws IOException {
        Path readme = Path.of("..", "README.md");
        assertTrue(Files.isRegularFile(readme), "README.md expected at the repository root");
        List<String> lines = Files.readAllLines(readme);
        List<String> missing = new ArrayList<>();
        for (Metric metric : Metric.values()) {
            String expected = "| `" + metric.id() + "` | " + metric.unit() + " | "
                    + (metric.higherIsBetter() ? "higher" : "lower") + " |";
            if (lines.stream().noneMatch(l -> l.startsWith(expected))) {
                missing.add(expected);
            }
        }
        assertEquals(List.of(), missing, "README rows missing or out of date");
    }
}
