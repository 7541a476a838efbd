package org.offloadbench.core.wire;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.zip.CRC32C;
import org.offloadbench.core.offload.FailureKind;

/**
 * Encodes and decodes {@link Frame}s: length-prefixed binary, big-endian, no Java serialization.
 *
 * <p>Every frame has the same 42-byte header, so a reader needs no per-kind parsing to find the end of a
 * frame, and a stream of garbage is caught by the first two bytes (the magic) instead of by a huge
 * allocation:
 *
 * <pre>
 * offset  size  field
 * ------  ----  -----------------------------------------------------------------------------
 *      0     2  magic 0x4F 0x42 ("OB")
 *      2     1  version, 1
 *      3     1  kind code ({@link FrameKind#code()})
 *      4     4  bodyLength: bytes after this field = 34 + n + p (int32; checked against
 *               {@link FrameLimits#maxBodyBytes()} BEFORE anything is allocated)
 *      8     8  requestId (int64)
 *     16     8  word1 (int64, meaning per kind, below)
 *     24     8  word2
 *     32     8  word3
 *     40     2  n = workloadId length in bytes (uint16, at most 255)
 *     42     n  workloadId, UTF-8
 *   42+n     p  payload (p at most {@link FrameLimits#maxPayloadBytes()})
 *
 * kind      requestId  word1           word2         word3            workloadId  payload
 * --------  ---------  --------------  ------------  ---------------  ----------  ------------------
 * READY     0          pid             concurrency   maxPayloadBytes  empty       empty
 * REQUEST   id         timeoutNanos    0             0                required    input
 * RESPONSE  id         CRC32C checksum queueNanos    runNanos         empty       output
 * ERROR     id or 0    failure code    0             0                empty       message, UTF-8
 * CANCEL    id         0               0             0                empty       empty
 * SHUTDOWN  0          0               0             0                empty       empty
 *
 * failure codes: 1 REJECTED, 2 TIMED_OUT, 3 CANCELLED, 4 WORKER_CRASHED, 5 WORKLOAD_FAILED,
 *                6 BAD_REQUEST, 7 CLOSED, 8 UNAVAILABLE
 * </pre>
 *
 * <p>Decoding is strict: a field a kind does not use must be zero or empty, UTF-8 must be valid, numbers
 * must be in range. Anything else is a {@link FrameException} naming the field and its offset, never a
 * silently accepted half-frame. There is no trailing checksum: pipes and TCP already deliver bytes intact,
 * and the RESPONSE carries the output's CRC32C, which is what the honesty check needs.
 *
 * <p>Instances are immutable and thread-safe.
 */
public final class FrameCodec {

    static final byte MAGIC_0 = 0x4F;
    static final byte MAGIC_1 = 0x42;
    public static final int VERSION = 1;
    /** Magic, version, kind and the length field. */
    public static final int PREFIX_BYTES = 8;
    public static final int HEADER_BYTES = 42;
    public static final int MAX_WORKLOAD_ID_BYTES = 255;
    /** The part of the body that is always there: requestId, three words and the id length. */
    private static final int FIXED_BODY_BYTES = HEADER_BYTES - PREFIX_BYTES;

    /** Wire codes of {@link FailureKind}, index + 1; fixed here so reordering the enum never changes the wire. */
    private static final List<FailureKind> FAILURE_CODES = List.of(FailureKind.REJECTED, FailureKind.TIMED_OUT,
            FailureKind.CANCELLED, FailureKind.WORKER_CRASHED, FailureKind.WORKLOAD_FAILED,
            FailureKind.BAD_REQUEST, FailureKind.CLOSED, FailureKind.UNAVAILABLE);

    /** Bodies and payloads up to this size are read into an array of their full size at once. */
    private static final int FIRST_CHUNK_BYTES = 1 << 20;

    /** Largest single read or write of a payload: a Linux pipe's default capacity. */
    private static final int IO_SLICE_BYTES = 64 * 1024;

    private final FrameLimits limits;

    public FrameCodec(FrameLimits limits) {
        this.limits = Objects.requireNonNull(limits, "limits");
    }

    public static FrameCodec withDefaults() {
        return new FrameCodec(FrameLimits.DEFAULT);
    }

    public FrameLimits limits() {
        return limits;
    }

    // ------------------------------------------------------------------------------------------ encoding

