package org.offloadbench.bench.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.offloadbench.bench.testkit.TestPoolProvider;
import org.offloadbench.bench.testkit.UnavailableProvider;

class ListCommandTest {

    @Test
    void listsModelsWithAvailabilityWorkloadsAndSuites() {
        var r = CliRunner.run("list");
        assertEquals(0, r.exitCode(), r.err());
        String out = r.out();
        assertTrue(out.matches("(?s).*" + TestPoolProvider.NAME.replace("/", "/") + "\\s+available .*"), out);
        assertTrue(out.matches("(?s).*" + UnavailableProvider.NAME + "\\s+unavailable .*-- "
                + UnavailableProvider.REASON + ".*"), out);
        assertTrue(out.matches("(?s).*\n\\s+wait\\s+default park\\s+spin\\|park: test-only.*"), out);
        assertTrue(out.matches("(?s).*\n\\s+spinMicros\\s+default 0\\s+0\\.\\.1000 microseconds: .*"), out);
        assertTrue(out.contains("--model-option MODEL:key=value"), out);
        assertTrue(out.contains("bench-test-sum") && out.contains("compute"), out);
        assertTrue(out.contains("bench-test-fault-hang") && out.contains("fault"), out);
        for (String suite : new String[] {"overhead", "copy", "scaling", "latency", "startup", "responsiveness",
                "resilience", "calibration"}) {
            assertTrue(out.contains("\n  " + suite + " "), "suite " + suite + " missing: " + out);
        }
    }

    @Test
    void optionTablesAreGeneratedFromTheSpecs() {
        var r = CliRunner.run("list", "--options");
        assertEquals(0, r.exitCode(), r.err());
        assertTrue(r.out().contains("`" + TestPoolProvider.NAME + "`:\n\n| option | default | values | what it does |"),
                r.out());
        assertTrue(r.out().contains("| `wait` | `park` | spin\\|park | test-only: recorded, changes nothing |"), r.out());
        assertTrue(r.out().contains("| `spinMicros` | `0` | 0..1000 microseconds |"), r.out());
        assertTrue(r.out().contains("`" + UnavailableProvider.NAME + "`: no options"), r.out());
    }
}
