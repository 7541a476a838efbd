package org.offloadbench.process;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import org.offloadbench.core.wire.Frame;
import org.offloadbench.core.wire.FrameCodec;
import org.offloadbench.core.wire.FrameWriter;
import org.offloadbench.core.worker.ChildJvm;
import org.offloadbench.core.worker.ChildJvmLauncher;
import org.offloadbench.core.worker.ChildJvmSpec;

/**
 * An application class-data-sharing archive of the worker: one child runs with
 * {@code -XX:ArchiveClassesAtExit}, serves a {@code noop} so the request path is loaded, and exits; the classes
 * it loaded are dumped, and later children map them with {@code -XX:SharedArchiveFile} instead of parsing and
 * verifying them again.
 *
 * <p>The JDK only archives classes from jar files: with class directories on the classpath (a build tree,
 * the tests) the dump has nothing to add or is refused, and {@link #file()} is null with {@link #status()}
 * saying why; the pool then starts children with the default archive. A dump that fails never fails the pool.
 */
final class CdsArchive implements AutoCloseable {
    private final Path file;
    private final Path privateFolder;
    private final String status;

    private CdsArchive(Path file, Path privateFolder, String status) {
        this.file = file;
        this.privateFolder = privateFolder;
        this.status = status;
    }

    /**
     * Uses {@code keepAt} when it exists, else dumps there, or, when {@code keepAt} is null, into a private temp
     * folder that {@link #close()} removes.
     */
    static CdsArchive prepare(ChildJvmSpec worker, Path keepAt, Duration startTimeout, FrameCodec codec) {
        if (keepAt != null && Files.isRegularFile(keepAt)) {
            String stale = staleAgainst(keepAt, worker.classpath());
            if (stale == null) {
                return new CdsArchive(keepAt, null, "reused application archive " + keepAt.getFileName());
            }
            // the JVM refuses an archive whose jars changed (it checks their size and mtime) and silently starts
            // without it, so a rebuilt jar means a new dump
            try {
                Files.delete(keepAt);
            } catch (IOException e) {
                return new CdsArchive(null, null, "no application archive: " + keepAt + " is older than " + stale
                        + " and cannot be replaced: " + e.getMessage());
            }
        }
        Path folder = null;
        Path target = keepAt;
        try {
            if (target == null) {
                // createTempDirectory makes it owner-only (rwx------) on POSIX file systems
                folder = Files.createTempDirectory("offloadbench-cds-");
                target = folder.resolve("worker.jsa");
            } else if (target.toAbsolutePath().getParent() != null) {
                Files.createDirectories(target.toAbsolutePath().getParent());
            }
        } catch (IOException e) {
            return new CdsArchive(null, folder, "no application archive: cannot create its folder: " + e.getMessage());
        }
        List<String> options = new ArrayList<>(worker.jvmOptions());
        options.add("-XX:ArchiveClassesAtExit=" + target.toAbsolutePath());
        List<String> stderr = new ArrayList<>();
        String problem = dump(worker.withJvmOptions(options), startTimeout, codec, stderr);
        if (problem == null && Files.isRegularFile(target)) {
            return new CdsArchive(target, folder, "application archive dumped by a first child");
        }
        String why = problem != null ? problem : "the dumping child exited without writing one (the JDK archives"
                + " classes from jar files only; a classpath of class folders gives none)"
                + (stderr.isEmpty() ? "" : "; its stderr: " + String.join(" | ", stderr));
        deleteTree(folder);
        return new CdsArchive(null, null, "no application archive: " + why);
    }

    /** A classpath jar newer than the archive (which then no longer matches it), or null. */
    private static String staleAgainst(Path archive, String classpath) {
        try {
            long archived = Files.getLastModifiedTime(archive).toMillis();
            for (String entry : classpath.split(java.io.File.pathSeparator)) {
                Path jar = Path.of(entry);
                if (!entry.isEmpty() && Files.isRegularFile(jar) && Files.getLastModifiedTime(jar).toMillis() > archived) {
                    return jar.getFileName().toString();
                }
            }
            return null;
        } catch (IOException | RuntimeException e) {
            return "an unreadable classpath entry (" + e.getMessage() + ")";
        }
    }

    private static String dump(ChildJvmSpec spec, Duration startTimeout, FrameCodec codec, List<String> stderr) {
        try (ChildJvm child = new ChildJvmLauncher().launch(spec)) {
            child.awaitReady(codec, startTimeout);
            FrameWriter writer = new FrameWriter(codec, child.stdin());
            writer.write(new Frame.Request(1L, "noop", 0L, new byte[64]));
            Frame answer = codec.read(child.stdout());
            if (!(answer instanceof Frame.Response)) {
                return "the dumping child answered " + answer + " to a noop";
            }
            writer.close();
            // the archive is written while the child exits; give it time before close() escalates
            child.onExit().get(startTimeout.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS);
            child.close(Duration.ofSeconds(1));
            List<String> tail = child.stderrTail();
            stderr.addAll(tail.subList(Math.max(0, tail.size() - 3), tail.size()));
            return null;
        } catch (Exception e) {
            return "the dumping child failed: " + e.getMessage();
        }
    }

    /** The archive, or null when none could be made. */
    Path file() {
        return file;
    }

    String status() {
        return status;
    }

    /** The JVM options that make a child use this archive; empty without one. */
    List<String> jvmOptions() {
        return file == null ? List.of() : List.of("-XX:SharedArchiveFile=" + file.toAbsolutePath());
    }

    /** Removes the private folder; an archive kept at a given path stays. */
    @Override
    public void close() {
        deleteTree(privateFolder);
    }

    private static void deleteTree(Path folder) {
        if (folder == null || !Files.exists(folder)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(folder)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot remove the CDS folder " + folder, e);
        }
    }
}
