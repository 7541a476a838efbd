package org.offloadbench.bench.rig;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.offloadbench.bench.plan.RunPlan;
import org.offloadbench.bench.suite.Suite;
import org.offloadbench.core.measure.FakeNanoClock;
import org.offloadbench.core.offload.OffloaderRegistry;
import org.offloadbench.core.result.ResultsFolder;
import org.offloadbench.core.result.RunConditions;
import org.offloadbench.core.result.RunConditionsCapture;
import org.offloadbench.core.result.RunRecord;
import org.offloadbench.core.result.SuiteStatus;
import org.offloadbench.core.workload.WorkloadCatalogue;

/** run.json records the run conditions at the start and the end of every suite that ran. */
@Timeout(60)
class RigConditionsTest {
    @TempDir
    Path tmp;

    private static final class Quiet implements Suite {
        private final String name;
        private final String skip;

        Quiet(String name, String skip) {
            this.name = name;
            this.skip = skip;
        }

        @Override
        public String name() {
            return name;
        }

        @Override
        public String question() {
            return "test";
        }

        @Override
        public Optional<String> skipReason(SuiteContext ctx) {
            return Optional.ofNullable(skip);
        }

        @Override
        public int steps(SuiteContext ctx) {
            return 1;
        }

        @Override
        public long estimateSeconds(SuiteContext ctx) {
            return 1;
        }

        @Override
        public void run(SuiteContext ctx) {
        }
    }

    @Test
    void eachSuiteThatRanHasItsConditionsAtStartAndEnd() throws Exception {
        Path proc = tmp.resolve("proc");
        Files.createDirectories(proc);
        AtomicInteger captures = new AtomicInteger();
        // each capture finds a higher load: the start and end of a suite are told apart
        RunConditionsCapture.Pause pause = millis -> {
            try {
                Files.writeString(proc.resolve("loadavg"), captures.incrementAndGet() + ".00 0.50 0.25 1/100 7\n");
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        };
        RunConditionsCapture capture = new RunConditionsCapture(proc, tmp.resolve("sys"), 1, 100, 250, pause,
                Clock.systemUTC());
        RunPlan plan = RigFixtures.plan(tmp, List.of("scaling", "latency"), RigFixtures.tinyOptions(tmp));
        Rig rig = new Rig(plan, OffloaderRegistry.load(), WorkloadCatalogue.load(),
                List.of(new Quiet("scaling", null), new Quiet("latency", "not today")), new RigFixtures.SteppingClock(),
                new FakeNanoClock(), Progress.SILENT, RigFixtures::environment, capture);
        Rig.Outcome outcome = rig.run();

        RunRecord run = ResultsFolder.open(outcome.folder()).readRun();
        SuiteStatus ran = run.suites().get(0);
        assertEquals("done", ran.state());
        RunConditions start = ran.conditionsAtStart();
        RunConditions end = ran.conditionsAtEnd();
        assertNotNull(start);
        assertNotNull(end);
        assertEquals(1.0, start.loadAverage1m());
        assertEquals(2.0, end.loadAverage1m());
        assertEquals(250L, end.sampleMillis());
        SuiteStatus skipped = run.suites().get(1);
        assertEquals("skipped", skipped.state());
        assertNull(skipped.conditionsAtStart());
        assertEquals(2, captures.get(), "a skipped suite costs no capture");
    }
}
