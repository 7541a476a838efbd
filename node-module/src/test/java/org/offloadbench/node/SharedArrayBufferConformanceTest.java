package org.offloadbench.node;

import org.offloadbench.core.offload.OffloaderProvider;

class SharedArrayBufferConformanceTest extends NodeKit {
    @Override
    protected OffloaderProvider provider() {
        return new SharedArrayBufferProvider();
    }
}
