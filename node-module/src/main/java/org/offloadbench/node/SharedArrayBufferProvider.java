package org.offloadbench.node;

import org.offloadbench.core.offload.FloorTransport;
import org.offloadbench.core.offload.ModelTraits;
import org.offloadbench.core.offload.Offloader;
import org.offloadbench.core.offload.OffloaderConfig;

/** {@code node/shared-array-buffer}: SharedArrayBuffer + Atomics.wait/notify between node's main thread and workers. */
public final class SharedArrayBufferProvider extends NodeProvider {
    @Override
    public String name() {
        return NodeModels.SHARED_ARRAY_BUFFER;
    }

    @Override
    public String description() {
        return "Node reference: worker threads fed through a SharedArrayBuffer per worker (Atomics.notify, the main"
                + " thread awaits Atomics.waitAsync); frames over stdin/stdout to node";
    }

    @Override
    public ModelTraits traits() {
        return NodeModels.traits("worker threads sharing one memory region each with node's main thread",
                "a worker that dies is replaced with a new region; a crash of node itself ends every worker", false,
                "one node process started by the caller", "SharedArrayBuffer + Atomics");
    }

    @Override
    public Offloader create(OffloaderConfig config) {
        NodeSettings s = NodeSettings.from(name(), config);
        return new NodePipeOffloader(s, "shared-array-buffer", nodeOrUnavailable(name()));
    }

    /**
     * The JVM reaches node over its pipes; the shared memory is node's own main-to-worker hop, so the pipe is the
     * floor that applies.
     */
    @Override
    public FloorTransport floorTransport() {
        return FloorTransport.PIPE;
    }
}
