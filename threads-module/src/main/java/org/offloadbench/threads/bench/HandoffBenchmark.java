package org.offloadbench.threads.bench;

import java.time.Duration;
import java.util.concurrent.TimeUnit;

import org.offloadbench.core.offload.Offloader;
import org.offloadbench.core.offload.OffloaderConfig;
import org.offloadbench.core.offload.Task;
import org.offloadbench.core.workload.Workload;
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
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.Options;
import org.openjdk.jmh.runner.options.OptionsBuilder;

/**
 * What does one hand-off cost? One caller thread submits a {@code noop} task with a 64-byte input to a
 * one-worker model and blocks until the reply is back: a full round trip, nothing else.
 *
 * <p>Why this shape. {@code noop} does no work, so the time is the model's own: copying the input on send,
 * queueing, waking a parked worker on another core, running, completing the future, and waking the caller
 * again. Two cross-thread wake-ups dominate; on a virtual machine each costs microseconds, which is why the
 * report puts this figure next to a C futex ping-pong measured on the same machine (the calibration suite).
 *
 * <p>Why two modes. {@link Mode#AverageTime} gives the mean per round trip with an error bar; {@link
 * Mode#SampleTime} samples individual round trips, so the percentiles show the tail (a worker that had gone
 * to sleep deeper, a GC, a stolen vCPU) that a mean hides.
 *
 * <p>Why the result is checked. The reply's checksum is recomputed here and compared with a direct run;
 * returning it also hands it to JMH, so nothing the benchmark does is dead code.
 *
 * <p>Run: {@code java -jar threads-module/target/benchmarks.jar HandoffBenchmark -p model=threads/mailbox};
 * on JDK 17 the {@code threads/virtual} trial fails with the reason (no virtual threads) and the rest run.
 */
@BenchmarkMode({Mode.AverageTime, Mode.SampleTime})
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(2)
@State(Scope.Benchmark)
public class HandoffBenchmark {

    @Param({"threads/platform-pool", "threads/fork-join", "threads/virtual", "threads/mailbox"})
    public String model;

    @Param({"noop"})
    public String workload;

    @Param({"64"})
    public int payloadBytes;

    private Offloader offloader;
    private byte[] input;
    private long expected;

    @Setup(Level.Trial)
    public void start() {
        Workload w = BenchSupport.workload(workload);
        input = BenchSupport.input(w, payloadBytes);
        expected = BenchSupport.expectedChecksum(w, input);
        offloader = BenchSupport.start(model, OffloaderConfig.of(1, 16));
    }

    @TearDown(Level.Trial)
    public void stop() {
        offloader.close(Duration.ofSeconds(10));
    }

    @Benchmark
    public long roundTrip() throws Exception {
        return BenchSupport.verified(offloader.submit(Task.of(workload, input)).get(), expected, model);
    }

    public static void main(String[] args) throws RunnerException {
        Options options = new OptionsBuilder()
                .include(HandoffBenchmark.class.getSimpleName())
                .build();
        new Runner(options).run();
    }
}
