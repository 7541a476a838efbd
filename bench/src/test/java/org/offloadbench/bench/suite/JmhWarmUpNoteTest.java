package org.offloadbench.bench.suite;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.offloadbench.bench.plan.RunPlan;
import org.offloadbench.bench.plan.RunPlanner;
import org.offloadbench.bench.rig.Progress;
import org.offloadbench.bench.rig.Rig;
import org.offloadbench.bench.rig.RigFixtures;
import org.offloadbench.bench.testkit.TestPoolProvider;
import org.offloadbench.core.measure.NanoClock;
import org.offloadbench.core.offload.OffloaderRegistry;
import org.offloadbench.core.result.ResultsFolder;
import org.offloadbench.core.result.SuiteStatus;
import org.offloadbench.core.workload.WorkloadCatalogue;
import org.offloadbench.reports.ReportRenderer;

/**
 * The JMH pre-warm end to end: a trial whose pre-warm ran out (a cap of one round trip, so it cannot
 * settle whatever the machine does) reaches run.json and the rendered report as a note naming the model,
 * workload and payload, with the quick profile's remedy. One real JMH fork per mode; no timing is judged.
 */
@Timeout(180)
class JmhWarmUpNoteTest {
    @TempDir
    Path tmp;

    @Test
    void anUnsettledPreWarmBecomesAReportNote() throws Exception {
        RunPlan planned = new RunPlanner(OffloaderRegistry.load(), WorkloadCatalogue.load(), Suites.names(Suites.all()), 2)
                .plan(RigFixtures.tinyOptions(tmp).withSuites(List.of("overhead")));
        RunPlan plan = new RunPlan(planned.profile(), planned.settings().withJmhPreWarm(1000, 1), planned.suites(),
                planned.models(), planned.workloads(), planned.payloadSizes(), planned.workerCounts(),
                planned.forkJvmArgs(), planned.outDir(), planned.overheadWorkload(), planned.copyWorkloads(),
                planned.faults(), planned.cpuWorkloads(), planned.timeScale());
        Rig.Outcome outcome = new Rig(plan, OffloaderRegistry.load(), WorkloadCatalogue.load(), List.of(new OverheadSuite()),
                Clock.systemUTC(), NanoClock.system(), Progress.SILENT, RigFixtures::environment).run();

        SuiteStatus overhead = ResultsFolder.open(outcome.folder()).readRun().suites().get(0);
        assertEquals("done", overhead.state(), overhead.message());
        String prefix = "overhead " + TestPoolProvider.NAME + " bench-test-noop 64 B ";
        for (String mode : List.of("sample")) { // quick measures the overhead in one SampleTime fork per model
            assertTrue(overhead.message().contains(prefix + mode + ": still warming up while measured: iterations "), overhead.message());
        }
        assertTrue(overhead.message().contains("pre-warm hit its cap unsettled after "), overhead.message());
        assertTrue(overhead.message().contains(" and 1 round trips"), "the cap of one round trip held: " + overhead.message());
        assertTrue(overhead.message().contains("run the standard profile"), overhead.message());

        String json = Files.readString(outcome.folder().resolve("jmh/overhead-" + plan.configHash(WorkloadCatalogue.load())
                + ".json"));
        assertTrue(json.contains("preWarm.settled"), "the pre-warm outcome is in the raw JMH JSON too");

        Path index = new ReportRenderer().render(outcome.folder());
        String html = Files.readString(index);
        assertTrue(html.contains("pre-warm hit its cap unsettled"), "the note is in the report");
        assertTrue(html.contains(prefix + "sample: still warming up"), "the note names model, workload and payload");
    }
}
