package org.offloadbench.threads;

import org.offloadbench.core.conformance.OffloaderConformanceKit;
import org.offloadbench.core.offload.Availability;
import org.offloadbench.core.offload.Offloader;
import org.offloadbench.core.offload.OffloaderConfig;

/** Skipped with the provider's reason on JDKs without virtual threads (JDK 17); runs on JDK 21+. */
class VirtualThreadConformanceTest extends OffloaderConformanceKit {
    @Override
    protected Offloader create(OffloaderConfig config) {
        return new VirtualThreadProvider().create(config);
    }

    @Override
    protected Availability availability() {
        return new VirtualThreadProvider().availability();
    }
}