    /** Bytes {@code frame} takes on the wire. */
    public int encodedSize(Frame frame) throws FrameException {
        return HEADER_BYTES + workloadIdBytes(frame).length + checkedPayload(frame).length;
    }

    /** Writes one frame; does not flush (see {@link FrameWriter} for a shared, flushing writer). */
    public void write(Frame frame, OutputStream out) throws IOException {
        byte[] id = workloadIdBytes(frame);
        byte[] payload = checkedPayload(frame);
        ByteBuffer header = ByteBuffer.allocate(HEADER_BYTES + id.length);
        putHeader(frame, id, payload.length, header);
        out.write(header.array());
        // the payload goes straight from the caller's array: no copy of a 64 MiB input into a frame buffer. In
        // slices, because FileOutputStream copies each write into a native buffer of the write's size first: a
        // pipe-sized slice keeps that buffer small and in cache instead of a cold 16 MiB malloc and memcpy.
        for (int off = 0; off < payload.length; off += IO_SLICE_BYTES) {
            out.write(payload, off, Math.min(IO_SLICE_BYTES, payload.length - off));
        }
    }

    public byte[] encode(Frame frame) throws FrameException {
        byte[] id = workloadIdBytes(frame);
        byte[] payload = checkedPayload(frame);
        ByteBuffer buffer = ByteBuffer.allocate(HEADER_BYTES + id.length + payload.length);
        putHeader(frame, id, payload.length, buffer);
        buffer.put(payload);
        return buffer.array();
    }

    /**
     * Encodes into {@code target} at its position, advancing it (shared-memory slots).
     *
     * @throws FrameException when the frame is over the limits or does not fit in the remaining space
     */
    public void encode(Frame frame, ByteBuffer target) throws FrameException {
        byte[] id = workloadIdBytes(frame);
        byte[] payload = checkedPayload(frame);
        int size = HEADER_BYTES + id.length + payload.length;
        if (target.remaining() < size) {
            throw new FrameException("frame of " + size + " bytes does not fit in the " + target.remaining()
                    + " bytes left in the target buffer", -1);
        }
        ByteBuffer big = target.order() == ByteOrder.BIG_ENDIAN ? target : target.duplicate().order(ByteOrder.BIG_ENDIAN);
        putHeader(frame, id, payload.length, big);
        big.put(payload);
        if (big != target) {
            target.position(big.position());
        }
    }

    private void putHeader(Frame frame, byte[] id, int payloadLength, ByteBuffer out) {
        long w1 = 0;
        long w2 = 0;
        long w3 = 0;
        if (frame instanceof Frame.Ready r) {
            w1 = r.pid();
            w2 = r.concurrency();
            w3 = r.maxPayloadBytes();
        } else if (frame instanceof Frame.Request r) {
            w1 = r.timeoutNanos();
        } else if (frame instanceof Frame.Response r) {
            w1 = r.checksum();
            w2 = r.queueNanos();
            w3 = r.runNanos();
        } else if (frame instanceof Frame.Error e) {
            w1 = FAILURE_CODES.indexOf(e.failure()) + 1;
        }
        out.put(MAGIC_0).put(MAGIC_1).put((byte) VERSION).put((byte) frame.kind().code());
        out.putInt(FIXED_BODY_BYTES + id.length + payloadLength);
        out.putLong(frame.requestId()).putLong(w1).putLong(w2).putLong(w3);
        out.putShort((short) id.length).put(id);
    }

    private static byte[] workloadIdBytes(Frame frame) throws FrameException {
        if (!(frame instanceof Frame.Request r)) {
            return new byte[0];
        }
        byte[] id = r.workloadId().getBytes(StandardCharsets.UTF_8);
        if (id.length > MAX_WORKLOAD_ID_BYTES) {
            throw new FrameException("workload id is " + id.length + " bytes of UTF-8; the limit is "
                    + MAX_WORKLOAD_ID_BYTES, 42);
        }
        return id;
    }

    private byte[] checkedPayload(Frame frame) throws FrameException {
        byte[] payload;
        if (frame instanceof Frame.Request r) {
            payload = r.payload();
        } else if (frame instanceof Frame.Response r) {
            payload = r.payload();
        } else if (frame instanceof Frame.Error e) {
            payload = e.message().getBytes(StandardCharsets.UTF_8);
        } else {
            payload = new byte[0];
        }
        if (payload.length > limits.maxPayloadBytes()) {
            throw new FrameException(frame.kind() + " payload of " + payload.length
                    + " bytes is over the limit of " + limits.maxPayloadBytes() + " bytes", -1);
        }
        return payload;
    }

