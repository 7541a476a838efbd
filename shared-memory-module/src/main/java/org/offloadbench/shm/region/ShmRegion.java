package org.offloadbench.shm.region;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.offloadbench.shm.slot.Slot;

/**
 * A memory-mapped file shared by the parent JVM and its workers, cut into {@link Slot}s.
 *
 * <p>The creator owns it: {@link #create} makes a private folder and an owner-only file with an unguessable
 * name, writes the checked header and maps every slot; {@link #close()} unmaps nothing (the JDK unmaps when
 * the buffers are collected) but deletes the folder, so the memory goes back to the OS once every process
 * has let go. Workers {@link #attach} by path and epoch; every header field is checked first.
 */
public final class ShmRegion implements AutoCloseable {

    private static final SecureRandom RANDOM = new SecureRandom();

    private final Path file;
    private final Path ownedFolder;
    private final RegionHeader header;
    private final List<Slot> slots;
    private volatile boolean closed;

    private ShmRegion(Path file, Path ownedFolder, RegionHeader header, List<Slot> slots) {
        this.file = file;
        this.ownedFolder = ownedFolder;
        this.header = header;
        this.slots = slots;
    }

    /**
     * Creates a region owned by this process under {@code base}, first removing stale regions of dead owners.
     *
     * @throws IOException when the folder or file cannot be made or mapped (the message names the path)
     */
    public static ShmRegion create(Path base, RegionLayout layout) throws IOException {
        Objects.requireNonNull(layout, "layout");
        RegionFiles.cleanStale(base);
        Path folder = RegionFiles.createFolder(base);
        try {
            Path file = RegionFiles.newRegionFile(folder);
            RegionHeader header = new RegionHeader(layout, ProcessHandle.current().pid(), RANDOM.nextLong());
            try (FileChannel ch = FileChannel.open(Files.createFile(file, RegionFiles.OWNER_ONLY_FILE),
                    StandardOpenOption.READ, StandardOpenOption.WRITE)) {
                // a sparse file: tmpfs gives pages only when a slot area is first touched
                ch.truncate(0);
                ch.write(header.encode(), 0);
                ch.write(ByteBuffer.allocate(1), layout.fileBytes() - 1);
                return new ShmRegion(file, folder, header, mapSlots(ch, layout));
            }
        } catch (IOException | RuntimeException e) {
            RegionFiles.deleteFolder(folder);
            RegionFiles.released(folder);
            throw e;
        }
    }

    /**
     * Attaches to an existing region. Nothing is mapped until the header has been read through the file
     * channel and checked against the file's real size and the expected epoch.
     *
     * @param expectedEpoch the epoch the owner announced; a different one means the file is not ours
     * @throws RegionFormatException for a truncated, corrupt, foreign or mismatching file
     * @throws IOException           when the file cannot be opened (the message names it)
     */
    public static ShmRegion attach(Path file, long expectedEpoch) throws IOException {
        if (!Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)) {
            throw new RegionFormatException(file + " is not a regular file (missing, a folder or a link)");
        }
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
            long size = ch.size();
            ByteBuffer head = ByteBuffer.allocate(RegionLayout.HEADER_BYTES);
            while (head.hasRemaining() && ch.read(head, head.position()) > 0) {
                // read until the header is full or the file ends
            }
            head.flip();
            RegionHeader header = RegionHeader.parse(file, head, size);
            if (header.epoch() != expectedEpoch) {
                throw new RegionFormatException(file + " belongs to another region (epoch " + header.epoch()
                        + ", expected " + expectedEpoch + ")");
            }
            return new ShmRegion(file, null, header, mapSlots(ch, header.layout()));
        }
    }

    private static List<Slot> mapSlots(FileChannel ch, RegionLayout layout) throws IOException {
        List<Slot> slots = new ArrayList<>(layout.slotCount());
        for (int i = 0; i < layout.slotCount(); i++) {
            MappedByteBuffer map = ch.map(FileChannel.MapMode.READ_WRITE, layout.slotOffset(i),
                    layout.slotMappingBytes());
            slots.add(new Slot(i, map, layout.slotBytes()));
        }
        return List.copyOf(slots);
    }

    public Path file() {
        return file;
    }

    public RegionHeader header() {
        return header;
    }

    public RegionLayout layout() {
        return header.layout();
    }

    public Slot slot(int index) {
        return slots.get(index);
    }

    public List<Slot> slots() {
        return slots;
    }

    /** Whether this process created the region (and so removes it). */
    public boolean isOwner() {
        return ownedFolder != null;
    }

    /** The owner deletes the region's folder; an attached process only drops its reference. Idempotent. */
    @Override
    public void close() throws IOException {
        if (closed) {
            return;
        }
        closed = true;
        if (ownedFolder != null) {
            RegionFiles.deleteFolder(ownedFolder);
            RegionFiles.released(ownedFolder);
        }
    }
}
