package org.offloadbench.cluster.grpc;

import org.offloadbench.core.conformance.OffloaderConformanceKit;
import org.offloadbench.core.offload.Availability;
import org.offloadbench.core.offload.Offloader;
import org.offloadbench.core.offload.OffloaderConfig;

/** The conformance kit through cluster/grpc: worker JVMs, so crash isolation (halt, OOM) is checked too. */
class GrpcConformanceTest extends OffloaderConformanceKit {
    @Override
    protected Offloader create(OffloaderConfig config) {
        return new GrpcClusterProvider().create(GrpcTestSupport.withTestDefaults(config));
    }

    @Override
    protected boolean isolatesCrashes() {
        return true;
    }

    @Override
    protected Availability availability() {
        return new GrpcClusterProvider().availability();
    }
}
