package org.offloadbench.hazelcast;

import org.offloadbench.core.conformance.OffloaderConformanceKit;
import org.offloadbench.core.offload.Offloader;
import org.offloadbench.core.offload.OffloaderConfig;

/** The kit every model passes, on members started here; crashes are isolated (fault-halt, fault-oom run). */
@org.junit.jupiter.api.extension.ExtendWith(InFlightMeansSent.class)
class HazelcastConformanceTest extends OffloaderConformanceKit {
    @Override
    protected Offloader create(OffloaderConfig config) {
        return new HazelcastProvider().create(config);
    }

    @Override
    protected boolean isolatesCrashes() {
        return true;
    }
}
