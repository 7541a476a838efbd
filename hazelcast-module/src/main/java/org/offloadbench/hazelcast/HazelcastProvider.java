package org.offloadbench.hazelcast;

import org.offloadbench.core.offload.Availability;
import org.offloadbench.core.offload.FloorTransport;
import org.offloadbench.core.offload.ModelTraits;
import org.offloadbench.core.offload.Offloader;
import org.offloadbench.core.offload.OffloaderConfig;
import org.offloadbench.core.offload.OffloaderProvider;
import org.offloadbench.core.offload.WaitDiscipline;

/** Registers {@link HazelcastOffloader}. */
public final class HazelcastProvider implements OffloaderProvider {
    @Override
    public String name() {
        return HazelcastOffloader.NAME;
    }

    @Override
    public String description() {
        return "worker JVMs as Hazelcast members, tasks through IExecutorService from a Hazelcast client";
    }

    @Override
    public Availability availability() {
        return Availability.yes(); // Hazelcast is on the class path whenever this provider is
    }

    @Override
    public ModelTraits traits() {
        return new ModelTraits("cluster",
                "separate JVM processes (members), on this host or others",
                "a crashing member takes down only its own task, which runs once more on another member; the "
                        + "cluster re-forms without it and a replacement joins",
                false,
                "Hazelcast member JVMs: one loopback TCP port each, a cluster name per run, TCP-IP join (no multicast)",
                "cluster with a distributed executor instead of a primary (no direct Node analog)");
    }

    @Override
    public FloorTransport floorTransport() {
        return FloorTransport.TCP;
    }

    @Override
    public WaitDiscipline waitDiscipline(OffloaderConfig config) {
        return WaitDiscipline.PARK; // the caller parks on the future; Hazelcast's I/O threads block in epoll
    }

    @Override
    public Offloader create(OffloaderConfig config) {
        return HazelcastOffloader.start(config);
    }

    @Override
    public java.util.List<org.offloadbench.core.offload.options.OptionSpec> options() {
        return HazelcastSettings.SPECS;
    }

    /** Also applies the model's own rules (the same checks {@link #create} makes); starts nothing. */
    @Override
    public java.util.Map<String, String> resolveOptions(org.offloadbench.core.offload.OffloaderConfig config) {
        HazelcastSettings.from(config);
        return org.offloadbench.core.offload.OffloaderProvider.super.resolveOptions(config);
    }

    /** Members start side by side but the cluster forms only once every member has joined: ~1.8 s for one here. */
    @Override
    public long startEstimateMillis(int workers) {
        return 1500 + 350L * Math.max(1, workers);
    }
}
