package org.offloadbench.process.bench;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.offloadbench.core.offload.Task;
import org.offloadbench.core.offload.TaskResult;
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
 * How far do child JVMs scale? Saturated throughput of a CPU workload at a given number of children.
 *
 * <p>One driver thread keeps {@code 2 x workers} tasks in flight (every child has one running and one waiting
 * in the parent's queue); an operation takes the oldest reply, verifies it against a direct run and submits
 * one more. The target: at workers = cores, at least 85 % of cores x the one-child throughput. On a two-core
 * machine the parent's reader threads and the driver share those two cores with the children, which is
 * part of what this measures.
 *
 * <p>sum-loop: C2 vectorises it, so a child runs it some 60x faster once warm; the warm-up iterations matter.
 *
 * <p>Run: {@code java -jar process-module/target/benchmarks.jar SaturatedThroughputBenchmark -p workers=1,2}
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 5, time = 2)
@Fork(1)
@State(Scope.Benchmark)
public class SaturatedThroughputBenchmark {

    @Param({"sha256", "sum-loop"})
    public String workload;

    @Param({"1", "2"})
    public int workers;

    /** Negative: the workload's default size. */
    @Param({"-1"})
    public int payloadBytes;

    private PipesOffloader pool;
    private byte[] input;
    private long expected;
    private final ArrayDeque<CompletableFuture<TaskResult>> window = new ArrayDeque<>();

    @Setup(Level.Trial)
    public void start() {
        Workload w = PipesBench.workload(workload);
        input = PipesBench.input(w, payloadBytes);
        expected = PipesBench.expectedChecksum(w, input);
        int inFlight = 2 * workers;
        pool = PipesBench.pool(workers, inFlight);
        for (int i = 0; i < inFlight; i++) {
            window.add(pool.submit(Task.of(workload, input)));
        }
    }

    @TearDown(Level.Trial)
    public void stop() throws Exception {
        try {
            while (!window.isEmpty()) {
                PipesBench.verified(window.poll().get(), expected);
            }
        } finally {
            pool.close(Duration.ofSeconds(10));
        }
    }

    @Benchmark
    public long completeOne() throws Exception {
        long checksum = PipesBench.verified(window.poll().get(), expected);
        window.add(pool.submit(Task.of(workload, input)));
        return checksum;
    }
}