    // ------------------------------------------------------------------------------------------ decoding

    /**
     * Reads one frame, blocking until it is complete.
     *
     * @return the frame, or null when the stream ended cleanly before the first byte of a frame
     * @throws FrameException when the bytes are not a valid frame, or the stream ends inside one
     */
    public Frame read(InputStream in) throws IOException {
        return read(in, false, null);
    }

    /**
     * Like {@link #read}, but a REQUEST or RESPONSE whose payload is exactly {@code payloadArray.length} bytes is
     * read into {@code payloadArray} instead of a fresh array, which then becomes the frame's payload. For a
     * reader that handles one frame at a time and is done with the previous payload: a fresh 16 MiB array is
     * cold memory (zeroed, page-faulted, out of cache) and costs about as much as the copy into it.
     *
     * @param payloadArray an array the caller no longer uses, or null
     */
    public Frame readReusing(InputStream in, byte[] payloadArray) throws IOException {
        return read(in, false, payloadArray);
    }

    /**
     * Like {@link #read}, and a RESPONSE must carry the CRC32C of its own payload. The hash is taken slice by
     * slice as the bytes arrive, while each slice is still in cache, instead of a second pass over the whole
     * payload afterwards (about half a millisecond per 16 MiB on a small VM, on the reply's critical path).
     *
     * @throws FrameException also when a RESPONSE's payload does not hash to the checksum it claims: the sender
     *                        computed it wrong or the bytes changed on the way, and the stream cannot be trusted
     */
    public Frame readVerifyingResponses(InputStream in) throws IOException {
        return read(in, true, null);
    }

    private Frame read(InputStream in, boolean verifyResponses, byte[] reusable) throws IOException {
        int first = in.read();
        if (first < 0) {
            return null;
        }
        byte[] prefix = new byte[PREFIX_BYTES];
        prefix[0] = (byte) first;
        // magic, version and kind first: garbage is rejected before the reader waits for more bytes
        readFully(in, prefix, 1, 3, "frame prefix");
        FrameKind kind = checkStart(prefix[0], prefix[1], prefix[2], prefix[3]);
        readFully(in, prefix, 4, 4, "length field");
        int bodyLength = checkBodyLength(ByteBuffer.wrap(prefix).getInt(4));
        // the fixed fields and the id first, then the payload straight into an array of its own: its bytes are
        // never copied again out of a body buffer (reading a 16 MiB payload used to cost 31 MiB of extra copies)
        byte[] head = new byte[FIXED_BODY_BYTES];
        readFully(in, head, 0, FIXED_BODY_BYTES, "frame fields", PREFIX_BYTES);
        int idLength = checkIdLength(head[FIXED_BODY_BYTES - 2], head[FIXED_BODY_BYTES - 1], bodyLength);
        byte[] idBytes = new byte[idLength];
        readFully(in, idBytes, 0, idLength, "workload id", HEADER_BYTES);
        int payloadLength = checkPayloadLength(bodyLength, idLength);
        CRC32C crc = verifyResponses && kind == FrameKind.RESPONSE ? new CRC32C() : null;
        byte[] payload;
        if (reusable != null && reusable.length == payloadLength && payloadLength > 0
                && (kind == FrameKind.REQUEST || kind == FrameKind.RESPONSE)) {
            // no growth steps needed: the array already exists, so a corrupted length cannot make us allocate
            payload = reusable;
            int n = readSliced(in, payload, 0, payloadLength, crc);
            if (n < payloadLength) {
                throw new FrameException("stream ended inside a " + kind + " frame: payload is " + payloadLength
                        + " bytes, only " + n + " arrived", HEADER_BYTES + idLength + n);
            }
        } else {
            payload = readPayload(in, kind, payloadLength, HEADER_BYTES + idLength, crc);
        }
        ByteBuffer fields = ByteBuffer.wrap(head);
        Frame frame = build(kind, fields.getLong(), fields.getLong(), fields.getLong(), fields.getLong(), idBytes,
                payload);
        if (crc != null && ((Frame.Response) frame).checksum() != crc.getValue()) {
            throw new FrameException(String.format("RESPONSE %d payload of %d bytes hashes to CRC32C %08x, but the"
                    + " frame claims %08x: the sender computed it wrong or the bytes changed on the way",
                    frame.requestId(), payloadLength, crc.getValue(), ((Frame.Response) frame).checksum()), 16);
        }
        return frame;
    }

