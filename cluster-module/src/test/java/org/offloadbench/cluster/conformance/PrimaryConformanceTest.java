package org.offloadbench.cluster.conformance;

import org.offloadbench.cluster.PrimaryClusterProvider;
import org.offloadbench.cluster.ClusterTestSupport;
import org.offloadbench.core.conformance.OffloaderConformanceKit;
import org.offloadbench.core.offload.Availability;
import org.offloadbench.core.offload.Offloader;
import org.offloadbench.core.offload.OffloaderConfig;

/** The conformance kit through cluster/primary: worker JVMs, so crash isolation is checked too. */
class PrimaryConformanceTest extends OffloaderConformanceKit {
    @Override
    protected Offloader create(OffloaderConfig config) {
        return new PrimaryClusterProvider().create(ClusterTestSupport.withTestDefaults(config));
    }

    @Override
    protected boolean isolatesCrashes() {
        return true;
    }

    @Override
    protected Availability availability() {
        return new PrimaryClusterProvider().availability();
    }
}
