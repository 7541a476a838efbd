package org.offloadbench.node;

import java.util.List;
import java.util.Set;
import org.offloadbench.core.offload.Availability;
import org.offloadbench.core.offload.FailureKind;
import org.offloadbench.core.offload.OffloadException;
import org.offloadbench.core.offload.OffloaderConfig;
import org.offloadbench.core.offload.OffloaderProvider;
import org.offloadbench.core.offload.WaitDiscipline;
import org.offloadbench.core.offload.options.OptionSpec;
import org.offloadbench.core.result.SuiteNames;

/** What the four node providers share: availability, options, the wait, and the suites they appear in. */
abstract class NodeProvider implements OffloaderProvider {
    /** Reference rows, next to the JVM models: where their point shows (the list of sections). */
    private static final Set<String> MEASURED_IN = Set.of(SuiteNames.OVERHEAD, SuiteNames.COPY, SuiteNames.SCALING,
            SuiteNames.STARTUP);

    @Override
    public Availability availability() {
        return NodeModels.availability();
    }

    @Override
    public List<OptionSpec> options() {
        return NodeSettings.OPTIONS;
    }

    /** The caller blocks on a pipe or socket read for each reply; node's own side waits in its event loop. */
    @Override
    public WaitDiscipline waitDiscipline(OffloaderConfig config) {
        return WaitDiscipline.PARK;
    }

    @Override
    public boolean measuredByDefaultIn(String suite) {
        return MEASURED_IN.contains(suite);
    }

    /** The measured workloads the node scripts implement (noop, echo, sha256): the runner schedules no other. */
    @Override
    public boolean supportsWorkload(String workloadId) {
        return NodeModels.MEASURED_WORKLOADS.contains(workloadId);
    }

    static java.nio.file.Path nodeOrUnavailable(String model) {
        return NodeModels.findNode().orElseThrow(() -> new OffloadException(FailureKind.UNAVAILABLE,
                model + ": " + NodeModels.availability().reason()));
    }
}
