package org.offloadbench.core.workload.builtin;

import java.nio.ByteBuffer;
import org.offloadbench.core.workload.InputSpec;
import org.offloadbench.core.workload.Workload;
import org.offloadbench.core.workload.WorkloadClass;

/**
 * {@code sum-loop}: the seed article's worker, {@code for (i = 0; i < 1e8; i++) result += 42}, which gives
 * 4200000000.
 *
 * <p>Input (16 bytes, big-endian): {@code long addend, long iterations}, from the options {@code addend}
 * (default 42) and {@code iterations} (default 100000000, at most {@value #MAX_ITERATIONS}); the payload size
 * is ignored. Output: the 8-byte big-endian sum, wrapping modulo 2^64 like any Java {@code long}.
 *
 * <p>What the JIT makes of it (measured on the 2-core development VM, JDK 17 and JDK 25 alike): both values
 * come from the input, so nothing is folded at compile time, and C2 does not replace the loop with
 * {@code addend * iterations} either: the time stays linear in {@code iterations}. But it unrolls the loop
 * and vectorizes the reduction (SuperWord), so once C2 has compiled it the default run takes about 0.5 ms
 * (0.005 ns per iteration), against about 30 ms (0.3 ns per iteration) in the first calls, which run in C1
 * and on-stack-replaced code. With {@code -XX:-UseSuperWord} it takes about 2 ms, with
 * {@code -XX:LoopUnrollLimit=0} or {@code -XX:TieredStopAtLevel=1} about 30 ms. So this workload mostly
 * measures the JIT: a cold child JVM or a short-lived worker pays the 30 ms, a warm thread pays 0.5 ms.
 * Benchmarks must warm up and say so. We keep the article's loop rather than defeat the optimiser: it is
 * the workload the article's readers know, and that contrast is itself a finding worth reporting.
 */
public final class SumLoopWorkload implements Workload {

    public static final String ID = "sum-loop";
    static final long DEFAULT_ADDEND = 42;
    static final long DEFAULT_ITERATIONS = 100_000_000L;
    /** About 100x the default: a bound so that a hostile or mistyped input cannot pin a worker for hours. */
    public static final long MAX_ITERATIONS = 10_000_000_000L;
    private static final int INPUT_BYTES = 2 * Long.BYTES;

    @Override
    public String id() {
        return ID;
    }

    @Override
    public String description() {
        return "adds addend (42) iterations (1e8) times in a plain loop, the seed article's example";
    }

    @Override
    public WorkloadClass workloadClass() {
        return WorkloadClass.COMPUTE;
    }

    /** The input is always 16 bytes; the payload size does not change it. */
    @Override
    public int defaultPayloadBytes() {
        return INPUT_BYTES;
    }

    @Override
    public byte[] generateInput(InputSpec spec) {
        var options = WorkloadOptions.of(ID, spec, "addend", "iterations");
        long addend = options.longOption("addend", DEFAULT_ADDEND, Long.MIN_VALUE, Long.MAX_VALUE);
        long iterations = options.longOption("iterations", DEFAULT_ITERATIONS, 0, MAX_ITERATIONS);
        return ByteBuffer.allocate(INPUT_BYTES).putLong(addend).putLong(iterations).array();
    }

    @Override
    public byte[] execute(byte[] input) {
        var reader = InputReader.of(ID, input);
        long addend = reader.readLong("addend");
        long iterations = reader.readLong("iterations", 0, MAX_ITERATIONS);
        reader.expectEnd();
        return ByteBuffer.allocate(Long.BYTES).putLong(sum(addend, iterations)).array();
    }

    static long sum(long addend, long iterations) {
        long result = 0;
        for (long i = 0; i < iterations; i++) {
            result += addend;
        }
        return result;
    }
}
