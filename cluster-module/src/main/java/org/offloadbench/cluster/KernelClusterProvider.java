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

/** {@code cluster/kernel}: workers share one port and the kernel spreads connections (SO_REUSEPORT). */
public final class KernelClusterProvider implements OffloaderProvider {
    @Override
    public String name() {
        return ClusterModels.KERNEL;
    }

    @Override
    public String description() {
        return "worker JVMs over HTTP/1.1; workers share one port and the kernel spreads connections (SO_REUSEPORT)";
    }

    @Override
    public Availability availability() {
        return ClusterModels.kernelAvailability();
    }

    @Override
    public ModelTraits traits() {
        return ClusterModels.traits("worker JVMs sharing one port (SO_REUSEPORT); no balancer process", "cluster module, with the OS spreading connections (Node's SCHED_NONE)");
    }

    @Override
    public Offloader create(OffloaderConfig config) {
        return ClusterModels.kernel(config);
    }

    @Override
    public List<OptionSpec> options() {
        return ClusterOptions.specs(ClusterModels.KERNEL_EXTRA);
    }

    /** Also checks the rules between options (backends or netns, not both); starts nothing. */
    @Override
    public Map<String, String> resolveOptions(OffloaderConfig config) {
        ClusterModels.kernelOptions(config);
        return OffloaderProvider.super.resolveOptions(config);
    }

    /** HTTP over TCP loopback to a worker JVM. */
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
