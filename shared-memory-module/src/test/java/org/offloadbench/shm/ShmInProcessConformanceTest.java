package org.offloadbench.shm;

import org.offloadbench.core.conformance.OffloaderConformanceKit;
import org.offloadbench.core.offload.Availability;
import org.offloadbench.core.offload.Offloader;
import org.offloadbench.core.offload.OffloaderConfig;

/** The conformance kit for {@code shm/in-process}. */
class ShmInProcessConformanceTest extends OffloaderConformanceKit {

    @Override
    protected Offloader create(OffloaderConfig config) {
        // small slots keep the sparse region small; a test-friendly child JVM where the model has children
        OffloaderConfig tuned = config.options().containsKey(ShmSettings.SLOT_BYTES) ? config
                : config.withOption(ShmSettings.SLOT_BYTES, Integer.toString(4 << 20));

        return new ShmInProcessProvider().create(tuned);
    }

    @Override
    protected boolean isolatesCrashes() {
        return false;
    }

    @Override
    protected Availability availability() {
        return new ShmInProcessProvider().availability();
    }
}
