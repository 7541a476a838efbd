package org.offloadbench.node;

import org.offloadbench.core.offload.Offloader;
import org.offloadbench.core.offload.OffloaderConfig;
import org.offloadbench.core.offload.OffloaderProvider;

/**
 * A harness stand-in for {@link NoNodeLeftTest}: starts a node model of every kind, keeps a task running in each,
 * prints the node pids on one line, then waits to be killed.
 */
public final class OrphanParentMain {
    private OrphanParentMain() {
    }

    public static void main(String[] args) throws Exception {
        StringBuilder pids = new StringBuilder("pids");
        for (OffloaderProvider p : new OffloaderProvider[] {new ChildProcessProvider(), new ClusterProvider(),
                new SharedArrayBufferProvider()}) {
            Offloader o = p.create(OffloaderConfig.of(1, 4));
            o.submit(NodeChildDiesTest.sleep(60_000));
            NodeChildDiesTest.await("in flight", () -> o.stats().inFlight() == 1);
            o.workerPids().forEach(pid -> pids.append(' ').append(pid));
        }
        System.out.println(pids);
        System.out.flush();
        Thread.sleep(120_000); // killed by the test long before
    }
}
