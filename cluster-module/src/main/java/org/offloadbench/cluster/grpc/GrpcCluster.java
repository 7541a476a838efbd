package org.offloadbench.cluster.grpc;

import io.grpc.CallOptions;
import io.grpc.Grpc;
import io.grpc.InsecureChannelCredentials;
import io.grpc.ManagedChannel;
import io.grpc.ManagedChannelBuilder;
import io.grpc.NameResolverRegistry;
import io.grpc.StatusRuntimeException;
import io.grpc.stub.ClientCalls;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.offloadbench.cluster.local.LocalWorkers;
import org.offloadbench.cluster.local.WorkerPlacement;
import org.offloadbench.core.offload.FailureKind;
import org.offloadbench.core.offload.OffloadException;
import org.offloadbench.core.offload.OffloaderConfig;
import org.offloadbench.core.wire.FrameCodec;
import org.offloadbench.core.wire.FrameLimits;

/** Builds cluster/grpc: local worker JVMs (or the given remote ones), the round-robin channel, the warm-up. */
final class GrpcCluster {
    static final String NAME = "cluster/grpc";

    static final Duration WORKER_START_TIMEOUT = Duration.ofSeconds(60);
    /** How long create() pings until every worker has answered once through the balancer. */
    static final Duration WARM_UP_BOUND = Duration.ofSeconds(20);

    private GrpcCluster() {
    }

    static GrpcOffloader create(OffloaderConfig config) {
        GrpcOptions o = GrpcOptions.parse(NAME, config);
        FrameLimits limits = new FrameLimits(o.maxPayloadBytes());
        LocalWorkers workers = null;
        List<InetSocketAddress> addresses;
        if (o.remote()) {
            addresses = o.backends().stream().map(b -> new InetSocketAddress(b.host(), b.port())).toList();
        } else {
            try {
                workers = LocalWorkers.start(new LocalWorkers.Spec(config.workers(), o.workerConcurrency(),
                        o.jvmOptions(), false, List.of(WorkerPlacement.LOOPBACK), WORKER_START_TIMEOUT,
                        GrpcWorkerMain.class.getName(), List.of("--max-payload-bytes=" + o.maxPayloadBytes())),
                        NAME, System::nanoTime);
            } catch (IOException e) {
                throw new OffloadException(FailureKind.UNAVAILABLE, NAME + ": workers did not start: "
                        + e.getMessage(), e);
            }
            addresses = workers.backends().stream()
                    .map(b -> new InetSocketAddress(b.address().host(), b.address().port())).toList();
        }
        ManagedChannel channel = channel(addresses, limits, o.directExecutor());
        try {
            warmUp(channel, addresses);
        } catch (RuntimeException e) {
            channel.shutdownNow();
            if (workers != null) {
                workers.close();
            }
            throw e;
        }
        if (workers != null) {
            // a respawned worker listens on its old port again: reconnect now, not after the channel's backoff
            workers.onRespawn(channel::resetConnectBackoff);
        }
        int lanes = addresses.size() * o.workerConcurrency();
        return new GrpcOffloader(NAME, o, lanes, config.queueCapacity(), channel, workers,
                o.remote() ? addresses.size() : 0, new FrameCodec(limits), System::nanoTime);
    }

    /** One channel over every worker, balanced by gRPC's own client-side round_robin policy. */
    static ManagedChannel channel(List<InetSocketAddress> addresses, FrameLimits limits, boolean directExecutor) {
        NameResolverRegistry registry = new NameResolverRegistry();
        registry.register(new StaticAddressResolverProvider(addresses));
        ManagedChannelBuilder<?> builder = Grpc.newChannelBuilder(StaticAddressResolverProvider.target(),
                        InsecureChannelCredentials.create(), registry)
                .defaultLoadBalancingPolicy("round_robin")
                .maxInboundMessageSize(GrpcWire.maxMessageBytes(limits));
        if (directExecutor) {
            builder.directExecutor(); // the client's callbacks never block; completing a future is the last step
        }
        return builder.build();
    }

    /**
     * Pings through the balancer until every worker has answered once, so all of them are connected (READY)
     * before the first task: round_robin only picks READY workers, and a task sent while one is still
     * connecting would land on another. Bounded in time and count; fails only when no worker answers.
     */
    static void warmUp(ManagedChannel channel, List<InetSocketAddress> addresses) {
        Set<String> answered = new HashSet<>();
        long deadline = System.nanoTime() + WARM_UP_BOUND.toNanos();
        int maxPings = 200 * addresses.size();
        StatusRuntimeException last = null;
        for (int i = 0; i < maxPings && answered.size() < addresses.size(); i++) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                break;
            }
            int before = answered.size();
            try {
                byte[] id = ClientCalls.blockingUnaryCall(channel, GrpcWire.PING,
                        CallOptions.DEFAULT.withWaitForReady().withDeadlineAfter(left, TimeUnit.NANOSECONDS), new byte[0]);
                answered.add(new String(id, StandardCharsets.UTF_8));
            } catch (StatusRuntimeException e) {
                last = e;
            }
            if (answered.size() == before && (i + 1) % addresses.size() == 0) {
                pause(); // a round without a new worker: give the others time to connect
            }
        }
        if (answered.isEmpty()) {
            throw new OffloadException(FailureKind.UNAVAILABLE, NAME + ": no worker answered a ping within "
                    + WARM_UP_BOUND.toSeconds() + " s at " + addresses + (last == null ? "" : ": " + last.getStatus()));
        }
        if (answered.size() < addresses.size()) {
            System.err.println(NAME + ": only " + answered.size() + " of " + addresses.size() + " workers answered "
                    + "within " + WARM_UP_BOUND.toSeconds() + " s (" + answered + "); the others join when ready");
        }
    }

    private static void pause() {
        try {
            Thread.sleep(10);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new OffloadException(FailureKind.UNAVAILABLE, NAME + ": interrupted while warming up");
        }
    }
}
