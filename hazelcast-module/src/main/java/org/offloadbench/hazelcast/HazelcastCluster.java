package org.offloadbench.hazelcast;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;

import com.hazelcast.cluster.Member;
import com.hazelcast.core.HazelcastInstance;
import org.offloadbench.core.offload.FailureKind;
import org.offloadbench.core.offload.OffloadException;
import org.offloadbench.core.offload.OffloaderConfig;
import org.offloadbench.core.worker.ChildJvmStartException;
import org.offloadbench.core.workload.WorkloadCatalogue;

/**
 * Brings a {@link HazelcastOffloader} up: starts {@code workers} member JVMs here in parallel (or takes the
 * members given by {@code members=}), connects the client and waits until it sees every member. Anything
 * started is stopped again when a later step fails.
 */
final class HazelcastCluster {
    /** Held here: java.util.logging keeps loggers weakly, and a collected one forgets its level. */
    private static final java.util.logging.Logger HAZELCAST_LOG = java.util.logging.Logger.getLogger("com.hazelcast");
    private HazelcastCluster() {
    }

    static HazelcastOffloader start(OffloaderConfig config, WorkloadCatalogue catalogue) {
        // the client logs through java.util.logging; INFO lines (connections, member lists) would fill the
        // runner's console, so only warnings get through unless the member log level says otherwise
        HAZELCAST_LOG.setLevel(java.util.logging.Level.parse(
                System.getProperty(MemberMain.LOG_LEVEL_PROPERTY, "WARNING")));
        HazelcastSettings settings = HazelcastSettings.from(config);
        String clusterName = settings.clusterName().isEmpty()
                ? "offload-bench-" + UUID.randomUUID() : settings.clusterName();
        Duration startTimeout = Duration.ofMillis(settings.startTimeoutMillis());
        return settings.members().isEmpty()
                ? startLocal(config, settings, clusterName, startTimeout, catalogue)
                : connectRemote(config, settings, clusterName, startTimeout, catalogue);
    }

    private static HazelcastOffloader startLocal(OffloaderConfig config, HazelcastSettings settings,
                                                 String clusterName, Duration startTimeout, WorkloadCatalogue catalogue) {
        LocalMembers members;
        try {
            members = new LocalMembers(clusterName, settings.memberHeap(), LocalMembers.freePorts(config.workers()),
                    startTimeout);
        } catch (IOException e) {
            throw new OffloadException(FailureKind.UNAVAILABLE, HazelcastOffloader.NAME
                    + ": no free loopback port for a member: " + e.getMessage(), e);
        }
        List<Integer> ports = members.addresses().stream()
                .map(a -> Integer.parseInt(a.substring(a.lastIndexOf(':') + 1))).toList();
        List<CompletableFuture<LocalMembers.Started>> starting = new ArrayList<>();
        for (int port : ports) {
            starting.add(CompletableFuture.supplyAsync(() -> {
                try {
                    return members.start(port);
                } catch (ChildJvmStartException e) {
                    throw new CompletionException(e);
                }
            }));
        }
        List<LocalMembers.Started> started = new ArrayList<>();
        HazelcastInstance client = null;
        try {
            for (CompletableFuture<LocalMembers.Started> f : starting) {
                started.add(f.join());
            }
            client = HazelcastOffloader.newClient(clusterName, members.addresses(), startTimeout.toMillis());
            List<MemberSlot> slots = new ArrayList<>();
            for (int i = 0; i < started.size(); i++) {
                MemberSlot slot = new MemberSlot(i, ports.get(i));
                slot.process = started.get(i).process();
                slot.member = awaitMember(client, started.get(i).uuid(), startTimeout);
                slot.alive = true;
                slots.add(slot);
            }
            MemberRecovery recovery = new MemberRecovery(members, client, startTimeout);
            HazelcastOffloader offloader = new HazelcastOffloader(settings, config.workers(), config.queueCapacity(),
                    catalogue, recovery, client, slots);
            for (MemberSlot slot : slots) {
                recovery.watch(slot, slot.process);
            }
            return offloader;
        } catch (RuntimeException e) {
            if (client != null) {
                client.shutdown();
            }
            for (CompletableFuture<LocalMembers.Started> f : starting) {
                f.thenAccept(s -> s.process().destroyForcibly());
            }
            Throwable cause = e instanceof CompletionException && e.getCause() != null ? e.getCause() : e;
            throw new OffloadException(FailureKind.UNAVAILABLE, HazelcastOffloader.NAME + ": members did not start: "
                    + cause.getMessage(), cause);
        }
    }

    private static HazelcastOffloader connectRemote(OffloaderConfig config, HazelcastSettings settings,
                                                    String clusterName, Duration startTimeout,
                                                    WorkloadCatalogue catalogue) {
        if (settings.clusterName().isEmpty()) {
            throw new IllegalArgumentException(HazelcastOffloader.NAME + ": members=... needs clusterName=..., the "
                    + "name those members were started with (MemberMain --cluster=NAME)");
        }
        HazelcastInstance client;
        try {
            client = HazelcastOffloader.newClient(clusterName, settings.members(), startTimeout.toMillis());
        } catch (RuntimeException e) {
            throw new OffloadException(FailureKind.UNAVAILABLE, HazelcastOffloader.NAME + ": cannot join cluster "
                    + clusterName + " at " + settings.members() + ": " + e.getMessage(), e);
        }
        List<MemberSlot> slots = new ArrayList<>();
        for (Member member : client.getCluster().getMembers()) {
            if (slots.size() == config.workers()) {
                break;
            }
            MemberSlot slot = new MemberSlot(slots.size(), member.getAddress().getPort());
            slot.member = member;
            slot.alive = true;
            slots.add(slot);
        }
        MemberRecovery recovery = new MemberRecovery(null, client, startTimeout);
        return new HazelcastOffloader(settings, slots.size(), config.queueCapacity(), catalogue, recovery, client, slots);
    }

    /** The client's view of the member that announced {@code uuid}, once the client has seen it join. */
    static Member awaitMember(HazelcastInstance client, String uuid, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            for (Member m : client.getCluster().getMembers()) {
                if (m.getUuid().toString().equals(uuid)) {
                    return m;
                }
            }
            if (System.nanoTime() - deadline > 0) {
                throw new IllegalStateException("member " + uuid + " started but the client did not see it join within "
                        + timeout.toMillis() + " ms");
            }
            try {
                TimeUnit.MILLISECONDS.sleep(20); // polls a local view, bounded by the start timeout
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while waiting for member " + uuid, e);
            }
        }
    }
}
