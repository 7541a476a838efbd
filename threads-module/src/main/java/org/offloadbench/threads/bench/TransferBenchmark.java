package org.offloadbench.threads.bench;

import java.time.Duration;
import java.util.concurrent.TimeUnit;

import org.offloadbench.core.offload.Offloader;
import org.offloadbench.core.offload.OffloaderConfig;
import org.offloadbench.core.offload.Task;
import org.offloadbench.core.offload.TransferableBuffer;
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
 * What does copying on send cost, against handing the buffer over? The mailbox model, one worker, a
 * {@code noop} round trip with inputs from 64 B to 16 MiB, sent either copied ({@code Task.of}: the
 * structured-clone analog, the caller keeps its array) or transferred ({@code Task.transferring}: ownership
 * moves, no copy, the caller's handle is detached).
 *
 * <p>Why noop. It never reads its input and replies with nothing, so the only thing that differs between
 * the two variants is the copy on send; the gap between the lines is the copy, and its slope is the
 * machine's memory bandwidth for a fresh allocation plus copy (16 MiB arrays are allocated straight in the
 * old generation: add {@code -prof gc} to see the allocation rate).
 *
 * <p>Why the transferred array can be reused. Each round trip completes before the next begins, and a
 * {@code noop} worker keeps no reference, so taking the array back for the next send is what a worker posting
 * the buffer back would give; a fresh {@link TransferableBuffer} wraps it each time, and is detached by the
 * send as in real use.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(2)
@State(Scope.Benchmark)
public class TransferBenchmark {

    @Param({"64", "1024", "65536", "1048576", "16777216"})
    public int payloadBytes;

    @Param({"copy", "transfer"})
    public String handoff;

    @Param({"threads/mailbox"})
    public String model;

    private static final String WORKLOAD = "noop";

    private Offloader offloader;
    private byte[] array;
    private long expected;
    private boolean transfer;

    @Setup(Level.Trial)
    public void start() {
        if (!handoff.equals("copy") && !handoff.equals("transfer")) {
            throw new IllegalArgumentException("handoff must be copy or transfer, was '" + handoff + "'");
        }
        transfer = handoff.equals("transfer");
        Workload w = BenchSupport.workload(WORKLOAD);
        array = BenchSupport.input(w, payloadBytes);
        expected = BenchSupport.expectedChecksum(w, array);
        offloader = BenchSupport.start(model, OffloaderConfig.of(1, 16));
    }

    @TearDown(Level.Trial)
    public void stop() {
        offloader.close(Duration.ofSeconds(10));
    }

    @Benchmark
    public long roundTrip() throws Exception {
        Task task = transfer ? Task.transferring(WORKLOAD, new TransferableBuffer(array)) : Task.of(WORKLOAD, array);
        return BenchSupport.verified(offloader.submit(task).get(), expected, model + " " + handoff);
    }

    public static void main(String[] args) throws RunnerException {
        Options options = new OptionsBuilder()
                .include(TransferBenchmark.class.getSimpleName())
                .build();
        new Runner(options).run();
    }
}
