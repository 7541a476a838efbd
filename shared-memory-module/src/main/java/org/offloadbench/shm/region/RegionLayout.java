package org.offloadbench.shm.region;

/**
 * Where everything lies in a region file. All numbers are little-endian (x86 and ARM Linux alike), so the
 * layout does not depend on the JVM's default {@link java.nio.ByteOrder#BIG_ENDIAN} buffers.
 *
 * <pre>
 *   0        header (HEADER_BYTES, one page): magic, layout version, slot count, slot bytes, control bytes,
 *            owner pid, epoch, file bytes, CRC32C of the fields before it
 *   4096     slot 0: control block (CONTROL_BYTES) | request area (slotBytes) | response area (slotBytes)
 *   ...      slot i at HEADER_BYTES + i * slotStride (a whole number of pages, so slots never share a line)
 * </pre>
 *
 * @param slotCount slots in the region
 * @param slotBytes the largest request, and the largest response, a slot holds
 */
public record RegionLayout(int slotCount, int slotBytes) {

    /** "OBSHMREG" read as a little-endian long. */
    public static final long MAGIC = 0x4745524D4853424FL;
    public static final int LAYOUT_VERSION = 1;
    public static final int HEADER_BYTES = 4096;
    public static final int CONTROL_BYTES = 256;
    public static final int PAGE_BYTES = 4096;
    public static final int MAX_SLOTS = 1024;
    /** Control block plus both areas must fit one mapping (a ByteBuffer is int-indexed). */
    public static final int MAX_SLOT_BYTES = 512 << 20;

    // header field offsets
    static final int H_MAGIC = 0;
    static final int H_VERSION = 8;
    static final int H_SLOT_COUNT = 12;
    static final int H_SLOT_BYTES = 16;
    static final int H_CONTROL_BYTES = 20;
    static final int H_OWNER_PID = 24;
    static final int H_EPOCH = 32;
    static final int H_FILE_BYTES = 40;
    static final int H_CRC = 48;
    /** Bytes covered by the header checksum. */
    static final int H_CHECKED_BYTES = 48;

    public RegionLayout {
        if (slotCount < 1 || slotCount > MAX_SLOTS) {
            throw new IllegalArgumentException("slot count must be 1.." + MAX_SLOTS + ", was " + slotCount);
        }
        if (slotBytes < 1 || slotBytes > MAX_SLOT_BYTES) {
            throw new IllegalArgumentException("slot bytes must be 1.." + MAX_SLOT_BYTES + " (512 MiB), was "
                    + slotBytes);
        }
    }

    /** Bytes one slot occupies: control block and both areas, rounded up to whole pages. */
    public long slotStride() {
        long raw = CONTROL_BYTES + 2L * slotBytes;
        return (raw + PAGE_BYTES - 1) / PAGE_BYTES * PAGE_BYTES;
    }

    /** Bytes of the mapping a slot needs (its stride without the padding). */
    public int slotMappingBytes() {
        return Math.toIntExact(CONTROL_BYTES + 2L * slotBytes);
    }

    public long slotOffset(int slot) {
        if (slot < 0 || slot >= slotCount) {
            throw new IndexOutOfBoundsException("slot " + slot + " outside 0.." + (slotCount - 1));
        }
        return HEADER_BYTES + slot * slotStride();
    }

    public long fileBytes() {
        return HEADER_BYTES + slotCount * slotStride();
    }
}
