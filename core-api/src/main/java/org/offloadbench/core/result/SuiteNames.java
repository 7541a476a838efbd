package org.offloadbench.core.result;

/**
 * The suites' names as they appear in results ({@link SummaryRecord#suite()}, run.json) and on the command
 * line, shared by the runner, the report and the models that say where they are measured.
 */
public final class SuiteNames {
    public static final String OVERHEAD = "overhead";
    public static final String COPY = "copy";
    public static final String SCALING = "scaling";
    public static final String LATENCY = "latency";
    public static final String STARTUP = "startup";
    public static final String RESPONSIVENESS = "responsiveness";
    public static final String RESILIENCE = "resilience";
    public static final String CALIBRATION = "calibration";
    /** The break-even task size (sum-loop swept against inline) and the anatomy of a hand-off. */
    public static final String GRANULARITY = "granularity";

    private SuiteNames() {
    }
}
