package org.offloadbench.cluster;

import java.util.List;
import java.util.Map;
import org.offloadbench.core.offload.Availability;
import org.offloadbench.core.offload.FloorTransport;
import org.offloadbench.core.offload.ModelTraits;
import org.offloadbench.core.offload.Offloader;
import org.offloadbench.core.offload.OffloaderConfig;
import org.offloadbench.core.offload.OffloaderProvider;
import org.offloadbench.core.offload.options.OptionSpec;
import org.offloadbench.core.offload.WaitDiscipline;

/** {@code cluster/nginx}: nginx in front of the workers (round-robin or least_conn, upstream keep-alive). */
public final class NginxClusterProvider implements OffloaderProvider {
    @Override
    public String name() {
        return ClusterModels.NGINX;
    }

    @Override
    public String description() {
        return "worker JVMs over HTTP/1.1; nginx in front of the workers (round-robin or least_conn, upstream keep-alive)";
    }

    @Override
    public Availability availability() {
        return ClusterModels.nginxAvailability();
    }

    @Override
    public ModelTraits traits() {
        return ClusterModels.traits("worker JVMs and an nginx master and worker process", "cluster behind a reverse proxy (nginx in front of Node processes)");
    }

    @Override
    public Offloader create(OffloaderConfig config) {
        return ClusterModels.nginx(config);
    }

    @Override
    public List<OptionSpec> options() {
        return ClusterOptions.specs(ClusterModels.NGINX_EXTRA);
    }

    /** Also checks the rules between options (backends or netns, not both); starts nothing. */
    @Override
    public Map<String, String> resolveOptions(OffloaderConfig config) {
        ClusterOptions.parse(name(), config, ClusterModels.NGINX_EXTRA);
        return OffloaderProvider.super.resolveOptions(config);
    }

    /** HTTP over TCP loopback, through nginx to a worker (two hops: the one-hop floor is a lower bound). */
    @Override
    public FloorTransport floorTransport() {
        return FloorTransport.TCP;
    }

    /** The caller blocks on a socket read for each reply (no busy polling). */
    @Override
    public WaitDiscipline waitDiscipline(OffloaderConfig config) {
        return WaitDiscipline.PARK;
    }
}
