package org.offloadbench.shm.region;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;

/**
 * Where region files live and how they are named, protected and removed.
 *
 * <p>Each region gets its own folder {@code offload-bench-shm-<ownerPid>-<random>} (mode 0700) under
 * {@code /dev/shm} (RAM-backed, so nothing is written to disk) or, where that does not exist, the temp
 * folder; the file inside is {@code region-<128 random bits>} (mode 0600). The owner pid in the folder name
 * lets the next start remove regions whose owner died without cleaning up (SIGKILL skips shutdown hooks);
 * a live owner's folder is never touched.
 */
public final class RegionFiles {

    public static final String FOLDER_PREFIX = "offload-bench-shm-";
    private static final FileAttribute<Set<PosixFilePermission>> OWNER_ONLY_DIR =
            PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------"));
    public static final FileAttribute<Set<PosixFilePermission>> OWNER_ONLY_FILE =
            PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------"));
    private static final SecureRandom RANDOM = new SecureRandom();

    /** Folders of live regions of this JVM, removed by the shutdown hook if their owner forgot. */
    private static final Set<Path> LIVE = ConcurrentHashMap.newKeySet();

    static {
        Runtime.getRuntime().addShutdownHook(new Thread(() -> LIVE.forEach(RegionFiles::deleteFolderQuietly),
                "offload-bench-shm-cleanup"));
    }

    private RegionFiles() {
    }

    /** {@code /dev/shm} when it is a writable folder, else {@code java.io.tmpdir}. */
    public static Path defaultBase() {
        Path shm = Path.of("/dev/shm");
        if (Files.isDirectory(shm) && Files.isWritable(shm)) {
            return shm;
        }
        return Path.of(System.getProperty("java.io.tmpdir"));
    }

    /** Creates a fresh private folder for a region of this process, registered for the shutdown hook. */
    public static Path createFolder(Path base) throws IOException {
        if (!FileSystems.getDefault().supportedFileAttributeViews().contains("posix")) {
            throw new IOException("shared-memory regions need POSIX file permissions (owner-only files); "
                    + "this file system has none");
        }
        Path folder = Files.createDirectory(base.resolve(FOLDER_PREFIX + ProcessHandle.current().pid() + "-"
                + randomHex(8)), OWNER_ONLY_DIR);
        LIVE.add(folder);
        return folder;
    }

    /** An unguessable file name inside {@code folder}. */
    public static Path newRegionFile(Path folder) {
        return folder.resolve("region-" + randomHex(16));
    }

    public static void released(Path folder) {
        LIVE.remove(folder);
    }

    /**
     * Removes region folders under {@code base} whose owner process is gone (or whose pid now belongs to a
     * process started after the folder was made). Folders of live owners and anything not ours are left.
     *
     * @return the folders removed
     */
    public static List<Path> cleanStale(Path base) {
        List<Path> removed = new ArrayList<>();
        try (DirectoryStream<Path> folders = Files.newDirectoryStream(base, FOLDER_PREFIX + "*")) {
            for (Path folder : folders) {
                Optional<Long> pid = ownerPid(folder);
                if (pid.isPresent() && !Files.isSymbolicLink(folder) && isStale(folder, pid.get())) {
                    deleteFolder(folder);
                    removed.add(folder);
                }
            }
        } catch (NoSuchFileException e) {
            return removed;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot clean stale regions under " + base + ": " + e.getMessage(), e);
        }
        return removed;
    }

    static Optional<Long> ownerPid(Path folder) {
        String rest = folder.getFileName().toString().substring(FOLDER_PREFIX.length());
        int dash = rest.indexOf('-');
        if (dash <= 0) {
            return Optional.empty();
        }
        try {
            return Optional.of(Long.parseLong(rest.substring(0, dash)));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    private static boolean isStale(Path folder, long pid) throws IOException {
        Optional<ProcessHandle> owner = ProcessHandle.of(pid);
        if (owner.isEmpty() || !owner.get().isAlive()) {
            return true;
        }
        // the pid was reused when its process started after the folder was created
        FileTime created = Files.getLastModifiedTime(folder, LinkOption.NOFOLLOW_LINKS);
        return owner.get().info().startInstant().map(start -> start.isAfter(created.toInstant())).orElse(false);
    }

    public static void deleteFolder(Path folder) throws IOException {
        try (Stream<Path> walk = Files.walk(folder)) {
            for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        } catch (NoSuchFileException gone) {
            // removed already (by close racing the shutdown hook): the goal is met
        }
    }

    private static void deleteFolderQuietly(Path folder) {
        try {
            deleteFolder(folder);
        } catch (IOException e) {
            // in a shutdown hook there is nobody left to throw to; say what stays behind
            System.err.println("offload-bench: could not remove shared-memory folder " + folder + ": " + e);
        }
    }

    private static String randomHex(int bytes) {
        byte[] b = new byte[bytes];
        RANDOM.nextBytes(b);
        return HexFormat.of().formatHex(b);
    }
}
