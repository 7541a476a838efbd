package org.offloadbench.cluster.conformance;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.offloadbench.cluster.ClusterTestSupport;
import org.offloadbench.cluster.PrimaryClusterProvider;
import org.offloadbench.core.conformance.OffloaderConformanceKit;
import org.offloadbench.core.offload.Availability;
import org.offloadbench.core.offload.Offloader;
import org.offloadbench.core.offload.OffloaderConfig;

/**
 * The conformance kit through cluster/primary with its workers in two network namespaces of their own
 * (10.231.1.2 and 10.231.2.2): requests cross a veth pair as they would cross a network to another host.
 * Skipped with the reason when namespaces cannot be created (not root, no {@code ip}).
 */
class NamespaceConformanceTest extends OffloaderConformanceKit {
    private static NetworkNamespaces namespaces;

    @BeforeAll
    static void createNamespaces() {
        namespaces = NetworkNamespaces.create();
    }

    @AfterAll
    static void deleteNamespaces() {
        namespaces.close();
    }

    @Override
    protected Availability availability() {
        return namespaces.failure() == null ? Availability.yes()
                : Availability.no("cannot create network namespaces here: " + namespaces.failure());
    }

    @Override
    protected Offloader create(OffloaderConfig config) {
        return new PrimaryClusterProvider().create(ClusterTestSupport.withTestDefaults(config)
                .withOption("netns", namespaces.netnsOption()));
    }

    @Override
    protected boolean isolatesCrashes() {
        return true;
    }
}
