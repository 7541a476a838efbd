package org.offloadbench.reports.section;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;
import org.offloadbench.core.offload.ModelTraits;
import org.offloadbench.core.result.EnvironmentInfo;
import org.offloadbench.core.result.Metric;
import org.offloadbench.core.result.ModelInfo;
import org.offloadbench.core.result.RunRecord;
import org.offloadbench.core.result.SummaryRecord;
import org.offloadbench.reports.read.RunData;

/** The claims' verdict logic on synthetic runs: holds, does not hold, not shown, not measured. */
class ClaimsSectionTest {
    private static final String CLAIM = "Communication: worker_threads are fast and lightweight, child_process is slower via IPC";

    /** A noop p50 of {@code model} around {@code centreNs}, with 8 per-iteration samples. */
    private static SummaryRecord p50(String model, double centreNs, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        List<Double> samples = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            samples.add(centreNs * (0.95 + 0.1 * r.nextDouble()));
        }
        return new SummaryRecord("overhead", model, "noop", Map.of(), Metric.ROUND_TRIP_P50_NS.id(), centreNs,
                "ns", null, null, 8, samples);
    }

    private static RunData run(List<SummaryRecord> records, List<ModelInfo> models) {
        EnvironmentInfo env = new EnvironmentInfo("Test CPU", 2, 8L << 30, "Linux", "6.1", "17", "Vendor", "-",
                List.of(), List.of(), "abc", false, "host", Map.of());
        RunRecord run = new RunRecord(RunRecord.FORMAT_VERSION, "r", "quick", "h", Map.of(), "2026-12-02T00:00:00Z",
                "2026-12-02T00:05:00Z", true, env, models, List.of());
        return new RunData(Path.of("."), run, records, List.of(), List.of());
    }

    private static ClaimsSection.Claim claim(RunData data, String text) {
        return ClaimsSection.claims(data).stream().filter(c -> c.claim().equals(text)).findFirst().orElseThrow();
    }

    @Test
    void pipesClearlySlowerThanThreadsHolds() {
        RunData data = run(List.of(p50(ClaimsSection.POOL, 10_000, 1), p50(ClaimsSection.PIPES, 40_000, 2)), List.of());
        ClaimsSection.Claim c = claim(data, CLAIM);
        assertEquals(ClaimsSection.Outcome.HOLDS, c.outcome(), c.toString());
        assertTrue(c.why().contains("Mann-Whitney"), c.why());
    }

    @Test
    void pipesFasterThanThreadsDoesNotHold() {
        RunData data = run(List.of(p50(ClaimsSection.POOL, 40_000, 1), p50(ClaimsSection.PIPES, 10_000, 2)), List.of());
        assertEquals(ClaimsSection.Outcome.DOES_NOT_HOLD, claim(data, CLAIM).outcome());
    }

    @Test
    void theSameDistributionIsNotShownAndAMissingModelIsNotMeasured() {
        RunData same = run(List.of(p50(ClaimsSection.POOL, 10_000, 1), p50(ClaimsSection.PIPES, 10_000, 1)), List.of());
        assertEquals(ClaimsSection.Outcome.NOT_SHOWN, claim(same, CLAIM).outcome());
        RunData missing = run(List.of(p50(ClaimsSection.POOL, 10_000, 1)), List.of());
        ClaimsSection.Claim c = claim(missing, CLAIM);
        assertEquals(ClaimsSection.Outcome.NOT_MEASURED, c.outcome());
        assertTrue(c.why().contains(ClaimsSection.PIPES), c.why());
    }

    @Test
    void memorySharingHoldsForThreadsAndSaysWhereTheJvmDiffers() {
        ModelTraits shares = new ModelTraits("threads", "none", "whole JVM", true, "nothing", "worker_threads");
        ModelTraits copies = new ModelTraits("process", "process", "one child", false, "child JVMs", "child_process");
        ModelTraits shm = new ModelTraits("shared-memory", "process", "one child", true, "mapped file", "SAB");
        RunData data = run(List.of(), List.of(new ModelInfo(ClaimsSection.POOL, "", true, "", shares),
                new ModelInfo(ClaimsSection.PIPES, "", true, "", copies),
                new ModelInfo("shm/zero-copy", "", true, "", shm)));
        ClaimsSection.Claim c = ClaimsSection.claims(data).stream().filter(x -> x.claim().startsWith("Memory sharing"))
                .findFirst().orElseThrow();
        assertEquals(ClaimsSection.Outcome.HOLDS, c.outcome());
        assertTrue(c.why().contains("shm/zero-copy"), c.why());
    }

    @Test
    void nodeRowsAreMarkedAndTheirOwnCommunicationClaimIsJudged() {
        ModelTraits node = new ModelTraits("node", "isolate", "one worker", false, "node", "worker_threads");
        ModelTraits jvm = new ModelTraits("threads", "none", "whole JVM", true, "nothing", "worker_threads");
        RunData data = run(List.of(p50("node/worker-threads", 10_000, 1), p50("node/child-process", 40_000, 2)),
                List.of(new ModelInfo("node/worker-threads", "", true, "", node),
                        new ModelInfo(ClaimsSection.POOL, "", true, "", jvm)));
        Context ctx = new Context(data, Path.of("."));
        assertEquals("node/worker-threads (Node)", ctx.label("node/worker-threads"));
        assertEquals(ClaimsSection.POOL, ctx.label(ClaimsSection.POOL));
        ClaimsSection.Claim c = ClaimsSection.claims(data).stream().filter(x -> x.claim().contains("in Node itself"))
                .findFirst().orElseThrow();
        assertEquals(ClaimsSection.Outcome.HOLDS, c.outcome(), c.toString());
    }

    @Test
    void everyClaimOfTheArticleHasARowAndNoneIsLeftBlank() {
        List<ClaimsSection.Claim> claims = ClaimsSection.claims(run(List.of(), List.of()));
        assertTrue(claims.size() >= 11, "at least the eleven claims the issue lists: " + claims.size());
        for (ClaimsSection.Claim c : claims) {
            assertTrue(c.why() != null && !c.why().isBlank(), "every row says why: " + c);
        }
    }
}
