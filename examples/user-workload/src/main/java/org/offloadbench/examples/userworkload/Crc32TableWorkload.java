package org.offloadbench.examples.userworkload;

import java.nio.ByteBuffer;
import java.util.Random;
import java.util.TreeSet;
import org.offloadbench.core.workload.InputSpec;
import org.offloadbench.core.workload.Workload;
import org.offloadbench.core.workload.WorkloadClass;
import org.offloadbench.core.workload.WorkloadException;

/**
 * {@code crc32-table}: CRC-32 (the zip/Ethernet polynomial) of the input, computed a byte at a time with a
 * 256-entry lookup table, the textbook algorithm. It is deliberately not {@link java.util.zip.CRC32}, which
 * the JIT replaces with a CPU instruction: a table walk is the kind of plain Java loop a user brings.
 *
 * <p>A workload is a pure function of bytes: {@link #generateInput} puts everything a run needs into the
 * input, and {@link #execute} reads nothing else, so every offload model (a thread, a child JVM, a cluster
 * worker) computes the same output and the benchmark can check it against an in-thread run.
 *
 * <p>Input: {@code payloadBytes} random bytes from the seed (default 64 KiB). Output: the CRC as 4 bytes,
 * big-endian.
 */
public final class Crc32TableWorkload implements Workload {

    public static final String ID = "crc32-table";
    private static final int[] TABLE = buildTable();

    // ServiceLoader needs a public no-argument constructor; keep it cheap, it runs in every worker JVM.
    public Crc32TableWorkload() {
    }

    @Override
    public String id() {
        return ID;
    }

    @Override
    public String description() {
        return "CRC-32 of 64 KiB of random bytes with a byte-at-a-time lookup table (example user workload)";
    }

    @Override
    public WorkloadClass workloadClass() {
        return WorkloadClass.HASHING;
    }

    @Override
    public int defaultPayloadBytes() {
        return 64 * 1024;
    }

    @Override
    public byte[] generateInput(InputSpec spec) {
        // Unknown options are an error, so a typo never silently runs the default.
        if (!spec.options().isEmpty()) {
            throw new IllegalArgumentException(ID + ": unknown option '"
                    + new TreeSet<>(spec.options().keySet()).first() + "'; " + ID + " takes no options");
        }
        byte[] input = new byte[spec.payloadBytes()];
        new Random(spec.seed()).nextBytes(input); // Random's algorithm is specified: same bytes on every JDK
        return input;
    }

    @Override
    public byte[] execute(byte[] input) {
        if (input == null) {
            throw new WorkloadException(ID + ": input is null");
        }
        int crc = 0xFFFFFFFF;
        for (byte b : input) {
            crc = TABLE[(crc ^ b) & 0xFF] ^ (crc >>> 8);
        }
        return ByteBuffer.allocate(Integer.BYTES).putInt(~crc).array();
    }

    private static int[] buildTable() {
        int[] table = new int[256];
        for (int n = 0; n < 256; n++) {
            int c = n;
            for (int k = 0; k < 8; k++) {
                c = (c & 1) != 0 ? 0xEDB88320 ^ (c >>> 1) : c >>> 1;
            }
            table[n] = c;
        }
        return table;
    }
}
