package org.offloadbench.shm.agrona;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import org.agrona.IoUtil;
import org.agrona.concurrent.UnsafeBuffer;
import org.agrona.concurrent.ringbuffer.OneToOneRingBuffer;
import org.agrona.concurrent.ringbuffer.RingBufferDescriptor;
import org.offloadbench.shm.region.RegionFiles;
import org.offloadbench.shm.region.RegionFormatException;

/**
 * One child's memory-mapped file: a 4 KiB header, then its request ring (parent writes, child reads), then
 * its response ring (child writes, parent reads), each an Agrona {@link OneToOneRingBuffer} over an
 * {@link UnsafeBuffer} on the mapping, page aligned.
 *
 * <p>Header (little-endian): magic, layout version, ring capacity, owner pid, epoch, file bytes, and on its
 * own cache line the id of the task the child is running now (the parent's timeout clock starts when it
 * sees it). Each child incarnation gets a fresh file: a child killed half-way through a record can never
 * leave a torn message for its replacement. The file is created 0600 inside the owner's private folder
 * ({@link RegionFiles}); {@code IoUtil.mapNewFile} would create it with the umask's mode, so the file is
 * made owner-only first and mapped with {@code IoUtil.mapExistingFile}. It is sparse: tmpfs gives a page
 * only when a ring first reaches it.
 */
public final class RingFile implements AutoCloseable {

    static final long MAGIC = 0x414e_4f52_4741_424fL; // "OBAGRONA" little-endian
    static final int VERSION = 1;
    static final int HEADER_BYTES = 4096;
    private static final int MAGIC_OFFSET = 0;
    private static final int VERSION_OFFSET = 8;
    private static final int CAPACITY_OFFSET = 12;
    private static final int OWNER_PID_OFFSET = 16;
    private static final int EPOCH_OFFSET = 24;
    private static final int FILE_BYTES_OFFSET = 32;
    private static final int RUNNING_TASK_OFFSET = 128;

    private final Path file;
    private final boolean owner;
    private final MappedByteBuffer mapping;
    private final UnsafeBuffer header;
    private final OneToOneRingBuffer requests;
    private final OneToOneRingBuffer responses;
    private final long epoch;
    private boolean closed;

    private RingFile(Path file, boolean owner, MappedByteBuffer mapping, int capacity, long epoch) {
        this.file = file;
        this.owner = owner;
        this.mapping = mapping;
        this.epoch = epoch;
        this.header = new UnsafeBuffer(mapping, 0, HEADER_BYTES);
        int ringBytes = capacity + RingBufferDescriptor.TRAILER_LENGTH;
        this.requests = new OneToOneRingBuffer(new UnsafeBuffer(mapping, HEADER_BYTES, ringBytes));
        this.responses = new OneToOneRingBuffer(new UnsafeBuffer(mapping, HEADER_BYTES + pageAligned(ringBytes),
                ringBytes));
    }

    static long fileBytes(int capacity) {
        return HEADER_BYTES + 2L * pageAligned(capacity + RingBufferDescriptor.TRAILER_LENGTH);
    }

    private static int pageAligned(int bytes) {
        return (bytes + 4095) & ~4095;
    }

    /**
     * Creates a fresh owner-only ring file in {@code folder} (the owner's private folder).
     *
     * @throws IOException when the file cannot be made or mapped (the message names it)
     */
    public static RingFile create(Path folder, int capacity, long epoch) throws IOException {
        RingBufferDescriptor.checkCapacity(capacity + RingBufferDescriptor.TRAILER_LENGTH, OneToOneRingBuffer.MIN_CAPACITY);
        Path file = RegionFiles.newRegionFile(folder);
        long bytes = fileBytes(capacity);
        try {
            try (FileChannel ch = FileChannel.open(Files.createFile(file, RegionFiles.OWNER_ONLY_FILE),
                    StandardOpenOption.READ, StandardOpenOption.WRITE)) {
                ch.write(ByteBuffer.allocate(1), bytes - 1); // sparse: sets the size, touches one page
            }
            MappedByteBuffer mapping = IoUtil.mapExistingFile(file.toFile(), "shm/agrona rings");
            RingFile rings = new RingFile(file, true, mapping, capacity, epoch);
            UnsafeBuffer h = rings.header;
            h.putInt(VERSION_OFFSET, VERSION, ByteOrder.LITTLE_ENDIAN);
            h.putInt(CAPACITY_OFFSET, capacity, ByteOrder.LITTLE_ENDIAN);
            h.putLong(OWNER_PID_OFFSET, ProcessHandle.current().pid(), ByteOrder.LITTLE_ENDIAN);
            h.putLong(EPOCH_OFFSET, epoch, ByteOrder.LITTLE_ENDIAN);
            h.putLong(FILE_BYTES_OFFSET, bytes, ByteOrder.LITTLE_ENDIAN);
            h.putLongVolatile(RUNNING_TASK_OFFSET, 0L);
            h.putLong(MAGIC_OFFSET, MAGIC, ByteOrder.LITTLE_ENDIAN); // last: the child starts only after this
            return rings;
        } catch (IOException | RuntimeException e) {
            Files.deleteIfExists(file);
            throw e;
        }
    }

