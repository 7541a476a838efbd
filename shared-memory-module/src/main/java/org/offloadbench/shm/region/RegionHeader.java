package org.offloadbench.shm.region;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Path;
import java.util.zip.CRC32C;

/**
 * The checked header at the start of every region. {@link #parse} validates every field, bounds included,
 * before anything is mapped, so an attaching process never maps a file whose size does not match its
 * header (touching a mapped page past the end of a file is a SIGBUS, not an exception).
 *
 * @param layout    slot count and slot bytes
 * @param ownerPid  process id of the JVM that created the region and removes it
 * @param epoch     random per region; children are told it, so a file swapped under them is refused
 */
public record RegionHeader(RegionLayout layout, long ownerPid, long epoch) {

    /** Writes the header into the first {@link RegionLayout#HEADER_BYTES} of {@code buffer}. */
    public ByteBuffer encode() {
        ByteBuffer b = ByteBuffer.allocate(RegionLayout.HEADER_BYTES).order(ByteOrder.LITTLE_ENDIAN);
        b.putLong(RegionLayout.H_MAGIC, RegionLayout.MAGIC);
        b.putInt(RegionLayout.H_VERSION, RegionLayout.LAYOUT_VERSION);
        b.putInt(RegionLayout.H_SLOT_COUNT, layout.slotCount());
        b.putInt(RegionLayout.H_SLOT_BYTES, layout.slotBytes());
        b.putInt(RegionLayout.H_CONTROL_BYTES, RegionLayout.CONTROL_BYTES);
        b.putLong(RegionLayout.H_OWNER_PID, ownerPid);
        b.putLong(RegionLayout.H_EPOCH, epoch);
        b.putLong(RegionLayout.H_FILE_BYTES, layout.fileBytes());
        b.putInt(RegionLayout.H_CRC, crc(b));
        return b;
    }

    /**
     * Reads and checks a header.
     *
     * @param header     the file's first bytes (up to {@link RegionLayout#HEADER_BYTES}), position 0
     * @param fileBytes  the file's actual size
     * @throws RegionFormatException naming the file and what is wrong with it
     */
    public static RegionHeader parse(Path file, ByteBuffer header, long fileBytes) throws RegionFormatException {
        ByteBuffer b = header.duplicate().order(ByteOrder.LITTLE_ENDIAN);
        if (fileBytes < RegionLayout.HEADER_BYTES || b.remaining() < RegionLayout.HEADER_BYTES) {
            throw new RegionFormatException(file + " is truncated: " + fileBytes + " bytes, a region header alone needs "
                    + RegionLayout.HEADER_BYTES);
        }
        long magic = b.getLong(RegionLayout.H_MAGIC);
        if (magic != RegionLayout.MAGIC) {
            throw new RegionFormatException(file + " is not an offload-bench shared-memory region (magic 0x"
                    + Long.toHexString(magic) + ", expected 0x" + Long.toHexString(RegionLayout.MAGIC) + ")");
        }
        int version = b.getInt(RegionLayout.H_VERSION);
        if (version != RegionLayout.LAYOUT_VERSION) {
            throw new RegionFormatException(file + " has layout version " + version + "; this build reads version "
                    + RegionLayout.LAYOUT_VERSION + " only");
        }
        int storedCrc = b.getInt(RegionLayout.H_CRC);
        if (storedCrc != crc(b)) {
            throw new RegionFormatException(file + " has a corrupt header (checksum mismatch)");
        }
        int slotCount = b.getInt(RegionLayout.H_SLOT_COUNT);
        int slotBytes = b.getInt(RegionLayout.H_SLOT_BYTES);
        int controlBytes = b.getInt(RegionLayout.H_CONTROL_BYTES);
        if (controlBytes != RegionLayout.CONTROL_BYTES) {
            throw new RegionFormatException(file + " declares " + controlBytes + " control bytes per slot; layout "
                    + RegionLayout.LAYOUT_VERSION + " has " + RegionLayout.CONTROL_BYTES);
        }
        RegionLayout layout;
        try {
            layout = new RegionLayout(slotCount, slotBytes);
        } catch (IllegalArgumentException e) {
            throw new RegionFormatException(file + " has an impossible layout: " + e.getMessage());
        }
        long declared = b.getLong(RegionLayout.H_FILE_BYTES);
        if (declared != layout.fileBytes()) {
            throw new RegionFormatException(file + " declares " + declared + " bytes but " + slotCount + " slots of "
                    + slotBytes + " bytes need " + layout.fileBytes());
        }
        if (fileBytes != declared) {
            throw new RegionFormatException(file + " is " + (fileBytes < declared ? "truncated" : "oversized") + ": "
                    + fileBytes + " bytes, its header declares " + declared);
        }
        return new RegionHeader(layout, b.getLong(RegionLayout.H_OWNER_PID), b.getLong(RegionLayout.H_EPOCH));
    }

    private static int crc(ByteBuffer b) {
        CRC32C crc = new CRC32C();
        crc.update(b.duplicate().position(0).limit(RegionLayout.H_CHECKED_BYTES));
        return (int) crc.getValue();
    }
}
