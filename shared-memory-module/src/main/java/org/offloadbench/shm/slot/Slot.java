package org.offloadbench.shm.slot;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import org.offloadbench.shm.region.RegionLayout;

/**
 * One request/response slot in a mapped region, with its state machine:
 *
 * <pre>
 *   FREE --parent writes request, setRelease--> REQUEST_WRITTEN --worker CAS--> CLAIMED
 *        --worker writes response, setRelease--> RESPONSE_WRITTEN --parent reads, setRelease--> FREE
 * </pre>
 *
 * <p>Only the state word is accessed atomically; every other field and both data areas are plain memory
 * published by the release store of the next state and read after the acquire load that observed it (the
 * same discipline as {@code Atomics.store}/{@code Atomics.load} around a {@code SharedArrayBuffer}).
 *
 * <p>Why VarHandles rather than Agrona: {@link MethodHandles#byteBufferViewVarHandle} gives exactly the
 * acquire/release and CAS operations needed on a {@link java.nio.MappedByteBuffer}, in the JDK, with no
 * {@code sun.misc.Unsafe} and no extra dependency; the state machine needs four words, not Agrona's ring
 * buffers.
 *
 * <p>The sequence number guards against a late writer: the parent bumps it for every request, the worker
 * echoes it with the response, and a response with another sequence is never taken for this request.
 */
public final class Slot {

    public static final int FREE = 0;
    public static final int REQUEST_WRITTEN = 1;
    public static final int CLAIMED = 2;
    public static final int RESPONSE_WRITTEN = 3;

    /** Response status codes. */
    public static final int STATUS_OK = 0;
    public static final int STATUS_WORKLOAD_FAILED = 1;
    public static final int STATUS_BAD_REQUEST = 2;

    public static final int MAX_WORKLOAD_ID_BYTES = 64;

