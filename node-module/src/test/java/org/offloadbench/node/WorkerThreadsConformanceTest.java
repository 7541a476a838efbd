package org.offloadbench.node;

import org.offloadbench.core.offload.OffloaderProvider;

class WorkerThreadsConformanceTest extends NodeKit {
    @Override
    protected OffloaderProvider provider() {
        return new WorkerThreadsProvider();
    }
}
