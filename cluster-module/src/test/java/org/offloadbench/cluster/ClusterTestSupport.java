package org.offloadbench.cluster;

import org.offloadbench.core.offload.OffloaderConfig;

/** Settings shared by the tests that start worker JVMs: small heaps, quick JIT, frequent health checks. */
public final class ClusterTestSupport {
    /** C1 only and a small heap: the tests start many short-lived workers on two cores. */
    public static final String TEST_JVM_OPTIONS = "-Xmx96m -XX:+UseSerialGC -XX:TieredStopAtLevel=1 -Xss512k -Xshare:auto";

    private ClusterTestSupport() {
    }

    /** Adds the test JVM options and health interval unless the config sets them (an unknown option stays). */
    public static OffloaderConfig withTestDefaults(OffloaderConfig config) {
        OffloaderConfig c = config;
        if (!c.options().containsKey("jvmOptions")) {
            c = c.withOption("jvmOptions", TEST_JVM_OPTIONS);
        }
        if (!c.options().containsKey("healthIntervalMillis")) {
            c = c.withOption("healthIntervalMillis", "100");
        }
        return c;
    }

    public static OffloaderConfig config(int workers, int queue) {
        return OffloaderConfig.of(workers, queue).withOption("jvmOptions", TEST_JVM_OPTIONS)
                .withOption("healthIntervalMillis", "100");
    }
}
