package org.offloadbench.process.bench;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.offloadbench.core.offload.Task;
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
 * submit, written through a pipe, read into the child's heap, echoed back through the other pipe and
 * checksummed on both sides. Bandwidth = payloadBytes / time-per-op (the copy suite's definition), so each
 * byte crosses the kernel twice per op; the floor is a C program streaming one way through one pipe
 * (process-module/calibration/pipe-stream.c).
 *
 * <p>Transfer mode hands the array over instead of copying it on submit ({@code Task.transferring}); the
 * difference is one 16 MiB memcpy in the parent.
 *
 * <p>Run: {@code java -jar process-module/target/benchmarks.jar EchoThroughputBenchmark}
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 5, time = 2)
@Fork(value = 2, jvmArgsAppend = "-Xmx1g")
@State(Scope.Benchmark)
public class EchoThroughputBenchmark {

    @Param({"echo"})
    public String workload;

    @Param({"16777216"})
    public int payloadBytes;

    private PipesOffloader pool;
    private byte[] input;
    private long expected;

    @Setup(Level.Trial)
    public void start() {
        Workload w = PipesBench.workload(workload);
        input = PipesBench.input(w, payloadBytes);
        expected = PipesBench.expectedChecksum(w, input);
        pool = PipesBench.pool(1, 16, "heap", "512m");
    }

    @TearDown(Level.Trial)
    public void stop() {
        pool.close(Duration.ofSeconds(10));
    }

    @Benchmark
    public long echo() throws Exception {
        return PipesBench.verified(pool.submit(Task.of(workload, input)).get(), expected);
    }
}
