package org.offloadbench.core.conformance;

import java.nio.ByteBuffer;
import java.util.Random;

import org.offloadbench.core.workload.InputSpec;
import org.offloadbench.core.workload.Workload;
import org.offloadbench.core.workload.WorkloadClass;
import org.offloadbench.core.workload.WorkloadException;

/**
 * The kit's own cheap, non-fault workload, so the kit always has at least one real workload to check even
 * where the built-in catalogue is absent. Registered through the test-jar's {@code META-INF/services}, so
 * child JVMs started with the test classpath find it too. Output: the input reversed, each byte mixed with
 * its position, followed by the input length (8 bytes): every input byte and its position matter.
 */
public final class ConformanceMixWorkload implements Workload {
    public static final String ID = "conformance-mix";

    @Override
    public String id() {
        return ID;
    }

    @Override
    public String description() {
        return "conformance-kit test workload (core test-jar only): reverses and mixes the input; no options";
    }

    @Override
    public WorkloadClass workloadClass() {
        return WorkloadClass.TRANSPORT;
    }

    @Override
    public int defaultPayloadBytes() {
        return 1024;
    }

    @Override
    public byte[] generateInput(InputSpec spec) {
        if (!spec.options().isEmpty()) {
            throw new IllegalArgumentException("unknown options " + spec.options().keySet() + " for " + ID
                    + "; valid: (none)");
        }
        byte[] input = new byte[spec.payloadBytes()];
        new Random(spec.seed()).nextBytes(input);
        return input;
    }

    @Override
    public byte[] execute(byte[] input) {
        if (input == null) {
            throw new WorkloadException(ID + ": input is null");
        }
        ByteBuffer out = ByteBuffer.allocate(input.length + Long.BYTES);
        for (int i = input.length - 1; i >= 0; i--) {
            out.put((byte) (input[i] ^ (i * 31 + 7)));
        }
        out.putLong(input.length);
        return out.array();
    }
}
