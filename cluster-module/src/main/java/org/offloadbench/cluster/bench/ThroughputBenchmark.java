package org.offloadbench.cluster.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.offloadbench.core.offload.Offloader;
import org.offloadbench.core.offload.OffloaderConfig;
import org.offloadbench.core.offload.OffloaderRegistry;
import org.offloadbench.core.offload.Task;
import org.offloadbench.core.offload.TaskResult;
import org.offloadbench.core.workload.Checksums;
import org.offloadbench.core.workload.InputSpec;
import org.offloadbench.core.workload.Workload;
import org.offloadbench.core.workload.WorkloadCatalogue;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * How far does a cluster scale on one machine? Saturated throughput on {@code sha256} (its default input)
 * with 1 worker and with as many workers as cores. Each operation is a batch of {@value #BATCH} tasks
 * submitted at once and awaited, so every worker stays busy (a window of 4 per worker); each reply is checked
 * against a direct run's checksum. The target: at workers = cores, at least 80 % of cores x the
 * one-worker figure.
 *
 * <p>Run: {@code java -jar cluster-module/target/benchmarks.jar ThroughputBenchmark -p workers=1,2}
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
@State(Scope.Benchmark)
public class ThroughputBenchmark {
    static final int BATCH = 16;

    @Param({"cluster/primary", "cluster/kernel", "cluster/nginx", "cluster/grpc"})
    public String model;

    @Param({"1", "2"})
    public int workers;

    private Offloader offloader;
    private byte[] input;
    private long expected;

    @Setup(Level.Trial)
    public void start() {
        Workload sha = WorkloadCatalogue.load().get("sha256");
        input = sha.generateInput(InputSpec.golden(sha));
        expected = Checksums.of(sha.execute(input));
        offloader = OffloaderRegistry.load().get(model).create(OffloaderConfig.of(workers, 4 * BATCH));
    }

    @Benchmark
    @OperationsPerInvocation(BATCH)
    public long batch() throws Exception {
        List<CompletableFuture<TaskResult>> futures = new ArrayList<>(BATCH);
        for (int i = 0; i < BATCH; i++) {
            futures.add(offloader.submit(Task.of("sha256", input)));
        }
        long sum = 0;
        for (CompletableFuture<TaskResult> f : futures) {
            TaskResult r = f.get(60, TimeUnit.SECONDS);
            if (r.checksum() != expected) {
                throw new IllegalStateException(model + " returned a wrong sha256 result from " + r.workerId());
            }
            sum += r.checksum();
        }
        return sum;
    }

    @TearDown(Level.Trial)
    public void stop() {
        offloader.close();
    }
}
