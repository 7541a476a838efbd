package org.offloadbench.core.workload.builtin;

import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import org.offloadbench.core.workload.InputSpec;
import org.offloadbench.core.workload.Workload;
import org.offloadbench.core.workload.WorkloadClass;
import org.offloadbench.core.workload.WorkloadException;

/**
 * {@code sha256}: the SHA-256 digest of the whole input. Cost is linear in the input, so with the copy
 * suite's sizes (64 B .. 64 MiB) it shows where moving the bytes stops mattering next to reading them.
 *
 * <p>Input: {@code payloadBytes} random bytes from the seed (default 64 KiB); any bytes are valid input.
 * Output: the 32-byte digest. {@link #executeInto} digests the buffer where it lies, so a zero-copy transport
 * (shared memory) pays no copy of the whole input: a heap buffer's array is read directly, a direct or
 * read-only buffer is fed to the digest through the JDK's small reusable chunk.
 */
public final class Sha256Workload implements Workload {

    public static final String ID = "sha256";
    static final int DIGEST_BYTES = 32;

    @Override
    public String id() {
        return ID;
    }

    @Override
    public String description() {
        return "SHA-256 digest of the input (64 KiB of random bytes)";
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
        WorkloadOptions.of(ID, spec);
        return SeededRandom.bytes(spec.seed(), spec.payloadBytes());
    }

    @Override
    public byte[] execute(byte[] input) {
        if (input == null) {
            throw new WorkloadException(ID + ": input is null");
        }
        return newDigest().digest(input);
    }

    /** Digests {@code input}'s remaining bytes in place (consuming them) and puts the 32-byte digest. */
    @Override
    public int executeInto(ByteBuffer input, ByteBuffer output) {
        if (output.remaining() < DIGEST_BYTES) {
            throw new WorkloadException(ID + ": output of " + DIGEST_BYTES + " bytes does not fit in "
                    + output.remaining() + " bytes");
        }
        MessageDigest digest = newDigest();
        digest.update(input);
        output.put(digest.digest());
        return DIGEST_BYTES;
    }

    // A new instance per call: MessageDigest is stateful and not thread-safe; getInstance costs about a
    // microsecond, the same for every model, so it shifts all small-size figures alike.
    private static MessageDigest newDigest() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform must provide SHA-256", e);
        }
    }
}
