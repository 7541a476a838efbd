package org.offloadbench.bench.suite;

import java.util.Optional;
import org.offloadbench.bench.rig.SuiteContext;

/**
 * One question of the report (the suite table of the root README), answered for every selected model. Suites are
 * generic: they name no model, only the workload roles of the plan.
 */
public interface Suite {

    /** The name used on the command line, in run.json and in summary records. */
    String name();

    /** The question it answers, for {@code bench list}. */
    String question();

    /** Why the suite cannot run here (no gcc, no fault workloads...), or empty when it can. */
    default Optional<String> skipReason(SuiteContext ctx) {
        return Optional.empty();
    }

    /** Progress steps the suite will report. */
    int steps(SuiteContext ctx);

    /** A rough estimate of its run time in seconds, printed before the run starts. */
    long estimateSeconds(SuiteContext ctx);

    /**
     * Measures and adds figures to {@code ctx.sink()}. A failing model is reported with
     * {@link SuiteContext#failed} and the others are still measured; an exception fails the whole suite.
     */
    void run(SuiteContext ctx) throws Exception;
}
