package org.offloadbench.bench.suite;

import java.util.List;

/** Every suite, in the order a run executes them (cheap and independent first, the forks last). */
public final class Suites {
    private Suites() {
    }

    public static List<Suite> all() {
        return List.of(new OverheadSuite(), new CopySuite(), new ScalingSuite(), new GranularitySuite(), new LatencySuite(),
                new StartupSuite(), new ResponsivenessSuite(), new ResilienceSuite(), new CalibrationSuite());
    }

    public static List<String> names(List<Suite> suites) {
        return suites.stream().map(Suite::name).toList();
    }
}
