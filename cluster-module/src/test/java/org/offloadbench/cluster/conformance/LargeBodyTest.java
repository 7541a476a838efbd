package org.offloadbench.cluster.conformance;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.offloadbench.cluster.ClusterTestSupport;
import org.offloadbench.core.offload.Offloader;
import org.offloadbench.core.offload.OffloaderProvider;
import org.offloadbench.core.offload.OffloaderRegistry;
import org.offloadbench.core.offload.Task;
import org.offloadbench.core.offload.TaskResult;
import org.offloadbench.core.workload.Checksums;

/**
 * Bodies far over any balancer buffer (the copy suite sends up to 64 MiB) come back byte for byte through
 * every balancer. Regression: nginx spilled bodies over 1 MiB to a temp file in the harness's owner-only
 * folder, which its workers (user 'nobody' when started as root) could not open: a 500 for every large echo.
 */
class LargeBodyTest {

    @ParameterizedTest
    @ValueSource(strings = {"cluster/nginx", "cluster/primary", "cluster/kernel"})
    @Timeout(value = 120, unit = TimeUnit.SECONDS)
    void largeEchoComesBackWhole(String model) {
        OffloaderProvider provider = OffloaderRegistry.load().get(model);
        Assumptions.assumeTrue(provider.availability().available(),
                () -> model + " unavailable: " + provider.availability().reason());
        byte[] input = new byte[6 << 20];
        new Random(42).nextBytes(input);
        Offloader offloader = provider.create(ClusterTestSupport.config(1, 4).withOption("jvmOptions",
                "-Xmx128m -XX:+UseSerialGC -XX:TieredStopAtLevel=1 -Xss512k -Xshare:auto"));
        try {
            for (int i = 0; i < 3; i++) {
                TaskResult result = offloader.submit(Task.of("echo", input)).join();
                assertArrayEquals(input, result.output(), model + " echo of 6 MiB, round " + i);
                assertEquals(Checksums.of(input), result.checksum(), model + " reported checksum");
            }
        } finally {
            offloader.close(Duration.ofSeconds(10));
        }
    }
}
