package org.offloadbench.cluster.conformance;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Two Linux network namespaces, each joined to this one by a veth pair with addresses from a private range
 * (10.231.N.0/24) that exists only inside this machine: the host side is 10.231.N.1, the namespace side
 * 10.231.N.2. Creating them needs root (CAP_NET_ADMIN) and the {@code ip} tool; {@link #create()} says why
 * when it cannot. {@link #close()} deletes what it made (deleting a namespace deletes its veth end and with
 * it the pair).
 */
final class NetworkNamespaces implements AutoCloseable {
    static final int COUNT = 2;
    private final String tag;
    private final List<String> created = new ArrayList<>();
    private String failure;

    private NetworkNamespaces() {
        this.tag = Long.toString(ProcessHandle.current().pid() % 100000);
    }

    static NetworkNamespaces create() {
        NetworkNamespaces ns = new NetworkNamespaces();
        try {
            for (int i = 1; i <= COUNT; i++) {
                ns.createOne(i);
            }
        } catch (IOException e) {
            ns.failure = e.getMessage();
            ns.close();
        }
        return ns;
    }

    /** Null when the namespaces exist, else why they could not be made. */
    String failure() {
        return failure;
    }

    String name(int i) {
        return "obns" + tag + "-" + i;
    }

    static String workerAddress(int i) {
        return "10.231." + i + ".2";
    }

    /** The model option placing worker i in namespace i. */
    String netnsOption() {
        return name(1) + ":" + workerAddress(1) + "," + name(2) + ":" + workerAddress(2);
    }

    private void createOne(int i) throws IOException {
        String ns = name(i);
        String host = "obh" + tag + "-" + i;
        String peer = "obp" + tag + "-" + i;
        run("ip", "netns", "add", ns);
        created.add(ns);
        run("ip", "link", "add", host, "type", "veth", "peer", "name", peer);
        run("ip", "link", "set", peer, "netns", ns);
        run("ip", "addr", "add", "10.231." + i + ".1/24", "dev", host);
        run("ip", "link", "set", host, "up");
        run("ip", "netns", "exec", ns, "ip", "addr", "add", workerAddress(i) + "/24", "dev", peer);
        run("ip", "netns", "exec", ns, "ip", "link", "set", peer, "up");
        run("ip", "netns", "exec", ns, "ip", "link", "set", "lo", "up");
    }

    private static void run(String... command) throws IOException {
        Process p;
        try {
            p = new ProcessBuilder(command).redirectErrorStream(true).start();
        } catch (IOException e) {
            throw new IOException("cannot run " + command[0] + ": " + e.getMessage(), e);
        }
        try {
            if (!p.waitFor(10, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new IOException(String.join(" ", command) + " did not finish in 10 s");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            p.destroyForcibly();
            throw new IOException("interrupted", e);
        }
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
        if (p.exitValue() != 0) {
            throw new IOException("'" + String.join(" ", command) + "' failed (exit " + p.exitValue() + "): " + out);
        }
    }

    @Override
    public void close() {
        for (String ns : created) {
            try {
                run("ip", "netns", "del", ns);
            } catch (IOException e) {
                System.err.println("could not delete network namespace " + ns + ": " + e.getMessage());
            }
        }
        created.clear();
    }
}