    /**
     * Decodes one complete frame from {@code buffer}'s position, advancing it past the frame.
     *
     * @throws FrameException when the bytes are not a valid frame or the frame is not complete
     */
    public Frame decode(ByteBuffer buffer) throws FrameException {
        Frame frame = tryDecode(buffer);
        if (frame == null) {
            throw new FrameException("truncated frame: only " + buffer.remaining() + " bytes available"
                    + (buffer.remaining() >= PREFIX_BYTES
                    ? ", frame needs " + (PREFIX_BYTES + (long) buffer.duplicate().order(ByteOrder.BIG_ENDIAN)
                    .getInt(buffer.position() + 4)) : ""), buffer.remaining());
        }
        return frame;
    }

    /**
     * Decodes one frame if {@code buffer} holds all of it (non-blocking transports). The prefix is checked as
     * soon as its bytes are there, so garbage or an oversized length fails at once rather than waiting.
     *
     * @return the frame (position advanced past it), or null when more bytes are needed (position unchanged)
     */
    public Frame tryDecode(ByteBuffer buffer) throws FrameException {
        ByteBuffer view = buffer.duplicate().order(ByteOrder.BIG_ENDIAN);
        int available = view.remaining();
        int start = view.position();
        if (available < 4) {
            // check what is there so a garbage stream fails on its first byte
            if (available >= 1 && view.get(start) != MAGIC_0) {
                throw badMagic(view.get(start), available >= 2 ? view.get(start + 1) : MAGIC_1);
            }
            if (available >= 2 && view.get(start + 1) != MAGIC_1) {
                throw badMagic(view.get(start), view.get(start + 1));
            }
            return null;
        }
        FrameKind kind = checkStart(view.get(start), view.get(start + 1), view.get(start + 2), view.get(start + 3));
        if (available < PREFIX_BYTES) {
            return null;
        }
        int bodyLength = checkBodyLength(view.getInt(start + 4));
        if (available - PREFIX_BYTES < bodyLength) {
            return null;
        }
        view.position(start + PREFIX_BYTES);
        view.limit(start + PREFIX_BYTES + bodyLength);
        Frame frame = parseBody(kind, view.slice().order(ByteOrder.BIG_ENDIAN), bodyLength);
        buffer.position(start + PREFIX_BYTES + bodyLength);
        return frame;
    }

    private static FrameKind checkStart(byte m0, byte m1, byte version, byte kindCode) throws FrameException {
        if (m0 != MAGIC_0 || m1 != MAGIC_1) {
            throw badMagic(m0, m1);
        }
        if (version != VERSION) {
            throw new FrameException("unsupported frame version " + (version & 0xFF) + "; this reader speaks "
                    + VERSION, 2);
        }
        FrameKind kind = FrameKind.ofCode(kindCode & 0xFF);
        if (kind == null) {
            throw new FrameException("unknown frame kind code " + (kindCode & 0xFF) + "; valid: "
                    + validKinds(), 3);
        }
        return kind;
    }

    private static FrameException badMagic(byte m0, byte m1) {
        return new FrameException(String.format("bad magic 0x%02X%02X, expected 0x%02X%02X (\"OB\"): not an"
                + " offload-bench frame, or the stream lost its framing", m0 & 0xFF, m1 & 0xFF, MAGIC_0, MAGIC_1), 0);
    }

    private static String validKinds() {
        StringBuilder sb = new StringBuilder();
        for (FrameKind k : FrameKind.values()) {
            sb.append(sb.length() == 0 ? "" : ", ").append(k.code()).append(' ').append(k);
        }
        return sb.toString();
    }

    private int checkBodyLength(int bodyLength) throws FrameException {
        if (bodyLength < FIXED_BODY_BYTES || bodyLength > limits.maxBodyBytes()) {
            throw new FrameException("frame body length " + bodyLength + " is outside " + FIXED_BODY_BYTES
                    + " .. " + limits.maxBodyBytes() + " (payload limit " + limits.maxPayloadBytes()
                    + " bytes)", 4);
        }
        return bodyLength;
    }

