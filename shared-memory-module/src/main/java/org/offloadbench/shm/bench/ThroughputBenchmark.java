package org.offloadbench.shm.bench;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.offloadbench.core.measure.ReplyVerifier;
import org.offloadbench.core.measure.VerifiedWindow;
import org.offloadbench.core.offload.Offloader;
import org.offloadbench.core.offload.OffloaderConfig;
import org.offloadbench.core.offload.OffloaderRegistry;
import org.offloadbench.core.offload.Task;
import org.offloadbench.core.workload.Checksums;
import org.offloadbench.core.workload.Workload;
import org.offloadbench.shm.ShmSettings;
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
 * How far does shared memory scale? Saturated throughput of a CPU workload at a number of workers: one JMH
 * thread keeps {@code 2 x workers} tasks in flight; each operation takes the oldest reply, checks it against
 * a direct run and submits one more (the same rig as threads-module's ThroughputBenchmark, so figures
 * compare). Target: at workers = cores, at least 85 % of cores x the one-worker throughput.
 *
 * <p>On two cores, the caller's driver threads and the workers share the same two cores, so
 * {@code wait=spin} starves the workers (each driver spins on its slot): use {@code backoff} or {@code park}
 * for throughput and say which.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(2)
@State(Scope.Benchmark)
public class ThroughputBenchmark {

    @Param({"shm/copy", "shm/in-process"})
    public String model;

    @Param({"backoff", "park"})
    public String wait;

    @Param({"sha256"})
    public String workload;

    @Param({"1", "2"})
    public int workers;

    @Param({"65536"})
    public int payloadBytes;

    private Offloader offloader;
    private byte[] input;
    private long expected;
    private VerifiedWindow window;

    @Setup(Level.Trial)
    public void start() {
        Workload w = ShmBenchSupport.workload(workload);
        input = ShmBenchSupport.input(w, payloadBytes);
        expected = Checksums.of(w.execute(input.clone()));
        int inFlight = 2 * workers;
        offloader = OffloaderRegistry.load().get(model).create(OffloaderConfig.of(workers, inFlight)
                .withOption(ShmSettings.WAIT, wait).withOption(ShmSettings.SLOT_BYTES, Integer.toString(payloadBytes)));
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
            offloader.close(Duration.ofSeconds(30));
        }
    }

    @Benchmark
    public long completeOne() throws Exception {
        return window.completeOne();
    }
}
