package org.offloadbench.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.offloadbench.cluster.balance.BalancePolicy;
import org.offloadbench.core.offload.OffloaderConfig;
import org.offloadbench.core.offload.options.OptionSpec;

/** The cluster models' options, checked without starting a worker. */
class ClusterOptionsTest {

    private static OffloaderConfig config(Map<String, String> options) {
        return new OffloaderConfig(2, 16, options);
    }

    @Test
    void defaultsAndTheOldNameOfTheHealthInterval() {
        ClusterOptions o = ClusterOptions.parse(ClusterModels.PRIMARY, config(Map.of()), ClusterModels.PRIMARY_EXTRA);
        assertEquals(List.of(ClusterOptions.DEFAULT_JVM_OPTIONS.split(" ")), o.jvmOptions());
        assertEquals(1, o.workerConcurrency());
        assertTrue(o.persistentConnections());
        assertEquals(200, o.healthIntervalMillis());
        assertEquals(BalancePolicy.ROUND_ROBIN, o.policy());
        assertFalse(o.remote());
        ClusterOptions old = ClusterOptions.parse(ClusterModels.KERNEL, config(Map.of("healthIntervalMs", "75")),
                ClusterModels.KERNEL_EXTRA);
        assertEquals(75, old.healthIntervalMillis(), "healthIntervalMs is still accepted as the old name");
    }

    @Test
    void eachModelAcceptsOnlyItsOwnOptionsAndSaysWhichAreValid() {
        String policy = assertThrows(IllegalArgumentException.class, () -> new KernelClusterProvider()
                .resolveOptions(config(Map.of("policy", "least-connections")))).getMessage();
        assertTrue(policy.contains("unknown option 'policy' for cluster/kernel") && policy.contains("workerConcurrency"),
                policy);
        String bad = assertThrows(IllegalArgumentException.class, () -> new PrimaryClusterProvider()
                .resolveOptions(config(Map.of("policy", "random")))).getMessage();
        assertTrue(bad.contains("[round-robin, least-connections]") && bad.contains("'random'"), bad);
        String both = assertThrows(IllegalArgumentException.class, () -> new PrimaryClusterProvider()
                .resolveOptions(config(Map.of("backends", "10.0.0.5:9400", "netns", "a:10.1.0.2")))).getMessage();
        assertTrue(both.contains("not both"), both);
        String remote = assertThrows(IllegalArgumentException.class, () -> new KernelClusterProvider()
                .resolveOptions(config(Map.of("backends", "10.0.0.5:9400")))).getMessage();
        assertTrue(remote.contains("SO_REUSEPORT"), remote);
        assertEquals(Set.of("policy", "nginxWorkers"), Set.copyOf(new NginxClusterProvider().options().stream()
                .map(OptionSpec::name).filter(n -> n.equals("policy") || n.equals("nginxWorkers")).toList()));
    }

    @Test
    void resolvedOptionsHoldEveryDefault() {
        Map<String, String> r = new NginxClusterProvider().resolveOptions(config(Map.of("policy", "Least-Connections")));
        assertEquals("least-connections", r.get("policy"));
        assertEquals("1", r.get("nginxWorkers"));
        assertEquals("200", r.get("healthIntervalMillis"));
        assertEquals("persistent", r.get("connections"));
        assertFalse(r.containsKey("backends"), "no default: local workers");
    }
}
