package org.offloadbench.cluster.grpc;

import org.offloadbench.core.offload.Offloader;
import org.offloadbench.core.offload.OffloaderRegistry;

/**
 * Test harness JVM: starts cluster/grpc, prints {@code PIDS} with its worker pids and {@code PORTS} with their
 * ports, then waits to be killed ({@link GrpcLeftoverTest} SIGKILLs it).
 */
public final class GrpcHarnessMain {
    private GrpcHarnessMain() {
    }

    public static void main(String[] args) throws Exception {
        Offloader offloader = OffloaderRegistry.load().get(GrpcCluster.NAME).create(GrpcTestSupport.config(2, 16));
        offloader.submit(org.offloadbench.core.offload.Task.of("echo", new byte[] {1})).get();
        System.out.println("PIDS " + String.join(" ", offloader.workerPids().stream().map(String::valueOf).toList()));
        System.out.println("PORTS " + String.join(" ", GrpcLeftoverTest.ports((GrpcOffloader) offloader).stream()
                .map(String::valueOf).toList()));
        System.out.flush();
        Thread.sleep(120_000); // killed long before this
        offloader.close();
    }
}
