package org.offloadbench.cluster.grpc;

import org.offloadbench.core.offload.Availability;
import org.offloadbench.core.offload.FloorTransport;
import org.offloadbench.core.offload.ModelTraits;
import org.offloadbench.core.offload.Offloader;
import org.offloadbench.core.offload.OffloaderConfig;
import org.offloadbench.core.offload.OffloaderProvider;
import org.offloadbench.core.offload.WaitDiscipline;

/** {@code cluster/grpc}: worker JVMs serving one unary gRPC method; gRPC's client-side round_robin balances. */
public final class GrpcClusterProvider implements OffloaderProvider {
    @Override
    public String name() {
        return GrpcCluster.NAME;
    }

    @Override
    public String description() {
        return "worker JVMs serving a unary gRPC method (grpc-java over Netty, HTTP/2); one channel balances "
                + "with gRPC's client-side round_robin, one retry";
    }

    @Override
    public Availability availability() {
        return Availability.yes(); // grpc-java is bundled and plaintext HTTP/2 over loopback needs nothing else
    }

    @Override
    public ModelTraits traits() {
        return new ModelTraits("cluster", "own process and heap per worker (may be another host)",
                "one worker JVM; calls it had not answered are retried once on another worker (retry=on)", false,
                "worker JVMs, each a gRPC server on its own TCP port (plaintext HTTP/2 over loopback, or given "
                        + "host:port backends); the balancer is the coordinator's gRPC channel (round_robin), no proxy",
                "cluster module with a gRPC (@grpc/grpc-js) client balancing round-robin instead of the primary");
    }

    @Override
    public FloorTransport floorTransport() {
        return FloorTransport.TCP;
    }

    @Override
    public WaitDiscipline waitDiscipline(OffloaderConfig config) {
        return WaitDiscipline.PARK; // callers block on futures; Netty's event loops sleep in epoll
    }

    @Override
    public Offloader create(OffloaderConfig config) {
        return GrpcCluster.create(config);
    }

    @Override
    public java.util.List<org.offloadbench.core.offload.options.OptionSpec> options() {
        return GrpcOptions.SPECS;
    }

    /** Also applies the model's own rules (the same checks {@link #create} makes); starts nothing. */
    @Override
    public java.util.Map<String, String> resolveOptions(org.offloadbench.core.offload.OffloaderConfig config) {
        GrpcOptions.parse(name(), config);
        return org.offloadbench.core.offload.OffloaderProvider.super.resolveOptions(config);
    }

    /** Worker JVMs load grpc-java and Netty before they serve: ~0.8 s for one here. */
    @Override
    public long startEstimateMillis(int workers) {
        return 600 + 200L * Math.max(1, workers);
    }
}
