package org.offloadbench.shm.agrona;

import org.offloadbench.core.offload.OffloaderConfig;

/**
 * Test helper run as a child JVM: starts {@code shm/agrona} with two workers under the folder in args[0],
 * prints its ring folder and its workers' pids, then waits to be SIGKILLed by the test (which skips every
 * shutdown hook), leaving the ring files behind for the next start to clean.
 */
public final class AgronaOwnerMain {
    private AgronaOwnerMain() {
    }

    public static void main(String[] args) throws Exception {
        AgronaOffloader offloader = (AgronaOffloader) new AgronaProvider().create(AgronaTestSupport.tuned(
                OffloaderConfig.of(2, 1).withOption(AgronaSettings.DIR, args[0])
                        .withOption(AgronaSettings.RING_BYTES, Integer.toString(64 << 10))));
        StringBuilder line = new StringBuilder(offloader.folder().toString());
        offloader.workerPids().forEach(pid -> line.append(' ').append(pid));
        System.out.println(line);
        System.out.flush();
        while (System.in.read() >= 0) {
            // wait for the kill; the test never writes
        }
    }
}
