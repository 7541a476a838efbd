package org.offloadbench.cluster;

import java.nio.ByteBuffer;
import org.offloadbench.core.workload.InputSpec;
import org.offloadbench.core.workload.Workload;
import org.offloadbench.core.workload.WorkloadClass;
import org.offloadbench.core.workload.WorkloadException;

/**
 * Test workload: ignores interrupts for the milliseconds in its 8-byte input, then echoes the
 * input. Registered in test resources, so worker JVMs started by tests have it too.
 */
public final class TestHangWorkload implements Workload {
    public static final String ID = "cluster-test-hang";

    public static byte[] input(long millis) {
        return ByteBuffer.allocate(8).putLong(millis).array();
    }

    @Override
    public String id() {
        return ID;
    }

    @Override
    public String description() {
        return "test only: ignores interrupts for the 8-byte big-endian milliseconds of its input";
    }

    @Override
    public WorkloadClass workloadClass() {
        return WorkloadClass.FAULT;
    }

    @Override
    public int defaultPayloadBytes() {
        return 8;
    }

    @Override
    public byte[] generateInput(InputSpec spec) {
        return input(10);
    }

    @Override
    public byte[] execute(byte[] input) {
        if (input.length != 8) {
            throw new WorkloadException(ID + " needs an 8-byte input, got " + input.length);
        }
        long deadline = System.nanoTime() + ByteBuffer.wrap(input).getLong() * 1_000_000L;
        boolean interrupted = false;
        while (System.nanoTime() < deadline) {
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                interrupted = true; // ignored on purpose: stands in for code that never checks
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
        return input.clone();
    }
}