    private static final VarHandle INT = MethodHandles.byteBufferViewVarHandle(int[].class, ByteOrder.LITTLE_ENDIAN);
    private static final VarHandle LONG = MethodHandles.byteBufferViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);

    // control block offsets (within the slot's mapping)
    private static final int STATE = 0;
    private static final int SEQUENCE = 4;
    private static final int REQUEST_BYTES = 8;
    private static final int WORKLOAD_ID_BYTES = 12;
    private static final int WORKLOAD_ID = 16;
    private static final int STATUS = 80;
    private static final int RESPONSE_BYTES = 84;
    private static final int RESPONSE_SEQUENCE = 88;
    private static final int RUN_NANOS = 96;
    private static final int WORKER_PID = 104;
    private static final int CHECKSUM = 112;

    private final int index;
    private final ByteBuffer map;
    private final int slotBytes;
    private final int requestOffset;
    private final int responseOffset;

    public Slot(int index, ByteBuffer map, int slotBytes) {
        if (map.capacity() < RegionLayout.CONTROL_BYTES + 2L * slotBytes) {
            throw new IllegalArgumentException("slot mapping of " + map.capacity() + " bytes cannot hold "
                    + slotBytes + "-byte areas");
        }
        this.index = index;
        this.map = map.order(ByteOrder.LITTLE_ENDIAN);
        this.slotBytes = slotBytes;
        this.requestOffset = RegionLayout.CONTROL_BYTES;
        this.responseOffset = RegionLayout.CONTROL_BYTES + slotBytes;
    }

    public int index() {
        return index;
    }

    /** The largest request, and the largest response, this slot holds. */
    public int slotBytes() {
        return slotBytes;
    }

    // ---- the state word

    public int state() {
        return (int) INT.getAcquire(map, STATE);
    }

    public boolean compareAndSetState(int expected, int next) {
        return INT.compareAndSet(map, STATE, expected, next);
    }

    public void setStateRelease(int next) {
        INT.setRelease(map, STATE, next);
    }

    // ---- the request side (written by the parent before REQUEST_WRITTEN)

    /** A writable view of the whole request area, position 0, limit {@link #slotBytes()}. */
    public ByteBuffer requestArea() {
        return map.duplicate().position(requestOffset).limit(requestOffset + slotBytes).slice()
                .order(ByteOrder.LITTLE_ENDIAN);
    }

    /** The request as the worker sees it: {@link #requestBytes()} bytes, read-only. */
    public ByteBuffer requestView() {
        int length = requestBytes();
        return map.duplicate().position(requestOffset).limit(requestOffset + length).slice().asReadOnlyBuffer();
    }

    /** Fills in everything but the payload; the caller then publishes with {@link #publishRequest()}. */
    public int prepareRequest(byte[] workloadIdUtf8, int requestBytes) {
        if (workloadIdUtf8.length > MAX_WORKLOAD_ID_BYTES) {
            throw new IllegalArgumentException("workload id of " + workloadIdUtf8.length + " bytes exceeds "
                    + MAX_WORKLOAD_ID_BYTES);
        }
        if (requestBytes < 0 || requestBytes > slotBytes) {
            throw new IllegalArgumentException("request of " + requestBytes + " bytes does not fit the slot's "
                    + slotBytes);
        }
        int sequence = map.getInt(SEQUENCE) + 1;
        map.putInt(SEQUENCE, sequence);
        map.putInt(REQUEST_BYTES, requestBytes);
        map.putInt(WORKLOAD_ID_BYTES, workloadIdUtf8.length);
        map.put(WORKLOAD_ID, workloadIdUtf8);
        // RESPONSE_SEQUENCE is not cleared here: only the worker writes the response fields' cache line, so a
        // round trip moves it across cores once; a stale response carries an older sequence and is refused
        return sequence;
    }

    /** FREE to REQUEST_WRITTEN; a release store, so the request is visible to whoever sees the state. */
    public void publishRequest() {
        setStateRelease(REQUEST_WRITTEN);
    }

    public int sequence() {
        return map.getInt(SEQUENCE);
    }

    /** Bounded read: a corrupt length is clamped to the slot, never read past it. */
    public int requestBytes() {
        int length = map.getInt(REQUEST_BYTES);
        return length < 0 || length > slotBytes ? -1 : length;
    }

    /**
     * Whether the request names the workload whose id is {@code utf8}: compares in place, so a worker that
     * runs the same workload again neither allocates nor reads past the id's own bytes.
     */
    public boolean workloadIdIs(byte[] utf8) {
        if (map.getInt(WORKLOAD_ID_BYTES) != utf8.length) {
            return false;
        }
        for (int i = 0; i < utf8.length; i++) {
            if (map.get(WORKLOAD_ID + i) != utf8[i]) {
                return false;
            }
        }
        return true;
    }

    public String workloadId() {
        int length = map.getInt(WORKLOAD_ID_BYTES);
        if (length < 0 || length > MAX_WORKLOAD_ID_BYTES) {
            return null;
        }
        byte[] id = new byte[length];
        map.get(WORKLOAD_ID, id);
        return new String(id, StandardCharsets.UTF_8);
    }

    // ---- the response side (written by the worker before RESPONSE_WRITTEN)

    /** A writable view of the whole response area. */
    public ByteBuffer responseArea() {
        return map.duplicate().position(responseOffset).limit(responseOffset + slotBytes).slice()
                .order(ByteOrder.LITTLE_ENDIAN);
    }

    /** The response payload (or error text), read-only, {@link #responseBytes()} long. */
    public ByteBuffer responseView() {
        int length = Math.max(0, responseBytes());
        return map.duplicate().position(responseOffset).limit(responseOffset + length).slice().asReadOnlyBuffer();
    }

    /** Records the response fields; the worker then publishes with RESPONSE_WRITTEN. */
    public void writeResponse(int sequence, int status, int responseBytes, long runNanos, long checksum) {
        if (responseBytes < 0 || responseBytes > slotBytes) {
            throw new IllegalArgumentException("response of " + responseBytes + " bytes does not fit " + slotBytes);
        }
        map.putInt(STATUS, status);
        map.putInt(RESPONSE_BYTES, responseBytes);
        map.putLong(RUN_NANOS, runNanos);
        map.putLong(CHECKSUM, checksum);
        map.putInt(RESPONSE_SEQUENCE, sequence);
    }

    public int status() {
        return map.getInt(STATUS);
    }

    public int responseBytes() {
        int length = map.getInt(RESPONSE_BYTES);
        return length < 0 || length > slotBytes ? -1 : length;
    }

    public int responseSequence() {
        return map.getInt(RESPONSE_SEQUENCE);
    }

    public long runNanos() {
        return map.getLong(RUN_NANOS);
    }

    public long checksum() {
        return map.getLong(CHECKSUM);
    }

    public void setWorkerPid(long pid) {
        LONG.setRelease(map, WORKER_PID, pid);
    }

    public long workerPid() {
        return (long) LONG.getAcquire(map, WORKER_PID);
    }

    /**
     * What is wrong with this slot, or null when it is consistent: a state outside the machine, lengths
     * beyond the slot, or (when {@code expectQuiet}) anything but FREE.
     */
    public String inconsistency(boolean expectQuiet) {
        int state = state();
        if (state < FREE || state > RESPONSE_WRITTEN) {
            return "slot " + index + " has state " + state + " outside the state machine";
        }
        if (expectQuiet && state != FREE) {
            return "slot " + index + " is " + stateName(state) + " with no task in flight";
        }
        if (map.getInt(REQUEST_BYTES) < 0 || map.getInt(REQUEST_BYTES) > slotBytes) {
            return "slot " + index + " has request length " + map.getInt(REQUEST_BYTES) + " beyond " + slotBytes;
        }
        if (state == RESPONSE_WRITTEN && responseBytes() < 0) {
            return "slot " + index + " has response length " + map.getInt(RESPONSE_BYTES) + " beyond " + slotBytes;
        }
        return null;
    }

    public static String stateName(int state) {
        return switch (state) {
            case FREE -> "FREE";
            case REQUEST_WRITTEN -> "REQUEST_WRITTEN";
            case CLAIMED -> "CLAIMED";
            case RESPONSE_WRITTEN -> "RESPONSE_WRITTEN";
            default -> "UNKNOWN(" + state + ")";
        };
    }

    @Override
    public String toString() {
        return "Slot[" + index + ", " + stateName(state()) + ", seq " + sequence() + "]";
    }
}
