package org.offloadbench.threads.bench;

import java.time.Duration;
import java.util.concurrent.TimeUnit;

import org.offloadbench.core.measure.ReplyVerifier;
import org.offloadbench.core.measure.VerifiedWindow;
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
 * How far does each model scale? Saturated throughput (tasks per second) of a CPU workload at a given
 * number of workers.
 *
 * <p>Why a window. A single JMH thread drives the model but never waits with an idle pool: it keeps
 * {@code 2 x workers} tasks in flight, and each benchmark operation takes the oldest reply, verifies it and
 * submits one more. So every worker always has a task running and one queued, and an operation is one
 * completed task. One driver thread (rather than JMH {@code @Threads}) keeps the number of caller threads
 * the same at every worker count, so only the model changes.
 *
 * <p>Why the defaults are 1, 2, 4. The scaling suite passes {@code -p workers=1,2,...,2xcores} for the
 * machine it runs on; 1, 2, 4 covers a two-core machine (one, all, and twice the cores). Speedup is
 * throughput at n workers over throughput at 1; the target is 90 % of cores x one-worker throughput
 * at workers = cores, for sha256 and sum-loop.
 *
 * <p>Why every reply is verified. Each reply's checksum is recomputed here and compared with a direct
 * in-thread run; a model that returned wrong bytes would fail, never look fast. The check costs a CRC32C of
 * the output (32 bytes for sha256, 8 for sum-loop), negligible next to the work.
 *
 * <p>Caveat for sum-loop: C2 vectorises its loop, so a warm worker runs it about 60 times faster than a cold
 * one (see the workload's comment): the warm-up iterations matter here.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(2)
@State(Scope.Benchmark)
public class ThroughputBenchmark {

    @Param({"threads/platform-pool", "threads/fork-join", "threads/virtual", "threads/mailbox"})
    public String model;

    @Param({"sha256", "sum-loop"})
    public String workload;

    /** Passed by the scaling suite as 1 .. 2 x cores via {@code -p workers=...}. */
    @Param({"1", "2", "4"})
    public int workers;

    /** Negative: the workload's default size. */
    @Param({"-1"})
    public int payloadBytes;

    private Offloader offloader;
    private byte[] input;
    private long expected;
    private VerifiedWindow window;

    @Setup(Level.Trial)
    public void start() {
        Workload w = BenchSupport.workload(workload);
        input = BenchSupport.input(w, payloadBytes);
        expected = BenchSupport.expectedChecksum(w, input);
        int inFlight = 2 * workers;
        offloader = BenchSupport.start(model, OffloaderConfig.of(workers, inFlight));
        window = new VerifiedWindow(offloader, Task.of(workload, input),
                new ReplyVerifier(model, workload, expected), inFlight);
    }

    @TearDown(Level.Trial)
    public void stop() throws Exception {
        try {
            if (window != null) {
                window.drain();
            }
        } finally {
            offloader.close(Duration.ofSeconds(10));
        }
    }

    @Benchmark
    public long completeOne() throws Exception {
        return window.completeOne();
    }

    public static void main(String[] args) throws RunnerException {
        Options options = new OptionsBuilder()
                .include(ThroughputBenchmark.class.getSimpleName())
                .build();
        new Runner(options).run();
    }
}
