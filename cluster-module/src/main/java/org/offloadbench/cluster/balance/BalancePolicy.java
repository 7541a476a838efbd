package org.offloadbench.cluster.balance;

import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicLong;

/** How a balancer picks a worker for the next request. */
public enum BalancePolicy {
    /** Each in turn, skipping those that are down (Node's cluster primary default, nginx's default). */
    ROUND_ROBIN("round-robin"),
    /** The one with the fewest requests in flight; ties go round-robin (nginx's least_conn). */
    LEAST_CONNECTIONS("least-connections");

    private final String id;

    BalancePolicy(String id) {
        this.id = id;
    }

    public String id() {
        return id;
    }

    /** @throws IllegalArgumentException naming the valid policies */
    public static BalancePolicy parse(String value) {
        for (BalancePolicy p : values()) {
            if (p.id.equals(value.trim().toLowerCase(Locale.ROOT))) {
                return p;
            }
        }
        throw new IllegalArgumentException("unknown policy '" + value + "'; valid: round-robin, least-connections");
    }

    /**
     * Picks an up backend other than {@code exclude} (the one a retry must avoid), or null when none is up.
     *
     * @param turn a shared counter that makes round-robin rotate
     */
    public Backend pick(List<Backend> backends, Backend exclude, AtomicLong turn) {
        int n = backends.size();
        int start = (int) Math.floorMod(turn.getAndIncrement(), (long) n);
        Backend best = null;
        for (int i = 0; i < n; i++) {
            Backend b = backends.get((start + i) % n);
            if (!b.isUp() || b == exclude) {
                continue;
            }
            if (this == ROUND_ROBIN) {
                return b;
            }
            if (best == null || b.active() < best.active()) {
                best = b;
            }
        }
        return best;
    }
}
