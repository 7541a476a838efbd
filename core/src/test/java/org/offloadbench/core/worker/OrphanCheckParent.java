package org.offloadbench.core.worker;

import java.time.Duration;
import java.util.List;
import org.offloadbench.core.wire.FrameCodec;

/**
 * A tiny intermediate JVM for the orphan test: starts a WorkerMain child, prints its pid, then waits to be
 * killed. Its sleep is bounded so a failed test cannot leave it running for long.
 */
public final class OrphanCheckParent {
    private OrphanCheckParent() {
    }

    public static void main(String[] args) throws Exception {
        try (ChildJvm child = new ChildJvmLauncher().launch(ChildJvmSpec.worker()
                .withJvmOptions(List.of(args)))) {
            child.awaitReady(FrameCodec.withDefaults(), Duration.ofSeconds(60));
            System.out.println("child-pid=" + child.pid());
            System.out.flush();
            Thread.sleep(120_000L);
        }
    }
}
