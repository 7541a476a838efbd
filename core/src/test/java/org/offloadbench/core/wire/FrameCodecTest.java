package org.offloadbench.core.wire;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.offloadbench.core.offload.FailureKind;

class FrameCodecTest {

    private static final FrameCodec SMALL = new FrameCodec(new FrameLimits(1024));

    static Stream<Frame> everyKind() {
        List<Frame> frames = new ArrayList<>();
        frames.add(new Frame.Ready(4242L, 3, FrameLimits.DEFAULT_MAX_PAYLOAD_BYTES));
        frames.add(new Frame.Request(7L, "sha256", 5_000_000_000L, new byte[] {1, 2, 3}));
        frames.add(new Frame.Request(Long.MAX_VALUE, "w\u00e9rkload-\u00fc", 0L, new byte[0]));
        frames.add(new Frame.Response(7L, 0xFFFF_FFFFL, 12L, 34L, new byte[] {9, 8}));
        frames.add(new Frame.Response(-1L, 0L, 0L, 0L, new byte[0]));
        for (FailureKind failure : FailureKind.values()) {
            frames.add(new Frame.Error(11L, failure, "went wrong: " + failure + " \u2713"));
        }
        frames.add(new Frame.Error(0L, FailureKind.BAD_REQUEST, ""));
        frames.add(new Frame.Cancel(99L));
        frames.add(new Frame.Shutdown());
        return frames.stream();
    }

