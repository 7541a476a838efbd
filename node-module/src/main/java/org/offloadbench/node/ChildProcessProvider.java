package org.offloadbench.node;

import org.offloadbench.core.offload.FloorTransport;
import org.offloadbench.core.offload.ModelTraits;
import org.offloadbench.core.offload.Offloader;
import org.offloadbench.core.offload.OffloaderConfig;

/** {@code node/child-process}: a node parent that {@code child_process.fork}s one child per worker. */
public final class ChildProcessProvider extends NodeProvider {
    @Override
    public String name() {
        return NodeModels.CHILD_PROCESS;
    }

    @Override
    public String description() {
        return "Node reference: a node parent and child_process.fork children (IPC with advanced serialization);"
                + " frames over stdin/stdout to the parent";
    }

    @Override
    public ModelTraits traits() {
        return NodeModels.traits("separate node process and heap per worker; same host and user",
                "a crashing child ends only itself and is re-forked; its task fails WORKER_CRASHED", false,
                "a node parent and its forked children, started by the caller", "child_process.fork (a pool)");
    }

    @Override
    public Offloader create(OffloaderConfig config) {
        NodeSettings s = NodeSettings.from(name(), config);
        return new NodePipeOffloader(s, "child-process", nodeOrUnavailable(name()));
    }

    /** Frames over the parent's pipes, then node's IPC channel (a Unix socket pair) to a child: two hops. */
    @Override
    public FloorTransport floorTransport() {
        return FloorTransport.PIPE;
    }
}
