package org.offloadbench.process;

import org.offloadbench.core.conformance.OffloaderConformanceKit;
import org.offloadbench.core.offload.Availability;
import org.offloadbench.core.offload.Offloader;
import org.offloadbench.core.offload.OffloaderConfig;

/**
 * The shared contract, with crash isolation on (fault-halt and fault-oom run in the children). Children get
 * a small heap, C1 only and the serial collector so the kit's many short-lived pools start fast.
 */
class PipesConformanceTest extends OffloaderConformanceKit {
    private final PipesProvider provider = new PipesProvider();

    @Override
    protected Offloader create(OffloaderConfig config) {
        OffloaderConfig fast = config;
        for (var option : TestPools.FAST_CHILDREN.entrySet()) {
            if (!config.options().containsKey(option.getKey())) {
                fast = fast.withOption(option.getKey(), option.getValue());
            }
        }
        return provider.create(fast);
    }

    @Override
    protected boolean isolatesCrashes() {
        return true;
    }

    @Override
    protected Availability availability() {
        return provider.availability();
    }
}
