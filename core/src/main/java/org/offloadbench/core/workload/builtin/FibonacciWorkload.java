package org.offloadbench.core.workload.builtin;

import java.math.BigInteger;
import java.nio.ByteBuffer;
import org.offloadbench.core.workload.InputSpec;
import org.offloadbench.core.workload.Workload;
import org.offloadbench.core.workload.WorkloadClass;

/**
 * {@code fibonacci}: F(n) with {@link BigInteger}, iteratively ({@code a, b = b, a + b} n times), so the cost
 * is n additions of numbers growing to n * 0.694 bits: quadratic in n, and allocation-heavy (every addition
 * makes a new BigInteger), which is what distinguishes it from {@code sum-loop}.
 *
 * <p>Input (4 bytes): {@code int n} from the option {@code n} (default {@value #DEFAULT_N}, at most
 * {@value #MAX_N}); the payload size is ignored. Output: {@link BigInteger#toByteArray()} of F(n), F(0) = 0,
 * F(1) = 1.
 */
public final class FibonacciWorkload implements Workload {

    public static final String ID = "fibonacci";
    static final int DEFAULT_N = 20_000;
    /** Quadratic cost: F(1,000,000) already takes seconds, so larger n is refused rather than run for hours. */
    static final int MAX_N = 1_000_000;

    @Override
    public String id() {
        return ID;
    }

    @Override
    public String description() {
        return "F(n) with BigInteger, iteratively (n = 20000): allocation-heavy big-number additions";
    }

    @Override
    public WorkloadClass workloadClass() {
        return WorkloadClass.COMPUTE;
    }

    /** The input is always 4 bytes; the payload size does not change it. */
    @Override
    public int defaultPayloadBytes() {
        return Integer.BYTES;
    }

    @Override
    public byte[] generateInput(InputSpec spec) {
        int n = WorkloadOptions.of(ID, spec, "n").intOption("n", DEFAULT_N, 0, MAX_N);
        return ByteBuffer.allocate(Integer.BYTES).putInt(n).array();
    }

    @Override
    public byte[] execute(byte[] input) {
        var reader = InputReader.of(ID, input);
        int n = reader.readInt("n", 0, MAX_N);
        reader.expectEnd();
        return fibonacci(n).toByteArray();
    }

    static BigInteger fibonacci(int n) {
        BigInteger a = BigInteger.ZERO;
        BigInteger b = BigInteger.ONE;
        for (int i = 0; i < n; i++) {
            BigInteger next = a.add(b);
            a = b;
            b = next;
        }
        return a;
    }
}