    /** {@code body} holds exactly the bytes after the prefix, position 0 = frame offset 8. */
    private Frame parseBody(FrameKind kind, ByteBuffer body, int bodyLength) throws FrameException {
        try {
            long requestId = body.getLong();
            long w1 = body.getLong();
            long w2 = body.getLong();
            long w3 = body.getLong();
            int idLength = checkIdLength(body.get(), body.get(), bodyLength);
            byte[] idBytes = new byte[idLength];
            body.get(idBytes);
            int payloadLength = checkPayloadLength(bodyLength, idLength);
            byte[] payload = new byte[payloadLength];
            body.get(payload);
            return build(kind, requestId, w1, w2, w3, idBytes, payload);
        } catch (BufferUnderflowException e) {
            // cannot happen after the length checks above; reported rather than hidden if it ever does
            throw new FrameException(kind + " frame body shorter than its fields: " + e, PREFIX_BYTES + body.position());
        }
    }

    private static int checkIdLength(byte high, byte low, int bodyLength) throws FrameException {
        int idLength = ((high & 0xFF) << 8) | (low & 0xFF);
        if (idLength > MAX_WORKLOAD_ID_BYTES || idLength > bodyLength - FIXED_BODY_BYTES) {
            throw new FrameException("workload id length " + idLength + " is over the limit of "
                    + Math.min(MAX_WORKLOAD_ID_BYTES, bodyLength - FIXED_BODY_BYTES)
                    + " bytes for this frame", 40);
        }
        return idLength;
    }

    private int checkPayloadLength(int bodyLength, int idLength) throws FrameException {
        int payloadLength = bodyLength - FIXED_BODY_BYTES - idLength;
        if (payloadLength > limits.maxPayloadBytes()) {
            throw new FrameException("payload of " + payloadLength + " bytes is over the limit of "
                    + limits.maxPayloadBytes() + " bytes", HEADER_BYTES + idLength);
        }
        return payloadLength;
    }

    private static Frame build(FrameKind kind, long requestId, long w1, long w2, long w3, byte[] idBytes,
                               byte[] payload) throws FrameException {
        int payloadOffset = HEADER_BYTES + idBytes.length;
        if (kind != FrameKind.REQUEST) {
            requireZero(idBytes.length, kind, "workloadId length", 40);
        }
        switch (kind) {
            case READY:
                requireZero(requestId, kind, "requestId", 8);
                requireZero(payload.length, kind, "payload length", payloadOffset);
                if (w1 <= 0) {
                    throw new FrameException("READY pid must be > 0, was " + w1, 16);
                }
                if (w2 < 1 || w2 > Integer.MAX_VALUE) {
                    throw new FrameException("READY concurrency must be 1 .. " + Integer.MAX_VALUE + ", was " + w2, 24);
                }
                if (w3 < 0 || w3 > Integer.MAX_VALUE) {
                    throw new FrameException("READY maxPayloadBytes must be 0 .. " + Integer.MAX_VALUE
                            + ", was " + w3, 32);
                }
                return new Frame.Ready(w1, (int) w2, (int) w3);
            case REQUEST:
                if (idBytes.length == 0) {
                    throw new FrameException("REQUEST without a workload id", 40);
                }
                if (w1 < 0) {
                    throw new FrameException("REQUEST timeoutNanos must be >= 0, was " + w1, 16);
                }
                requireZero(w2, kind, "word2", 24);
                requireZero(w3, kind, "word3", 32);
                return new Frame.Request(requestId, utf8(idBytes, "workloadId", HEADER_BYTES), w1, payload);
            case RESPONSE:
                if (w1 < 0 || w1 > 0xFFFF_FFFFL) {
                    throw new FrameException("RESPONSE checksum must be an unsigned 32-bit value, was " + w1, 16);
                }
                if (w2 < 0) {
                    throw new FrameException("RESPONSE queueNanos must be >= 0, was " + w2, 24);
                }
                if (w3 < 0) {
                    throw new FrameException("RESPONSE runNanos must be >= 0, was " + w3, 32);
                }
                return new Frame.Response(requestId, w1, w2, w3, payload);
            case ERROR:
                if (w1 < 1 || w1 > FAILURE_CODES.size()) {
                    throw new FrameException("ERROR failure code " + w1 + " is not one of 1 .. "
                            + FAILURE_CODES.size() + " " + FAILURE_CODES, 16);
                }
                requireZero(w2, kind, "word2", 24);
                requireZero(w3, kind, "word3", 32);
                return new Frame.Error(requestId, FAILURE_CODES.get((int) w1 - 1),
                        utf8(payload, "error message", payloadOffset));
            case CANCEL:
                requireZero(w1, kind, "word1", 16);
                requireZero(w2, kind, "word2", 24);
                requireZero(w3, kind, "word3", 32);
                requireZero(payload.length, kind, "payload length", payloadOffset);
                return new Frame.Cancel(requestId);
            case SHUTDOWN:
                requireZero(requestId, kind, "requestId", 8);
                requireZero(w1, kind, "word1", 16);
                requireZero(w2, kind, "word2", 24);
                requireZero(w3, kind, "word3", 32);
                requireZero(payload.length, kind, "payload length", payloadOffset);
                return new Frame.Shutdown();
            default:
                throw new FrameException("no decoder for frame kind " + kind, 3);
        }
    }

