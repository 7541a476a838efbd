package org.offloadbench.hazelcast;

import java.util.stream.Collectors;

import org.offloadbench.core.offload.Offloader;
import org.offloadbench.core.offload.OffloaderConfig;
import org.offloadbench.core.offload.Task;

/** A harness for {@link LeftoverTest}: starts the model, prints its member pids, then waits to be killed. */
public final class HarnessMain {
    private HarnessMain() {
    }

    public static void main(String[] args) throws Exception {
        Offloader offloader = new HazelcastProvider().create(OffloaderConfig.of(2, 8));
        offloader.submit(Task.of("echo", new byte[] {1})).get();
        System.out.println("PIDS " + offloader.workerPids().stream().map(String::valueOf)
                .collect(Collectors.joining(" ")));
        System.out.flush();
        Thread.sleep(600_000); // bounded: the test kills us long before
    }
}
