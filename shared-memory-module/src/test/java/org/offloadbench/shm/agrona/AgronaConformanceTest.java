package org.offloadbench.shm.agrona;

import org.offloadbench.core.conformance.OffloaderConformanceKit;
import org.offloadbench.core.offload.Availability;
import org.offloadbench.core.offload.Offloader;
import org.offloadbench.core.offload.OffloaderConfig;

/** The conformance kit for {@code shm/agrona} (child JVMs: crash tests included), with the default wait. */
class AgronaConformanceTest extends OffloaderConformanceKit {

    @Override
    protected Offloader create(OffloaderConfig config) {
        return new AgronaProvider().create(AgronaTestSupport.tuned(config));
    }

    @Override
    protected boolean isolatesCrashes() {
        return true;
    }

    @Override
    protected Availability availability() {
        return new AgronaProvider().availability();
    }
}