    private static void requireZero(long value, FrameKind kind, String field, int offset) throws FrameException {
        if (value != 0) {
            throw new FrameException(kind + " frame must have " + field + " 0, was " + value, offset);
        }
    }

    private static String utf8(byte[] bytes, String field, int offset) throws FrameException {
        try {
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            throw new FrameException(field + " is not valid UTF-8: " + e.getMessage(), offset);
        }
    }

    /**
     * Reads a payload of {@code payloadLength} bytes into an array of exactly that size. Up to
     * {@link #FIRST_CHUNK_BYTES} the array is allocated at once; beyond, it grows at most fourfold per step
     * as bytes keep arriving, so a corrupted length field costs at most four times the bytes actually sent
     * (and never more than the limit), while a real 16 MiB payload costs two small growth copies (1 + 4 MiB)
     * instead of a doubling series plus a copy out of a body buffer.
     *
     * <p>Not {@code InputStream.readNBytes(int)}: FileInputStream's override seeks, which fails with "Illegal
     * seek" on a pipe in JDK 17.
     *
     * @param frameOffset the payload's offset in the frame, for error messages
     */
    private static byte[] readPayload(InputStream in, FrameKind kind, int payloadLength, int frameOffset,
                                      CRC32C crc) throws IOException {
        byte[] payload = new byte[Math.min(payloadLength, FIRST_CHUNK_BYTES)];
        int filled = 0;
        while (true) {
            int n = readSliced(in, payload, filled, payload.length - filled, crc);
            filled += n;
            if (filled < payload.length) {
                throw new FrameException("stream ended inside a " + kind + " frame: payload is " + payloadLength
                        + " bytes, only " + filled + " arrived", frameOffset + filled);
            }
            if (filled == payloadLength) {
                return payload;
            }
            payload = Arrays.copyOf(payload, (int) Math.min(payloadLength, 4L * filled));
        }
    }

    /**
     * {@code readNBytes} in pipe-sized slices: FileInputStream reads into a native buffer of the request's size
     * and copies it over, so one 16 MiB request costs a 16 MiB malloc per underlying read (each returns at most
     * a pipe's worth). Returns the bytes read; fewer than {@code length} only at end of stream.
     *
     * @param crc when not null, updated with each slice right after it is read (still in cache)
     */
    private static int readSliced(InputStream in, byte[] into, int offset, int length, CRC32C crc)
            throws IOException {
        int done = 0;
        while (done < length) {
            int want = Math.min(IO_SLICE_BYTES, length - done);
            int n = in.readNBytes(into, offset + done, want);
            if (crc != null) {
                crc.update(into, offset + done, n);
            }
            done += n;
            if (n < want) {
                break;
            }
        }
        return done;
    }

    private static void readFully(InputStream in, byte[] into, int offset, int length, String what)
            throws IOException {
        readFully(in, into, offset, length, what, 0);
    }

    /** @param frameOffset where {@code into[0]} sits in the frame, for the error's offset */
    private static void readFully(InputStream in, byte[] into, int offset, int length, String what,
                                  int frameOffset) throws IOException {
        int n = in.readNBytes(into, offset, length);
        if (n < length) {
            throw new FrameException("stream ended inside the " + what + ": needed " + length + " bytes, got "
                    + n, frameOffset + offset + n);
        }
    }
}
