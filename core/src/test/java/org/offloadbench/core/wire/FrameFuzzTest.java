package org.offloadbench.core.wire;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.offloadbench.core.offload.FailureKind;

/**
 * Feeds the decoders thousands of random and mutated byte strings with a fixed seed. Every input must
 * either decode to a valid frame (which then re-encodes to the bytes it came from) or throw a
 * FrameException: never another exception, an OutOfMemoryError, or a hang (the @Timeout guards that).
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class FrameFuzzTest {

    private static final long SEED = 0x0FF10ADL;
    private static final int CASES = 5_000;
    /** Small enough that a length field pointing anywhere in range is cheap; the default limit is tested too. */
    private static final FrameCodec CODEC = new FrameCodec(new FrameLimits(4096));
    private static final FrameCodec DEFAULT = FrameCodec.withDefaults();

    @Test
    void randomBytesDecodeOrFailCleanly() {
        SplittableRandom random = new SplittableRandom(SEED);
        for (int i = 0; i < CASES; i++) {
            byte[] bytes = new byte[random.nextInt(0, 200)];
            random.nextBytes(bytes);
            if (i % 2 == 0 && bytes.length >= 4) {
                // half get a valid start, so the fuzz reaches past the magic check
                bytes[0] = FrameCodec.MAGIC_0;
                bytes[1] = FrameCodec.MAGIC_1;
                bytes[2] = FrameCodec.VERSION;
                bytes[3] = (byte) random.nextInt(0, 8);
            }
            check(bytes, "random case " + i);
        }
    }

    @Test
    void mutatedValidFramesDecodeOrFailCleanly() throws IOException {
        SplittableRandom random = new SplittableRandom(SEED + 1);
        List<byte[]> valid = validFrames(random);
        int decoded = 0;
        int failed = 0;
        for (int i = 0; i < CASES; i++) {
            byte[] bytes = valid.get(random.nextInt(valid.size())).clone();
            String how;
            switch (random.nextInt(5)) {
                case 0 -> {
                    int flips = random.nextInt(1, 4);
                    for (int f = 0; f < flips; f++) {
                        int bit = random.nextInt(bytes.length * 8);
                        bytes[bit / 8] ^= (byte) (1 << (bit % 8));
                    }
                    how = flips + " bit flips";
                }
                case 1 -> {
                    bytes = Arrays.copyOf(bytes, random.nextInt(bytes.length));
                    how = "truncated to " + bytes.length;
                }
                case 2 -> {
                    int[] lengths = {-1, Integer.MIN_VALUE, Integer.MAX_VALUE, 0, 33, 34, 35, 4096 + 289, 4096 + 290,
                        random.nextInt(), random.nextInt(0, 5000)};
                    int length = lengths[random.nextInt(lengths.length)];
                    ByteBuffer.wrap(bytes).putInt(4, length);
                    how = "length field set to " + length;
                }
                case 3 -> {
                    int length = random.nextInt(0, 0x10000);
                    ByteBuffer.wrap(bytes).putShort(40, (short) length);
                    how = "id length set to " + length;
                }
                default -> {
                    int at = random.nextInt(bytes.length);
                    byte[] extra = new byte[random.nextInt(1, 20)];
                    random.nextBytes(extra);
                    byte[] grown = new byte[bytes.length + extra.length];
                    System.arraycopy(bytes, 0, grown, 0, at);
                    System.arraycopy(extra, 0, grown, at, extra.length);
                    System.arraycopy(bytes, at, grown, at + extra.length, bytes.length - at);
                    bytes = grown;
                    how = extra.length + " bytes inserted at " + at;
                }
            }
            int result = check(bytes, "mutation " + i + " (" + how + ")");
            decoded += result;
            failed += 1 - result;
        }
        // both outcomes must be exercised, or the mutations are too weak (or too strong) to test anything
        if (decoded == 0 || failed == 0) {
            fail("mutations exercised only one outcome: decoded " + decoded + ", failed " + failed);
        }
    }

    /** @return 1 when the bytes decoded to a frame, 0 when they failed with a FrameException */
    private static int check(byte[] bytes, String label) {
        int outcomes = 0;
        for (FrameCodec codec : new FrameCodec[] {CODEC, DEFAULT}) {
            Frame fromStream = null;
            Frame fromBuffer = null;
            try {
                fromStream = codec.read(new ByteArrayInputStream(bytes));
                if (fromStream == null && bytes.length != 0) {
                    fail(label + ": null (clean EOF) for a non-empty stream");
                }
            } catch (FrameException expected) {
                assertNotNull(expected.getMessage());
            } catch (Throwable t) {
                throw new AssertionError(label + ": stream decoder threw " + t, t);
            }
            try {
                fromBuffer = codec.decode(ByteBuffer.wrap(bytes));
            } catch (FrameException expected) {
                assertNotNull(expected.getMessage());
            } catch (Throwable t) {
                throw new AssertionError(label + ": buffer decoder threw " + t, t);
            }
            assertEquals(fromStream, fromBuffer, label + ": stream and buffer decoders disagree");
            if (fromStream != null) {
                // a frame that decoded is a real frame: it re-encodes to exactly the bytes it was read from
                try {
                    byte[] again = codec.encode(fromStream);
                    assertEquals(Arrays.toString(Arrays.copyOf(bytes, again.length)), Arrays.toString(again), label);
                } catch (FrameException e) {
                    throw new AssertionError(label + ": decoded frame does not re-encode: " + e, e);
                }
                outcomes = 1;
            }
        }
        return outcomes;
    }

    private static List<byte[]> validFrames(SplittableRandom random) throws IOException {
        List<byte[]> frames = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            byte[] payload = new byte[random.nextInt(0, 64)];
            random.nextBytes(payload);
            frames.add(CODEC.encode(new Frame.Request(random.nextLong(), "test-wire-echo", random.nextLong(0, Long.MAX_VALUE), payload)));
            frames.add(CODEC.encode(new Frame.Response(random.nextLong(), random.nextLong(0, 1L << 32), random.nextLong(0, 1_000_000),
                    random.nextLong(0, 1_000_000), payload)));
        }
        frames.add(CODEC.encode(new Frame.Ready(123L, 2, 4096)));
        frames.add(CODEC.encode(new Frame.Error(5L, FailureKind.WORKLOAD_FAILED, "division by zero \u00e9")));
        frames.add(CODEC.encode(new Frame.Cancel(5L)));
        frames.add(CODEC.encode(new Frame.Shutdown()));
        return frames;
    }
}
