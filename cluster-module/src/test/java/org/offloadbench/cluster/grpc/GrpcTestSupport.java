package org.offloadbench.cluster.grpc;

import org.offloadbench.cluster.ClusterTestSupport;
import org.offloadbench.core.offload.OffloaderConfig;

/** cluster/grpc's tests: the cluster tests' small worker JVMs (cluster/grpc has no health-check option). */
final class GrpcTestSupport {
    private GrpcTestSupport() {
    }

    static OffloaderConfig withTestDefaults(OffloaderConfig config) {
        return config.options().containsKey("jvmOptions") ? config
                : config.withOption("jvmOptions", ClusterTestSupport.TEST_JVM_OPTIONS);
    }

    static OffloaderConfig config(int workers, int queue) {
        return withTestDefaults(OffloaderConfig.of(workers, queue));
    }
}
