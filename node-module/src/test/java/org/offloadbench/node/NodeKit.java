package org.offloadbench.node;

import org.offloadbench.core.conformance.OffloaderConformanceKit;
import org.offloadbench.core.offload.Availability;
import org.offloadbench.core.offload.Offloader;
import org.offloadbench.core.offload.OffloaderConfig;
import org.offloadbench.core.offload.OffloaderProvider;
import org.offloadbench.core.workload.Workload;

/**
 * The conformance kit for a node model: every test applies (the scripts implement the kit's fault workloads),
 * its correctness tests restricted to the workloads node runs; skipped with the reason where node is missing.
 */
abstract class NodeKit extends OffloaderConformanceKit {
    protected abstract OffloaderProvider provider();

    @Override
    protected Offloader create(OffloaderConfig config) {
        return provider().create(config);
    }

    @Override
    protected boolean isolatesCrashes() {
        return true; // workers live in node, outside this JVM
    }

    @Override
    protected Availability availability() {
        return provider().availability();
    }

    @Override
    protected boolean runsWorkload(Workload workload) {
        return NodeModels.MEASURED_WORKLOADS.contains(workload.id());
    }
}
