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
 * What does one hand-off to a child JVM cost? One caller submits a {@code noop} with 64 bytes to a one-child
 * pool and waits for the reply: a full round trip through two pipes.
 *
 * <p>What is in it: a copy of the input, a frame write (one syscall), the child's reader thread waking and
 * handing the request to a task thread, the answer frame back, the parent's reader thread waking, a CRC32C
 * check and the caller's wake-up (or, with awaitSpinMicros, the caller's spin seeing it done). A C ping-pong over
 * two pipes (calibration's {@code pipe} probe) is the floor this is compared with.
 *
 * <p>AverageTime gives the mean with an error; SampleTime the distribution, whose tail shows descheduled
 * threads on a busy machine.
 *
 * <p>Run: {@code java -jar process-module/target/benchmarks.jar RoundTripBenchmark}
 */
@BenchmarkMode({Mode.AverageTime, Mode.SampleTime})
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(2)
@State(Scope.Benchmark)
public class RoundTripBenchmark {

    @Param({"noop"})
    public String workload;

    @Param({"64"})
    public int payloadBytes;

    /**
     * auto (the pool's default): the caller spins up to 50 us in get() while a core is free, saving the
     * reader thread's wake-up. 0: it parks at once and the reader thread wakes it. 50: it always spins up to
     * 50 us first (pool option awaitSpinMicros; see SpinGate).
     */
    @Param({"auto", "0", "50"})
    public String awaitSpinMicros;

    private PipesOffloader pool;
    private byte[] input;
    private long expected;

    @Setup(Level.Trial)
    public void start() {
        Workload w = PipesBench.workload(workload);
        input = PipesBench.input(w, payloadBytes);
        expected = PipesBench.expectedChecksum(w, input);
        pool = PipesBench.pool(1, 16, "awaitSpinMicros", awaitSpinMicros);
    }

    @TearDown(Level.Trial)
    public void stop() {
        pool.close(Duration.ofSeconds(10));
    }

    @Benchmark
    public long roundTrip() throws Exception {
        return PipesBench.verified(pool.submit(Task.of(workload, input)).get(), expected);
    }
}
