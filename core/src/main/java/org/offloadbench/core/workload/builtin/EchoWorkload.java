package org.offloadbench.core.workload.builtin;

import java.nio.ByteBuffer;
import org.offloadbench.core.workload.InputSpec;
import org.offloadbench.core.workload.Workload;
import org.offloadbench.core.workload.WorkloadClass;
import org.offloadbench.core.workload.WorkloadException;

/**
 * {@code echo}: returns its input unchanged, so a round trip moves the payload both ways and does nothing
 * else. The copy suite runs it from 64 B to 64 MiB to measure what moving data costs in each model.
 *
 * <p>Input: {@code payloadBytes} random bytes (default 64 B; random so that no transport can compress
 * them); any bytes are valid. Output: a copy of the input.
 */
public final class EchoWorkload implements Workload {

    public static final String ID = "echo";

    @Override
    public String id() {
        return ID;
    }

    @Override
    public String description() {
        return "returns a copy of its input (64 B by default): transport cost with payload";
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
        return SeededRandom.bytes(spec.seed(), spec.payloadBytes());
    }

    @Override
    public byte[] execute(byte[] input) {
        if (input == null) {
            throw new WorkloadException(ID + ": input is null");
        }
        return input.clone();
    }

    /** One bulk buffer-to-buffer put, no temporary array; consumes {@code input}'s remaining bytes. */
    @Override
    public int executeInto(ByteBuffer input, ByteBuffer output) {
        int length = input.remaining();
        if (length > output.remaining()) {
            throw new WorkloadException(ID + ": output of " + length + " bytes does not fit in "
                    + output.remaining() + " bytes");
        }
        output.put(input);
        return length;
    }
}
