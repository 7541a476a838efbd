package org.offloadbench.node;

import org.offloadbench.core.offload.FloorTransport;
import org.offloadbench.core.offload.ModelTraits;
import org.offloadbench.core.offload.Offloader;
import org.offloadbench.core.offload.OffloaderConfig;

/** {@code node/worker-threads}: a fixed pool of {@code worker_threads} inside one node process. */
public final class WorkerThreadsProvider extends NodeProvider {
    @Override
    public String name() {
        return NodeModels.WORKER_THREADS;
    }

    @Override
    public String description() {
        return "Node reference: one node process, a fixed worker_threads pool (postMessage, buffers moved when they"
                + " own their memory); frames over stdin/stdout";
    }

    @Override
    public ModelTraits traits() {
        return NodeModels.traits("a V8 isolate per worker thread inside one node process; process shared",
                "a worker that throws, exits or exhausts its heap limit is replaced; a crash of node itself ends every"
                        + " worker", false, "one node process started by the caller", "worker_threads (a fixed pool)");
    }

    @Override
    public Offloader create(OffloaderConfig config) {
        NodeSettings s = NodeSettings.from(name(), config);
        return new NodePipeOffloader(s, "worker-threads", nodeOrUnavailable(name()));
    }

    /** Frames over node's stdin/stdout pipes (then a thread hand-off inside node). */
    @Override
    public FloorTransport floorTransport() {
        return FloorTransport.PIPE;
    }
}
