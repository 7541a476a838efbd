package org.offloadbench.cluster.client;

import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.offloadbench.cluster.balance.BalancePolicy;
import org.offloadbench.cluster.balance.Backend;
import org.offloadbench.cluster.http.BackendAddress;

/** Picks where the client sends an attempt. The three balancers differ only here. */
public interface Router {

    /**
     * @param exclude the worker a retry must avoid (null on a first attempt)
     * @return the route, or null when no worker is up right now
     */
    Route route(Backend exclude);

    /** The workers behind this router, health-checked by the client. */
    List<Backend> backends();

    /** One line for messages and the README: what balances. */
    String describe();

    /** cluster/primary: this JVM picks the worker, like Node's cluster primary. */
    static Router primary(List<Backend> backends, BalancePolicy policy) {
        AtomicLong turn = new AtomicLong();
        return new Router() {
            @Override
            public Route route(Backend exclude) {
                Backend b = policy.pick(backends, exclude, turn);
                if (b == null && exclude != null) {
                    // one worker only, or every other one down: the retry goes wherever is up
                    b = policy.pick(backends, null, turn);
                }
                return b == null ? null : new Route(b.address(), b);
            }

            @Override
            public List<Backend> backends() {
                return backends;
            }

            @Override
            public String describe() {
                return "primary (" + policy.id() + ") over " + backends.size() + " workers";
            }
        };
    }

    /** cluster/kernel and cluster/nginx: every attempt goes to one address and something else balances. */
    static Router fixed(BackendAddress address, List<Backend> backends, String what) {
        return new Router() {
            @Override
            public Route route(Backend exclude) {
                // nothing to send to while every worker is down (respawning): wait rather than fail at once
                for (Backend b : backends) {
                    if (b.isUp()) {
                        return new Route(address, null);
                    }
                }
                return null;
            }

            @Override
            public List<Backend> backends() {
                return backends;
            }

            @Override
            public String describe() {
                return what + " at " + address;
            }
        };
    }
}
