package org.offloadbench.shm;

import org.offloadbench.core.conformance.OffloaderConformanceKit;
import org.offloadbench.core.offload.Availability;
import org.offloadbench.core.offload.Offloader;
import org.offloadbench.core.offload.OffloaderConfig;

/** The conformance kit for {@code shm/copy} (child JVMs: crash tests included). */
class ShmCopyConformanceTest extends OffloaderConformanceKit {

    @Override
    protected Offloader create(OffloaderConfig config) {
        // small slots keep the sparse region small; a test-friendly child JVM where the model has children
        OffloaderConfig tuned = config.options().containsKey(ShmSettings.SLOT_BYTES) ? config
                : config.withOption(ShmSettings.SLOT_BYTES, Integer.toString(4 << 20));
        if (!tuned.options().containsKey(ShmSettings.JVM_OPTIONS)) {
            tuned = tuned.withOption(ShmSettings.JVM_OPTIONS, ShmTestSupport.CHILD_JVM_OPTIONS);
        }
        return new ShmCopyProvider().create(tuned);
    }

    @Override
    protected boolean isolatesCrashes() {
        return true;
    }

    @Override
    protected Availability availability() {
        return new ShmCopyProvider().availability();
    }
}
