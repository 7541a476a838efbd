package org.offloadbench.cluster.conformance;

import org.junit.jupiter.api.extension.ExtendWith;
import org.offloadbench.cluster.KernelClusterProvider;
import org.offloadbench.cluster.ClusterTestSupport;
import org.offloadbench.core.conformance.OffloaderConformanceKit;
import org.offloadbench.core.offload.Availability;
import org.offloadbench.core.offload.Offloader;
import org.offloadbench.core.offload.OffloaderConfig;

/**
 * The conformance kit through cluster/kernel: worker JVMs, so crash isolation is checked too. One kit test
 * is skipped with its reason by {@link InFlightMeansSent}.
 */
@ExtendWith(InFlightMeansSent.class)
class KernelConformanceTest extends OffloaderConformanceKit {
    @Override
    protected Offloader create(OffloaderConfig config) {
        return new KernelClusterProvider().create(ClusterTestSupport.withTestDefaults(config));
    }

    @Override
    protected boolean isolatesCrashes() {
        return true;
    }

    @Override
    protected Availability availability() {
        return new KernelClusterProvider().availability();
    }
}
