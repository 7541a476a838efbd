package org.offloadbench.process;

import org.offloadbench.core.conformance.OffloaderConformanceKit;
import org.offloadbench.core.offload.Availability;
import org.offloadbench.core.offload.Offloader;
import org.offloadbench.core.offload.OffloaderConfig;

/**
 * The shared contract, with crash isolation on (fault-halt and fault-oom run in the children). Children get
 * a small heap, C1 only and the serial collector: here every task starts a child, so start time is everything.
 */
@org.junit.jupiter.api.extension.ExtendWith(OneChildPerTaskIsSlow.class)
class SpawnPerTaskProcessConformanceTest extends OffloaderConformanceKit {
    private final SpawnPerTaskProcessProvider provider = new SpawnPerTaskProcessProvider();

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
