package org.offloadbench.threads;

import org.offloadbench.core.conformance.OffloaderConformanceKit;
import org.offloadbench.core.offload.Offloader;
import org.offloadbench.core.offload.OffloaderConfig;

class MailboxRoundRobinConformanceTest extends OffloaderConformanceKit {
    @Override
    protected Offloader create(OffloaderConfig config) {
        return new MailboxProvider().create(config.withOption(MailboxOffloader.DISPATCH, "round-robin"));
    }
}
