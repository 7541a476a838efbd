package org.offloadbench.threads;

import org.offloadbench.core.conformance.OffloaderConformanceKit;
import org.offloadbench.core.offload.Offloader;
import org.offloadbench.core.offload.OffloaderConfig;

/** The default dispatch (least-loaded); {@link MailboxRoundRobinConformanceTest} covers round-robin. */
class MailboxConformanceTest extends OffloaderConformanceKit {
    @Override
    protected Offloader create(OffloaderConfig config) {
        return new MailboxProvider().create(config);
    }
}