    /**
     * Attaches to a ring file. The header is read through the file channel and checked against the real
     * file size and the expected epoch before anything is mapped (a mapped page past the end is a SIGBUS).
     *
     * @throws RegionFormatException for a truncated, foreign or mismatching file
     */
    public static RingFile attach(Path file, long expectedEpoch) throws IOException {
        if (!Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)) {
            throw new RegionFormatException(file + " is not a regular file (missing, a folder or a link)");
        }
        int capacity;
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            ByteBuffer head = ByteBuffer.allocate(64).order(ByteOrder.LITTLE_ENDIAN);
            while (head.hasRemaining() && ch.read(head, head.position()) > 0) {
                // until the fixed fields are in or the file ends
            }
            if (head.hasRemaining()) {
                throw new RegionFormatException(file + " is too short for a ring file header (" + ch.size() + " bytes)");
            }
            long magic = head.getLong(MAGIC_OFFSET);
            int version = head.getInt(VERSION_OFFSET);
            capacity = head.getInt(CAPACITY_OFFSET);
            long epoch = head.getLong(EPOCH_OFFSET);
            long bytes = head.getLong(FILE_BYTES_OFFSET);
            if (magic != MAGIC || version != VERSION) {
                throw new RegionFormatException(file + " is not a shm/agrona ring file (magic " + Long.toHexString(magic)
                        + ", version " + version + ")");
            }
            if (epoch != expectedEpoch) {
                throw new RegionFormatException(file + " belongs to another run (epoch " + epoch + ", expected "
                        + expectedEpoch + ")");
            }
            if (capacity < OneToOneRingBuffer.MIN_CAPACITY || Integer.bitCount(capacity) != 1
                    || bytes != fileBytes(capacity) || ch.size() != bytes) {
                throw new RegionFormatException(file + ": ring capacity " + capacity + " and file size " + ch.size()
                        + " do not match the header's " + bytes + " bytes");
            }
        }
        MappedByteBuffer mapping = IoUtil.mapExistingFile(file.toFile(), "shm/agrona rings");
        return new RingFile(file, false, mapping, capacity, expectedEpoch);
    }

    public Path file() {
        return file;
    }

    public long epoch() {
        return epoch;
    }

    /** The parent writes, the child reads. */
    public OneToOneRingBuffer requests() {
        return requests;
    }

    /** The child writes, the parent reads. */
    public OneToOneRingBuffer responses() {
        return responses;
    }

    /** Child: the task it starts now (release store, before the workload runs). */
    void markRunning(long taskId) {
        header.putLongOrdered(RUNNING_TASK_OFFSET, taskId);
    }

    /** Parent: the task the child said it runs (acquire load). */
    long runningTask() {
        return header.getLongVolatile(RUNNING_TASK_OFFSET);
    }

    /**
     * Unmaps the file and, for the owner, deletes it. Only for the one thread using it, once nobody else in
     * this JVM touches the rings (an access after unmapping would crash the JVM); idempotent.
     */
    @Override
    public void close() throws IOException {
        if (closed) {
            return;
        }
        closed = true;
        IoUtil.unmap(mapping);
        if (owner) {
            Files.deleteIfExists(file);
        }
    }
}
