package org.offloadbench.cluster.conformance;

import org.junit.jupiter.api.extension.ExtendWith;
import org.offloadbench.cluster.NginxClusterProvider;
import org.offloadbench.cluster.ClusterTestSupport;
import org.offloadbench.core.conformance.OffloaderConformanceKit;
import org.offloadbench.core.offload.Availability;
import org.offloadbench.core.offload.Offloader;
import org.offloadbench.core.offload.OffloaderConfig;

/**
 * The conformance kit through cluster/nginx: worker JVMs, so crash isolation is checked too.
 *
 * <p>One kit test is skipped, with its reason, by {@link InFlightMeansSent}: through nginx 1.22 the client
 * cannot learn that a task has STARTED (nginx takes an upstream's interim 102 for the final answer), so
 * "in flight" means "sent to nginx"; the kit cancels right after that, sometimes before nginx has forwarded
 * the request, and then there is no worker thread to abandon. Cancelling a running task through nginx is
 * covered by the kit's {@code cancellingARunningTaskFreesItsWorker}.
 */
@ExtendWith(InFlightMeansSent.class)
class NginxConformanceTest extends OffloaderConformanceKit {
    @Override
    protected Offloader create(OffloaderConfig config) {
        return new NginxClusterProvider().create(ClusterTestSupport.withTestDefaults(config));
    }

    @Override
    protected boolean isolatesCrashes() {
        return true;
    }

    @Override
    protected Availability availability() {
        return new NginxClusterProvider().availability();
    }
}
