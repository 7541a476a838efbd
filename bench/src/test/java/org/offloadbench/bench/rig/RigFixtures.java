package org.offloadbench.bench.rig;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.offloadbench.bench.plan.RunOptions;
import org.offloadbench.bench.plan.RunPlan;
import org.offloadbench.bench.plan.RunPlanner;
import org.offloadbench.bench.suite.Suite;
import org.offloadbench.core.measure.FakeNanoClock;
import org.offloadbench.core.offload.OffloaderRegistry;
import org.offloadbench.core.result.EnvironmentInfo;
import org.offloadbench.core.workload.WorkloadCatalogue;

/** Builds rigs for tests: the test-only models and workloads, a fake wall clock and nano clock. */
public final class RigFixtures {
    private RigFixtures() {
    }

    /** A wall clock that moves one second every time it is read, so every timestamp differs. */
    public static final class SteppingClock extends Clock {
        private Instant now = Instant.parse("2026-01-02T03:04:05Z");

        @Override
        public java.time.ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public synchronized Instant instant() {
            Instant out = now;
            now = now.plus(Duration.ofSeconds(1));
            return out;
        }
    }

    public static EnvironmentInfo environment() {
        return new EnvironmentInfo("test cpu", 2, 8L << 30, "Linux test", "6.1", "17", "test", "~/jdk", List.of(),
                List.of(), "unknown", false, "host", Map.of());
    }

    public static RunPlan plan(Path out, List<String> suiteNames, RunOptions options) {
        return new RunPlanner(OffloaderRegistry.load(), WorkloadCatalogue.load(), suiteNames, 2)
                .plan(options.withSuites(suiteNames));
    }

    public static RunOptions tinyOptions(Path out) {
        return RunOptions.defaults(out).withProfile("quick").withModels(List.of("bench-test/pool"))
                .withWorkloads(List.of("bench-test-sum")).withSizes(List.of("64B")).withWorkers(List.of("1", "2"))
                .withRoles("bench-test-noop", List.of("bench-test-echo"),
                        List.of("bench-test-fault-hang", "bench-test-fault-halt", "bench-test-fault-oom"))
                .withTimeScale(0.1);
    }

    public static Rig rig(RunPlan plan, List<Suite> suites, Progress progress) {
        return new Rig(plan, OffloaderRegistry.load(), WorkloadCatalogue.load(), suites, new SteppingClock(),
                new FakeNanoClock(), progress, RigFixtures::environment);
    }
}
