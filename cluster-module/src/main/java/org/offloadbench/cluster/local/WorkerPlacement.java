package org.offloadbench.cluster.local;

/**
 * Where a local worker runs: in this network namespace on loopback, or inside a named Linux network
 * namespace bound to an address of that namespace (the namespace test; started through {@code ip netns exec}).
 *
 * @param netns namespace name, or null for this one
 * @param host  address the worker binds and the balancer connects to
 */
public record WorkerPlacement(String netns, String host) {
    public static final WorkerPlacement LOOPBACK = new WorkerPlacement(null, "127.0.0.1");

    /** Parses {@code ns:addr[,ns:addr...]}. */
    public static java.util.List<WorkerPlacement> parseList(String value) {
        java.util.List<WorkerPlacement> out = new java.util.ArrayList<>();
        for (String e : value.split(",")) {
            String t = e.trim();
            int colon = t.indexOf(':');
            if (colon <= 0 || colon == t.length() - 1 || !t.substring(0, colon).matches("[A-Za-z0-9_.-]+")) {
                throw new IllegalArgumentException("netns entry '" + t + "' must be namespace:address, e.g. ob-w1:10.231.1.2");
            }
            out.add(new WorkerPlacement(t.substring(0, colon), t.substring(colon + 1)));
        }
        return out;
    }
}
