package org.offloadbench.core.workload;

import java.nio.ByteBuffer;
import java.util.zip.CRC32C;

/**
 * The one checksum every model's output is compared with. CRC32C is an intrinsic on current CPUs, so
 * checking a reply costs far less than producing it, and it is stable across JDKs and machines (golden
 * values are pinned in tests).
 */
public final class Checksums {
    private Checksums() {
    }

    public static long of(byte[] bytes) {
        return of(bytes, 0, bytes.length);
    }

    public static long of(byte[] bytes, int offset, int length) {
        CRC32C crc = new CRC32C();
        crc.update(bytes, offset, length);
        return crc.getValue();
    }

    /** Checksums the remaining bytes of {@code buffer} without moving its position. */
    public static long of(ByteBuffer buffer) {
        CRC32C crc = new CRC32C();
        crc.update(buffer.duplicate());
        return crc.getValue();
    }
}
