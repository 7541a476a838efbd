package org.offloadbench.cluster;

import java.util.List;
import java.util.Map;
import org.offloadbench.core.offload.Availability;
import org.offloadbench.core.offload.FloorTransport;
import org.offloadbench.core.offload.ModelTraits;
import org.offloadbench.core.offload.Offloader;
import org.offloadbench.core.offload.OffloaderConfig;
import org.offloadbench.core.offload.OffloaderProvider;
import org.offloadbench.core.offload.options.OptionSpec;
import org.offloadbench.core.offload.WaitDiscipline;

/** {@code cluster/primary}: the coordinator picks a worker per request (round-robin or least-connections), health checks, one retry. */
public final class PrimaryClusterProvider implements OffloaderProvider {
    @Override
    public String name() {
        return ClusterModels.PRIMARY;
    }

    @Override
    public String description() {
        return "worker JVMs over HTTP/1.1; the coordinator picks a worker per request (round-robin or least-connections), health checks, one retry";
    }

    @Override
    public Availability availability() {
        return Availability.yes();
    }

    @Override
    public ModelTraits traits() {
        return ClusterModels.traits("worker JVMs; the balancer runs in the coordinator JVM", "cluster module, primary distributing round-robin (SCHED_RR)");
    }

    @Override
    public Offloader create(OffloaderConfig config) {
        return ClusterModels.primary(config);
    }

    @Override
    public List<OptionSpec> options() {
        return ClusterOptions.specs(ClusterModels.PRIMARY_EXTRA);
    }

    /** Also checks the rules between options (backends or netns, not both); starts nothing. */
    @Override
    public Map<String, String> resolveOptions(OffloaderConfig config) {
        ClusterOptions.parse(name(), config, ClusterModels.PRIMARY_EXTRA);
        return OffloaderProvider.super.resolveOptions(config);
    }

    /** HTTP over TCP loopback, through the primary JVM to a worker (two hops: the one-hop floor is a lower bound). */
    @Override
    public FloorTransport floorTransport() {
        return FloorTransport.TCP;
    }

    /** The caller blocks on a socket read for each reply (no busy polling). */
    @Override
    public WaitDiscipline waitDiscipline(OffloaderConfig config) {
        return WaitDiscipline.PARK;
    }
}
