package org.offloadbench.core.workload.builtin;

import java.nio.ByteBuffer;
import org.offloadbench.core.workload.InputSpec;
import org.offloadbench.core.workload.Workload;
import org.offloadbench.core.workload.WorkloadClass;
import org.offloadbench.core.workload.WorkloadException;

/**
 * {@code noop}: ignores its input and returns nothing, so a round trip measures the hand-off alone (the
 * overhead suite's 64 B round trip).
 *
 * <p>Input: {@code payloadBytes} zero bytes (default 64 B; contents never read). Output: empty.
 */
public final class NoopWorkload implements Workload {

    public static final String ID = "noop";
    private static final byte[] EMPTY = new byte[0];

    @Override
    public String id() {
        return ID;
    }

    @Override
    public String description() {
        return "returns nothing whatever the input (64 B): the bare hand-off cost";
    }

    @Override
    public WorkloadClass workloadClass() {
        return WorkloadClass.TRANSPORT;
    }

    @Override
    public int defaultPayloadBytes() {
        return 64;
    }

    @Override
    public byte[] generateInput(InputSpec spec) {
        WorkloadOptions.of(ID, spec);
        return new byte[spec.payloadBytes()];
    }

    @Override
    public byte[] execute(byte[] input) {
        if (input == null) {
            throw new WorkloadException(ID + ": input is null");
        }
        return EMPTY; // a zero-length array is immutable, so sharing one is safe
    }

    /** Writes nothing and leaves both buffers untouched. */
    @Override
    public int executeInto(ByteBuffer input, ByteBuffer output) {
        return 0;
    }
}
