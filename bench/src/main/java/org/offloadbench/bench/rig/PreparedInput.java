package org.offloadbench.bench.rig;

import org.offloadbench.core.measure.ReplyVerifier;
import org.offloadbench.core.offload.Task;
import org.offloadbench.core.workload.Checksums;
import org.offloadbench.core.workload.InputSpec;
import org.offloadbench.core.workload.Workload;

/**
 * A workload's input at one payload size, with the checksum of a direct in-thread run: the reference
 * every model's reply is checked against.
 */
public record PreparedInput(Workload workload, int payloadBytes, byte[] input, long expectedChecksum) {

    /** Seed of every generated input: fixed, so runs are repeatable. */
    public static final long SEED = 1L;

    public static PreparedInput of(Workload workload, int payloadBytes) {
        byte[] input = workload.generateInput(InputSpec.of(SEED, payloadBytes));
        long expected = Checksums.of(workload.execute(input.clone()));
        return new PreparedInput(workload, payloadBytes, input, expected);
    }

    public Task task() {
        return Task.of(workload.id(), input);
    }

    public ReplyVerifier verifierFor(String model) {
        return new ReplyVerifier(model, workload.id(), expectedChecksum);
    }
}
