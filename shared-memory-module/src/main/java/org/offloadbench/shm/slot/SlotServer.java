package org.offloadbench.shm.slot;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.function.BooleanSupplier;
import org.offloadbench.core.workload.Checksums;
import org.offloadbench.core.workload.Workload;
import org.offloadbench.core.workload.WorkloadCatalogue;

/**
 * The worker side of one slot, the same code in a worker thread ({@code shm/in-process}) and in a child
 * JVM: wait for REQUEST_WRITTEN, claim it with a CAS, run the workload on the request area in place
 * ({@link Workload#executeInto}) writing straight into the response area, publish RESPONSE_WRITTEN, ring.
 *
 * <p>A workload's failure (including an {@link Error} such as OutOfMemoryError) becomes an error response
 * carrying its message, so the caller gets the workload's own words; only the death of the process itself
 * leaves a slot CLAIMED, and the parent reclaims it.
 */
public final class SlotServer {

    private final Slot slot;
    private final WorkloadCatalogue catalogue;
    private final WaitStrategy wait;
    private final Doorbell fromParent;
    private final Doorbell toParent;
    private final BooleanSupplier stop;
    private volatile int runningSequence;
    /** The last workload served and its id: a worker usually runs one workload over and over. */
    private Workload lastWorkload;
    private byte[] lastIdUtf8 = new byte[0];

    public SlotServer(Slot slot, WorkloadCatalogue catalogue, WaitStrategy wait, Doorbell fromParent,
                      Doorbell toParent, BooleanSupplier stop) {
        this.slot = slot;
        this.catalogue = catalogue;
        this.wait = wait;
        this.fromParent = fromParent;
        this.toParent = toParent;
        this.stop = stop;
    }

    /** Serves requests until {@code stop} holds (checked between requests) or the doorbell's peer is gone. */
    public void run() throws IOException {
        while (!stop.getAsBoolean()) {
            if (!wait.await(slot, Slot.REQUEST_WRITTEN, fromParent, stop)) {
                return;
            }
            if (slot.compareAndSetState(Slot.REQUEST_WRITTEN, Slot.CLAIMED)) {
                // an interrupt aimed at the previous task (a cancel that came too late) must not hit this one
                Thread.interrupted();
                serveClaimed();
                toParent.ring();
            }
        }
    }

    /** The sequence of the request being served, 0 when idle (for the parent's bookkeeping in-process). */
    public int runningSequence() {
        return runningSequence;
    }

    private void serveClaimed() {
        int sequence = slot.sequence();
        runningSequence = sequence;
        long start = System.nanoTime();
        int status;
        int length;
        long checksum = 0L;
        ByteBuffer out = slot.responseArea();
        try {
            int requestBytes = slot.requestBytes();
            Workload cached = lastWorkload != null && requestBytes >= 0 && slot.workloadIdIs(lastIdUtf8)
                    ? lastWorkload : null;
            String id = cached != null ? cached.id() : slot.workloadId();
            if (id == null || requestBytes < 0) {
                status = Slot.STATUS_BAD_REQUEST;
                length = writeText(out, "slot " + slot.index() + " holds a malformed request (workload id or "
                        + "length out of bounds)");
            } else if (!catalogue.contains(id)) {
                status = Slot.STATUS_BAD_REQUEST;
                length = writeText(out, "unknown workload '" + id + "'; valid: " + String.join(", ", catalogue.ids()));
            } else {
                Workload workload = cached;
                if (workload == null) {
                    workload = catalogue.get(id);
                    lastWorkload = workload;
                    lastIdUtf8 = id.getBytes(StandardCharsets.UTF_8);
                }
                length = workload.executeInto(slot.requestView(), out);
                checksum = Checksums.of(slot.responseArea().limit(length));
                status = Slot.STATUS_OK;
            }
        } catch (Exception | OutOfMemoryError | StackOverflowError e) {
            status = Slot.STATUS_WORKLOAD_FAILED;
            String message = e.getMessage() == null ? e.toString() : e.getMessage();
            length = writeText(slot.responseArea(), message);
        }
        slot.writeResponse(sequence, status, length, System.nanoTime() - start, checksum);
        runningSequence = 0;
        slot.setStateRelease(Slot.RESPONSE_WRITTEN);
    }

    private static int writeText(ByteBuffer out, String text) {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        int length = Math.min(bytes.length, out.capacity());
        out.clear();
        out.put(bytes, 0, length);
        return length;
    }
}
