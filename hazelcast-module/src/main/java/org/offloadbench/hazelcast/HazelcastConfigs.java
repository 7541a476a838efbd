package org.offloadbench.hazelcast;

import java.util.List;

import com.hazelcast.client.config.ClientConfig;
import com.hazelcast.config.ClassFilter;
import com.hazelcast.config.Config;
import com.hazelcast.config.JavaSerializationFilterConfig;
import com.hazelcast.config.JoinConfig;
import com.hazelcast.config.NetworkConfig;
import com.hazelcast.config.SerializationConfig;

/**
 * Member and client configuration, in code so nothing depends on a hazelcast.xml found on the class path.
 * Members join over TCP-IP with multicast and auto-detection off and a cluster name chosen per offloader, so
 * two runs (or two tests) never join each other; nothing phones home (these machines have no route out).
 */
final class HazelcastConfigs {
    /** The executor every task goes through; one thread per member, so a member is one worker. */
    static final String EXECUTOR = "offload";
    /** Where {@link StopCall}s run: beside the task's executor, so a stop is answered while the task runs. */
    static final String CONTROL_EXECUTOR = "offload-control";
    static final int CONNECT_RETRY_FIRST_MILLIS = 100;
    static final int CONNECT_RETRY_MAX_MILLIS = 500;

    private HazelcastConfigs() {
    }

    static Config member(String clusterName, String bindHost, int port, List<String> memberAddresses) {
        Config config = new Config();
        config.setClusterName(clusterName);
        common(config.getSerializationConfig());
        config.setProperty("hazelcast.phone.home.enabled", "false");
        config.setProperty("hazelcast.logging.type", "jdk");
        config.setProperty("hazelcast.shutdownhook.enabled", "false");
        config.setProperty("hazelcast.socket.bind.any", "false");
        // a killed member should leave the cluster's view within seconds, not the default minute
        config.setProperty("hazelcast.heartbeat.interval.seconds", "1");
        config.setProperty("hazelcast.max.no.heartbeat.seconds", "10");
        // join at once: the members of one offloader start together, and the default waits (5 s before a
        // join, up to 20 s more for more members) are made for data grids that fill slowly, not for workers
        config.setProperty("hazelcast.wait.seconds.before.join", "0");
        config.setProperty("hazelcast.max.wait.seconds.before.join", "0");
        config.getJetConfig().setEnabled(false);
        NetworkConfig network = config.getNetworkConfig();
        network.setPort(port).setPortAutoIncrement(false);
        network.getInterfaces().setEnabled(true).addInterface(bindHost);
        JoinConfig join = network.getJoin();
        join.getMulticastConfig().setEnabled(false);
        join.getAutoDetectionConfig().setEnabled(false);
        join.getTcpIpConfig().setEnabled(true).setMembers(memberAddresses).setConnectionTimeoutSeconds(2);
        config.getExecutorConfig(EXECUTOR).setPoolSize(1).setQueueCapacity(0).setStatisticsEnabled(false);
        config.getExecutorConfig(CONTROL_EXECUTOR).setPoolSize(1).setQueueCapacity(0).setStatisticsEnabled(false);
        return config;
    }

    static ClientConfig client(String clusterName, List<String> memberAddresses, long connectTimeoutMillis) {
        ClientConfig config = new ClientConfig();
        config.setClusterName(clusterName);
        config.setInstanceName(clusterName + "-client");
        common(config.getSerializationConfig());
        config.setProperty("hazelcast.phone.home.enabled", "false");
        config.setProperty("hazelcast.logging.type", "jdk");
        config.setProperty("hazelcast.client.statistics.enabled", "false");
        config.getNetworkConfig().setAddresses(memberAddresses).setSmartRouting(true);
        // a replaced member is back on loopback within seconds: retry every 100 ms to at most 500 ms apart, not
        // the default doubling to 30 s (measured: under load the client stayed away >30 s after a respawn,
        // so a task queued behind a cancelled one waited out the conformance kit's liveness bound)
        config.getConnectionStrategyConfig().getConnectionRetryConfig()
                .setClusterConnectTimeoutMillis(connectTimeoutMillis)
                .setInitialBackoffMillis(CONNECT_RETRY_FIRST_MILLIS)
                .setMaxBackoffMillis(CONNECT_RETRY_MAX_MILLIS)
                .setMultiplier(2)
                .setJitter(0);
        return config;
    }

    private static void common(SerializationConfig serialization) {
        serialization.addDataSerializableFactory(OffloadSerializables.FACTORY_ID, new OffloadSerializables());
        // no Java serialization on any wire: the whitelist names nothing, so any Serializable is refused
        JavaSerializationFilterConfig refuseAll = new JavaSerializationFilterConfig();
        refuseAll.setDefaultsDisabled(true);
        refuseAll.setWhitelist(new ClassFilter().addPrefixes("org.offloadbench.none."));
        serialization.setJavaSerializationFilterConfig(refuseAll);
    }
}
