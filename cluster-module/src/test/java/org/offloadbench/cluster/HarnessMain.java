package org.offloadbench.cluster;

import java.util.stream.Collectors;
import org.offloadbench.core.offload.Offloader;
import org.offloadbench.core.offload.OffloaderRegistry;

/**
 * Test harness JVM: starts the model named by its argument, prints {@code PIDS} and every process it started
 * (workers, nginx and its guard), then waits to be killed. {@link LeftoverTest} SIGKILLs it.
 */
public final class HarnessMain {
    private HarnessMain() {
    }

    public static void main(String[] args) throws Exception {
        Offloader offloader = OffloaderRegistry.load().get(args[0]).create(ClusterTestSupport.config(2, 16));
        offloader.submit(org.offloadbench.core.offload.Task.of("echo", new byte[] {1})).get();
        String pids = ProcessHandle.current().descendants().map(p -> Long.toString(p.pid()))
                .collect(Collectors.joining(" "));
        System.out.println("PIDS " + pids);
        System.out.flush();
        Thread.sleep(120_000); // killed long before this
        offloader.close();
    }
}