    @ParameterizedTest
    @MethodSource("everyKind")
    void roundTripsThroughAStream(Frame frame) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        SMALL.write(frame, out);
        assertEquals(SMALL.encodedSize(frame), out.size());
        ByteArrayInputStream in = new ByteArrayInputStream(out.toByteArray());
        assertEquals(frame, SMALL.read(in));
        assertNull(SMALL.read(in), "clean end of stream after the last frame reads as null");
    }

    @ParameterizedTest
    @MethodSource("everyKind")
    void roundTripsThroughBuffers(Frame frame) throws IOException {
        byte[] bytes = SMALL.encode(frame);
        ByteBuffer buffer = ByteBuffer.allocate(bytes.length + 10);
        buffer.position(3);
        SMALL.encode(frame, buffer);
        buffer.flip().position(3);
        assertEquals(frame, SMALL.decode(buffer));
        assertEquals(buffer.limit(), buffer.position(), "decode advances past the frame");
        // a little-endian buffer does not change the wire's byte order
        ByteBuffer little = ByteBuffer.allocateDirect(bytes.length).order(ByteOrder.LITTLE_ENDIAN);
        SMALL.encode(frame, little);
        little.flip();
        byte[] fromLittle = new byte[bytes.length];
        little.duplicate().get(fromLittle);
        assertArrayEquals(bytes, fromLittle);
        assertEquals(frame, SMALL.decode(little));
    }

    @Test
    void aStreamOfSeveralFramesReadsInOrder() throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        List<Frame> frames = everyKind().toList();
        for (Frame f : frames) {
            SMALL.write(f, out);
        }
        ByteArrayInputStream in = new ByteArrayInputStream(out.toByteArray());
        ByteBuffer buffer = ByteBuffer.wrap(out.toByteArray());
        for (Frame f : frames) {
            assertEquals(f, SMALL.read(in));
            assertEquals(f, SMALL.decode(buffer));
        }
        assertNull(SMALL.read(in));
        assertEquals(0, buffer.remaining());
    }

    @Test
    void payloadAtTheBoundaries() throws IOException {
        for (int size : new int[] {0, 1, 1023, 1024}) {
            Frame f = new Frame.Response(1L, 5L, 0L, 0L, filled(size));
            assertEquals(f, SMALL.read(new ByteArrayInputStream(SMALL.encode(f))), "size " + size);
            Frame r = new Frame.Request(1L, "x".repeat(255), 0L, filled(size));
            assertEquals(r, SMALL.decode(ByteBuffer.wrap(SMALL.encode(r))), "request size " + size);
        }
        FrameException tooBig = assertThrows(FrameException.class,
                () -> SMALL.encode(new Frame.Request(1L, "echo", 0L, new byte[1025])));
        assertTrue(tooBig.getMessage().contains("1025") && tooBig.getMessage().contains("1024"), tooBig.getMessage());
        assertThrows(FrameException.class, () -> SMALL.encode(new Frame.Request(1L, "x".repeat(256), 0L, new byte[0])));
        assertThrows(FrameException.class,
                () -> SMALL.encode(new Frame.Error(1L, FailureKind.BAD_REQUEST, "m".repeat(1025))));
    }

    @Test
    void aFrameOneByteOverTheReadersLimitIsRefusedFromItsLengthField() throws IOException {
        // written by a peer with a larger limit
        FrameCodec big = new FrameCodec(new FrameLimits(2048));
        byte[] atLimit = big.encode(new Frame.Response(1L, 0L, 0L, 0L, new byte[1024]));
        assertEquals(1024, ((Frame.Response) SMALL.decode(ByteBuffer.wrap(atLimit))).payload().length);
        byte[] over = big.encode(new Frame.Response(1L, 0L, 0L, 0L, new byte[1024 + 255 + 1]));
        FrameException e = assertThrows(FrameException.class, () -> SMALL.read(new ByteArrayInputStream(over)));
        assertEquals(4, e.offset());
        assertTrue(e.getMessage().contains("1024"), e.getMessage());
        // the prefix alone is enough to refuse it: nothing after the length field is needed
        assertThrows(FrameException.class, () -> SMALL.tryDecode(ByteBuffer.wrap(Arrays.copyOf(over, 8))));
        // a response at the payload limit still fits below the body limit, but its payload is over
        byte[] payloadOver = big.encode(new Frame.Response(1L, 0L, 0L, 0L, new byte[1025]));
        FrameException p = assertThrows(FrameException.class, () -> SMALL.decode(ByteBuffer.wrap(payloadOver)));
        assertTrue(p.getMessage().contains("payload of 1025 bytes"), p.getMessage());
    }

    @Test
    void sixtyFourMebibytesRoundTripWithTheDefaultLimit() throws IOException {
        FrameCodec codec = FrameCodec.withDefaults();
        byte[] payload = filled(FrameLimits.DEFAULT_MAX_PAYLOAD_BYTES);
        ByteArrayOutputStream out = new ByteArrayOutputStream(payload.length + 100);
        codec.write(new Frame.Request(1L, "echo", 0L, payload), out);
        Frame.Request back = (Frame.Request) codec.read(new ByteArrayInputStream(out.toByteArray()));
        assertArrayEquals(payload, back.payload());
        assertThrows(FrameException.class,
                () -> codec.encodedSize(new Frame.Request(1L, "echo", 0L, new byte[payload.length + 1])));
    }

    @Test
    void aPayloadOverTheFirstChunkArrivesWholeOrFailsWhereItStopped() throws IOException {
        // over 1 MiB the reader grows its array as bytes arrive; odd sizes catch an off-by-one at each step
        FrameCodec codec = FrameCodec.withDefaults();
        for (int size : new int[] {(1 << 20) - 1, 1 << 20, (1 << 20) + 1, 3 * (1 << 20) + 7, 4 * (1 << 20) + 1}) {
            byte[] payload = filled(size);
            byte[] full = codec.encode(new Frame.Response(9L, 1L, 2L, 3L, payload));
            Frame.Response back = (Frame.Response) codec.read(new ByteArrayInputStream(full));
            assertArrayEquals(payload, back.payload(), "payload of " + size);
            assertEquals(new Frame.Response(9L, 1L, 2L, 3L, payload), back);
            for (int cut : new int[] {FrameCodec.HEADER_BYTES + 1, FrameCodec.HEADER_BYTES + (1 << 20),
                    FrameCodec.HEADER_BYTES + (1 << 20) + 1, full.length - 1}) {
                if (cut >= full.length) {
                    continue;
                }
                byte[] part = Arrays.copyOf(full, cut);
                FrameException e = assertThrows(FrameException.class,
                        () -> codec.read(new ByteArrayInputStream(part)), "size " + size + " cut at " + cut);
                assertEquals(cut, e.offset(), e.getMessage());
                assertTrue(e.getMessage().contains("only " + (cut - FrameCodec.HEADER_BYTES) + " arrived")
                        && e.getMessage().contains("payload is " + size), e.getMessage());
            }
        }
    }

    @Test
    void aStreamReaderChecksTheIdLengthBeforeReadingOn() throws IOException {
        byte[] frame = SMALL.encode(new Frame.Request(3L, "echo", 0L, new byte[] {1, 2}));
        ByteBuffer.wrap(frame).putShort(40, (short) 300);
        FrameException e = assertThrows(FrameException.class, () -> SMALL.read(new ByteArrayInputStream(frame)));
        assertEquals(40, e.offset());
        assertTrue(e.getMessage().contains("workload id length 300"), e.getMessage());
    }

    @Test
    void aHugeLengthFieldIsRefusedWithoutAllocating() {
        ByteBuffer b = ByteBuffer.allocate(8).put(FrameCodec.MAGIC_0).put(FrameCodec.MAGIC_1).put((byte) 1)
                .put((byte) 2).putInt(Integer.MAX_VALUE);
        FrameException e = assertThrows(FrameException.class,
                () -> FrameCodec.withDefaults().read(new ByteArrayInputStream(b.array())));
        assertTrue(e.getMessage().contains("2147483647"), e.getMessage());
        b.putInt(4, -5);
        assertThrows(FrameException.class, () -> FrameCodec.withDefaults().decode(ByteBuffer.wrap(b.array())));
    }

    @Test
    void garbageIsCaughtByTheMagicAndNamedClearly() {
        byte[] text = "HTTP/1.1 200 OK\r\n".getBytes(StandardCharsets.US_ASCII);
        FrameException e = assertThrows(FrameException.class, () -> SMALL.read(new ByteArrayInputStream(text)));
        assertTrue(e.getMessage().contains("bad magic"), e.getMessage());
        assertEquals(0, e.offset());
        // one garbage byte is enough for the buffer decoder
        assertThrows(FrameException.class, () -> SMALL.tryDecode(ByteBuffer.wrap(new byte[] {'{'})));
    }

    @Test
    void unknownVersionAndKindSayWhatIsValid() throws IOException {
        byte[] ok = SMALL.encode(new Frame.Cancel(3L));
        byte[] v = ok.clone();
        v[2] = 9;
        assertTrue(assertThrows(FrameException.class, () -> SMALL.decode(ByteBuffer.wrap(v))).getMessage()
                .contains("version 9"));
        byte[] k = ok.clone();
        k[3] = 77;
        String m = assertThrows(FrameException.class, () -> SMALL.decode(ByteBuffer.wrap(k))).getMessage();
        assertTrue(m.contains("77") && m.contains("REQUEST") && m.contains("SHUTDOWN"), m);
    }

    @Test
    void truncatedFramesFailAtTheRightPlace() throws IOException {
        byte[] full = SMALL.encode(new Frame.Request(5L, "echo", 1L, filled(100)));
        for (int cut = 1; cut < full.length; cut++) {
            byte[] part = Arrays.copyOf(full, cut);
            FrameException e = assertThrows(FrameException.class, () -> SMALL.read(new ByteArrayInputStream(part)),
                    "cut at " + cut);
            assertTrue(e.getMessage().contains("stream ended"), e.getMessage());
            assertEquals(cut, e.offset(), "the offset is where the bytes ran out");
            assertNull(SMALL.tryDecode(ByteBuffer.wrap(part)), "incomplete, not an error, for tryDecode");
            assertThrows(FrameException.class, () -> SMALL.decode(ByteBuffer.wrap(part)));
        }
    }

    @Test
    void strictFieldsAreChecked() throws IOException {
        byte[] cancel = SMALL.encode(new Frame.Cancel(3L));
        ByteBuffer.wrap(cancel).putLong(24, 1L); // word2 must be 0 for CANCEL
        FrameException e = assertThrows(FrameException.class, () -> SMALL.decode(ByteBuffer.wrap(cancel)));
        assertEquals(24, e.offset());

        byte[] error = SMALL.encode(new Frame.Error(3L, FailureKind.CLOSED, "x"));
        ByteBuffer.wrap(error).putLong(16, 42L);
        assertTrue(assertThrows(FrameException.class, () -> SMALL.decode(ByteBuffer.wrap(error))).getMessage()
                .contains("failure code 42"));

        byte[] badUtf8 = SMALL.encode(new Frame.Error(3L, FailureKind.CLOSED, "ab"));
        badUtf8[FrameCodec.HEADER_BYTES] = (byte) 0xC3; // a lead byte followed by ASCII
        assertTrue(assertThrows(FrameException.class, () -> SMALL.decode(ByteBuffer.wrap(badUtf8))).getMessage()
                .contains("UTF-8"));

        byte[] idLength = SMALL.encode(new Frame.Request(3L, "echo", 0L, new byte[0]));
        ByteBuffer.wrap(idLength).putShort(40, (short) 5);
        assertEquals(40, assertThrows(FrameException.class, () -> SMALL.decode(ByteBuffer.wrap(idLength))).offset());
    }

    private static byte[] filled(int size) {
        byte[] b = new byte[size];
        for (int i = 0; i < size; i++) {
            b[i] = (byte) (i * 31 + 7);
        }
        return b;
    }

    // ------------------------------------------------------------------------------------------ one-pass checks, reuse

    @Test
    void readVerifyingResponsesAcceptsAnHonestResponseAndEveryOtherKindUnchanged() throws IOException {
        byte[] payload = new byte[300 * 1024]; // several 64 KiB read slices
        new java.util.Random(3).nextBytes(payload);
        Frame honest = new Frame.Response(5L, org.offloadbench.core.workload.Checksums.of(payload), 1L, 2L, payload);
        assertEquals(honest, FrameCodec.withDefaults().readVerifyingResponses(
                new ByteArrayInputStream(FrameCodec.withDefaults().encode(honest))));
        for (Frame other : everyKind().filter(f -> !(f instanceof Frame.Response)).toList()) {
            assertEquals(other, SMALL.readVerifyingResponses(new ByteArrayInputStream(SMALL.encode(other))));
        }
    }

    @Test
    void readVerifyingResponsesRefusesAResponseWhosePayloadDoesNotHashToItsClaim() throws IOException {
        byte[] payload = new byte[200 * 1024];
        new java.util.Random(4).nextBytes(payload);
        long right = org.offloadbench.core.workload.Checksums.of(payload);
        byte[] wire = FrameCodec.withDefaults().encode(new Frame.Response(6L, right ^ 1L, 0L, 0L, payload));
        FrameException e = assertThrows(FrameException.class,
                () -> FrameCodec.withDefaults().readVerifyingResponses(new ByteArrayInputStream(wire)));
        assertTrue(e.getMessage().contains("CRC32C " + String.format("%08x", right)), e.getMessage());
        assertTrue(e.getMessage().contains("claims " + String.format("%08x", right ^ 1L)), e.getMessage());
        assertEquals(16, e.offset());
        // a flipped payload byte is caught the same way
        byte[] flipped = FrameCodec.withDefaults().encode(new Frame.Response(6L, right, 0L, 0L, payload));
        flipped[flipped.length - 1000] ^= 0x40;
        assertThrows(FrameException.class,
                () -> FrameCodec.withDefaults().readVerifyingResponses(new ByteArrayInputStream(flipped)));
        // plain read does not check (the worker side and other callers do their own)
        assertEquals(6L, FrameCodec.withDefaults().read(new ByteArrayInputStream(flipped)).requestId());
    }

    @Test
    void readReusingReadsAPayloadOfTheSameSizeIntoTheGivenArrayAndOthersIntoFreshOnes() throws IOException {
        FrameCodec codec = FrameCodec.withDefaults();
        byte[] first = new byte[128 * 1024];
        byte[] second = new byte[128 * 1024];
        new java.util.Random(5).nextBytes(first);
        new java.util.Random(6).nextBytes(second);
        byte[] reusable = new byte[second.length];
        Frame.Request read = (Frame.Request) codec.readReusing(new ByteArrayInputStream(
                codec.encode(new Frame.Request(1L, "echo", 0L, second))), reusable);
        assertTrue(read.payload() == reusable, "same size: read into the given array");
        assertArrayEquals(second, read.payload());
        Frame.Request other = (Frame.Request) codec.readReusing(new ByteArrayInputStream(
                codec.encode(new Frame.Request(2L, "echo", 0L, Arrays.copyOf(first, 1000)))), reusable);
        assertTrue(other.payload() != reusable, "another size: a fresh array");
        assertArrayEquals(Arrays.copyOf(first, 1000), other.payload());
        assertArrayEquals(second, reusable, "an array of another size is left alone");
        // an ERROR's message is never read into it
        Frame error = codec.readReusing(new ByteArrayInputStream(codec.encode(
                new Frame.Error(3L, FailureKind.WORKLOAD_FAILED, "x".repeat(reusable.length)))), reusable);
        assertEquals("x".repeat(reusable.length), ((Frame.Error) error).message());
        assertArrayEquals(second, reusable);
        // a stream that ends inside the payload is an error naming how much arrived, as with read
        byte[] wire = codec.encode(new Frame.Request(4L, "echo", 0L, first));
        FrameException e = assertThrows(FrameException.class, () -> codec.readReusing(
                new ByteArrayInputStream(Arrays.copyOf(wire, wire.length - 10)), reusable));
        assertTrue(e.getMessage().contains("only " + (first.length - 10) + " arrived"), e.getMessage());
    }
}
