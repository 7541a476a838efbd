package org.offloadbench.core.wire;

/**
 * The hard size limit every reader and writer enforces. It is checked against the length prefix before
 * anything is allocated, so a corrupted or hostile length can never cause an OutOfMemoryError.
 *
 * @param maxPayloadBytes largest payload (input, output or error message) a frame may carry
 */
public record FrameLimits(int maxPayloadBytes) {

    /** 64 MiB: the largest size the copy suite sends. */
    public static final int DEFAULT_MAX_PAYLOAD_BYTES = 64 * 1024 * 1024;

    /** Room for the header and the longest workload id; keeps the whole frame below Integer.MAX_VALUE. */
    public static final int MAX_SUPPORTED_PAYLOAD_BYTES =
            Integer.MAX_VALUE - FrameCodec.HEADER_BYTES - FrameCodec.MAX_WORKLOAD_ID_BYTES - 64;

    public static final FrameLimits DEFAULT = new FrameLimits(DEFAULT_MAX_PAYLOAD_BYTES);

    public FrameLimits {
        if (maxPayloadBytes < 0 || maxPayloadBytes > MAX_SUPPORTED_PAYLOAD_BYTES) {
            throw new IllegalArgumentException("maxPayloadBytes must be between 0 and "
                    + MAX_SUPPORTED_PAYLOAD_BYTES + ", was " + maxPayloadBytes);
        }
    }

    /** Largest value the length prefix may hold: everything after the 8-byte prefix. */
    public int maxBodyBytes() {
        return FrameCodec.HEADER_BYTES - FrameCodec.PREFIX_BYTES + FrameCodec.MAX_WORKLOAD_ID_BYTES
                + maxPayloadBytes;
    }

    /** Largest whole frame, prefix included. */
    public int maxFrameBytes() {
        return FrameCodec.PREFIX_BYTES + maxBodyBytes();
    }
}
