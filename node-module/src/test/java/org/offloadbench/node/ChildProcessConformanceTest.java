package org.offloadbench.node;

import org.offloadbench.core.offload.OffloaderProvider;

class ChildProcessConformanceTest extends NodeKit {
    @Override
    protected OffloaderProvider provider() {
        return new ChildProcessProvider();
    }
}
