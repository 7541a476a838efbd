package org.offloadbench.cluster.grpc;

import io.grpc.EquivalentAddressGroup;
import io.grpc.NameResolver;
import io.grpc.NameResolverProvider;
import java.net.InetSocketAddress;
import java.net.URI;
import java.util.List;

/**
 * A fixed list of worker addresses as a gRPC name resolver, so one channel's {@code round_robin} policy
 * balances over all of them. Registered in a registry of its own per channel
 * ({@code Grpc.newChannelBuilder(target, credentials, registry)}), never globally: two models in one JVM
 * never see each other's workers. A respawned local worker comes back on the same port, so the list never
 * changes; the channel only has to reconnect.
 */
final class StaticAddressResolverProvider extends NameResolverProvider {
    static final String SCHEME = "offloadbench-workers";

    private final List<EquivalentAddressGroup> groups;

    StaticAddressResolverProvider(List<InetSocketAddress> addresses) {
        if (addresses.isEmpty()) {
            throw new IllegalArgumentException("at least one worker address is needed");
        }
        // one group per worker: round_robin treats each group as one endpoint
        this.groups = addresses.stream().map(EquivalentAddressGroup::new).toList();
    }

    /** The channel target this provider resolves. */
    static String target() {
        return SCHEME + ":///workers";
    }

    @Override
    protected boolean isAvailable() {
        return true;
    }

    @Override
    protected int priority() {
        return 5;
    }

    @Override
    public String getScheme() {
        return SCHEME;
    }

    @Override
    public String getDefaultScheme() {
        return SCHEME;
    }

    @Override
    public NameResolver newNameResolver(URI targetUri, NameResolver.Args args) {
        if (!SCHEME.equals(targetUri.getScheme())) {
            return null;
        }
        return new NameResolver() {
            @Override
            public String getServiceAuthority() {
                return "offloadbench-workers";
            }

            @Override
            public void start(Listener2 listener) {
                listener.onResult(ResolutionResult.newBuilder().setAddresses(groups).build());
            }

            @Override
            public void refresh() {
                // nothing to look up again: the list is fixed, and a lost worker is reconnected by its subchannel
            }

            @Override
            public void shutdown() {
                // holds no resources
            }
        };
    }
}
