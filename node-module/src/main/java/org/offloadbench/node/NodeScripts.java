package org.offloadbench.node;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * The JavaScript the node models run, copied from this jar's resources into a private folder (0700) that
 * {@link #close} removes. Node's built-in modules only: nothing is fetched at run time.
 */
final class NodeScripts implements AutoCloseable {
    static final List<String> FILES = List.of("wire.js", "workloads.js", "transfer.js", "pipe-main.js",
            "backend-threads.js", "thread-worker.js", "backend-fork.js", "fork-child.js", "backend-sab.js",
            "sab-layout.js", "sab-worker.js", "cluster-main.js");
    private static final String RESOURCE_DIR = "/org/offloadbench/node/js/";

    private final Path folder;

    private NodeScripts(Path folder) {
        this.folder = folder;
    }

    static NodeScripts extract() throws IOException {
        Path folder = Files.createTempDirectory("offload-node-",
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
        NodeScripts scripts = new NodeScripts(folder);
        try {
            for (String name : FILES) {
                try (InputStream in = NodeScripts.class.getResourceAsStream(RESOURCE_DIR + name)) {
                    if (in == null) {
                        throw new IOException("resource " + RESOURCE_DIR + name + " is missing from the jar");
                    }
                    Files.copy(in, folder.resolve(name));
                }
            }
            return scripts;
        } catch (IOException | RuntimeException e) {
            scripts.close();
            throw e;
        }
    }

    Path script(String name) {
        return folder.resolve(name);
    }

    Path folder() {
        return folder;
    }

    @Override
    public void close() {
        if (!Files.exists(folder)) {
            return;
        }
        try (Stream<Path> all = Files.walk(folder)) {
            for (Path p : all.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot remove the node scripts folder " + folder, e);
        }
    }
}
