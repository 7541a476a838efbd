package org.offloadbench.process.bench;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.offloadbench.core.offload.Task;
import org.offloadbench.core.offload.TransferableBuffer;
import org.offloadbench.core.workload.Workload;
import org.offloadbench.process.PipesOffloader;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * What does moving data to a child cost? {@code echo} of 16 MiB to a one-child pool: the input is copied on
 * submit (retry is on, so the pool keeps the original bytes), written through a pipe, read into the child's
 * heap, copied by the workload, CRC32C'd by the child, sent back through the other pipe, checked against that
 * CRC32C by the parent as it arrives, and checked once more here against a direct in-thread run.
 * Bandwidth = payloadBytes / time-per-op (the copy suite's definition), so each byte crosses the kernel twice
 * per op. Two C floors from process-module/calibration/pipe-stream.c: the C echo (the same there-and-back,
 * the fair floor) and a one-way stream through one pipe (what the target names).
 *
 * <p>{@code -p handoff=copy,transfer}: transfer hands the array over instead ({@code Task.transferring}), which
 * skips the copy at submit (a retry then resends the caller's array, which it promised not to touch).
 *
 * <p>Run: {@code java -jar process-module/target/benchmarks.jar EchoThroughputBenchmark}
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 5, time = 2)
@Fork(value = 2, jvmArgsAppend = {"-Xms1g", "-Xmx1g"})
@State(Scope.Benchmark)
public class EchoThroughputBenchmark {

    @Param({"echo"})
    public String workload;

    @Param({"16777216"})
    public int payloadBytes;

    @Param({"copy"})
    public String handoff;

    /** The child's collector (pool option gc; empty = the JVM's choice, G1 here): {@code -p gc=,serial}. */
    @Param({""})
    public String gc;

    private PipesOffloader pool;
    private byte[] input;
    private long expected;

    @Setup(Level.Trial)
    public void start() {
        Workload w = PipesBench.workload(workload);
        input = PipesBench.input(w, payloadBytes);
        expected = PipesBench.expectedChecksum(w, input);
        if (!handoff.equals("copy") && !handoff.equals("transfer")) {
            throw new IllegalArgumentException("handoff must be copy or transfer, was '" + handoff + "'");
        }
        pool = PipesBench.pool(1, 16, "heap", "512m", "gc", gc);
    }

    @TearDown(Level.Trial)
    public void stop() {
        pool.close(Duration.ofSeconds(10));
    }

    @Benchmark
    public long echo() throws Exception {
        Task task = handoff.equals("copy") ? Task.of(workload, input)
                : Task.transferring(workload, new TransferableBuffer(input));
        return PipesBench.verified(pool.submit(task).get(), expected);
    }
}
