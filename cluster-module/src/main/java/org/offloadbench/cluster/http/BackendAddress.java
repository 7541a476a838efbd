package org.offloadbench.cluster.http;

import java.util.ArrayList;
import java.util.List;

/** A worker or balancer address, {@code host:port}. */
public record BackendAddress(String host, int port) {

    public BackendAddress {
        if (host == null || host.isBlank()) {
            throw new IllegalArgumentException("backend host must not be blank");
        }
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException("backend port must be 1 .. 65535, was " + port);
        }
    }

    /** Parses {@code host:port[,host:port...]}; the message of a bad entry names it and the expected form. */
    public static List<BackendAddress> parseList(String list) {
        List<BackendAddress> out = new ArrayList<>();
        for (String entry : list.split(",")) {
            String e = entry.trim();
            if (e.isEmpty()) {
                continue;
            }
            int colon = e.lastIndexOf(':');
            if (colon <= 0 || colon == e.length() - 1) {
                throw new IllegalArgumentException("backend '" + e + "' must be host:port, e.g. 10.0.0.5:9400");
            }
            int port;
            try {
                port = Integer.parseInt(e.substring(colon + 1));
            } catch (NumberFormatException x) {
                throw new IllegalArgumentException("backend '" + e + "' has a port that is not a number");
            }
            out.add(new BackendAddress(e.substring(0, colon), port));
        }
        if (out.isEmpty()) {
            throw new IllegalArgumentException("backends must list at least one host:port");
        }
        return out;
    }

    @Override
    public String toString() {
        return host + ":" + port;
    }
}
