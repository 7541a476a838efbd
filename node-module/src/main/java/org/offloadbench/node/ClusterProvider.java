package org.offloadbench.node;

import org.offloadbench.core.offload.FloorTransport;
import org.offloadbench.core.offload.ModelTraits;
import org.offloadbench.core.offload.Offloader;
import org.offloadbench.core.offload.OffloaderConfig;

/** {@code node/cluster}: node's cluster primary round-robin across HTTP workers on 127.0.0.1. */
public final class ClusterProvider extends NodeProvider {
    @Override
    public String name() {
        return NodeModels.CLUSTER;
    }

    @Override
    public String description() {
        return "Node reference: node's cluster module, HTTP/1.1 workers on one loopback port, the primary hands"
                + " connections out round-robin";
    }

    @Override
    public ModelTraits traits() {
        return NodeModels.traits("separate node process and heap per worker; same host, reached over TCP",
                "a crashing worker ends only itself and is re-forked by the primary; its request is retried once",
                false, "a node cluster primary and its workers, started by the caller", "cluster (primary round-robin)");
    }

    @Override
    public Offloader create(OffloaderConfig config) {
        NodeSettings s = NodeSettings.from(name(), config);
        return new NodeClusterOffloader(s, nodeOrUnavailable(name()));
    }

    /** HTTP over TCP loopback. */
    @Override
    public FloorTransport floorTransport() {
        return FloorTransport.TCP;
    }
}
