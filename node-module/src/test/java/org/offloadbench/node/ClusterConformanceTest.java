package org.offloadbench.node;

import org.offloadbench.core.offload.OffloaderProvider;

class ClusterConformanceTest extends NodeKit {
    @Override
    protected OffloaderProvider provider() {
        return new ClusterProvider();
    }
}
