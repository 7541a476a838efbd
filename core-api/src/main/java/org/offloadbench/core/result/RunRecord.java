package org.offloadbench.core.result;

import java.util.List;
import java.util.Map;

/**
 * {@code run.json}: everything needed to interpret and reproduce a run.
 *
 * @param formatVersion layout version of the results folder; readers refuse versions they do not know
 * @param runId         folder name, {@code <timestamp>-<profile>-<configHash>}
 * @param profile       quick, standard or full
 * @param configHash    hash of the full configuration, also part of result file names
 * @param config        the resolved configuration (models, workloads, sizes, workers, ...)
 * @param startedAt     ISO-8601 instant
 * @param endedAt       ISO-8601 instant, null while running
 * @param complete      false when the run was interrupted or a suite failed
 * @param environment   the machine and software
 * @param models        every model the runner found, available or not
 * @param suites        each suite's status in run order
 */
public record RunRecord(int formatVersion, String runId, String profile, String configHash,
                        Map<String, Object> config, String startedAt, String endedAt, boolean complete,
                        EnvironmentInfo environment, List<ModelInfo> models, List<SuiteStatus> suites) {

    /** The results-folder layout this code writes and reads. */
    public static final int FORMAT_VERSION = 1;
}
