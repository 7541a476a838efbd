package org.offloadbench.shm.bench;

import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.offloadbench.core.offload.ZeroCopyLease;
import org.offloadbench.core.workload.Workload;
import org.offloadbench.shm.ShmOffloader;
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
 * What does one hand-off through shared memory cost? One request in flight, round trip per operation.
 *
 * <p>{@link #lease}: the zero-copy path. The caller thread holds a slot, the input already lies in it
 * (written once at setup: a producer that builds its data in the shared buffer never copies it), and each
 * operation is publish, wait (with the {@code wait} strategy, in the caller's own thread), read the output
 * view. This is the figure to put beside the C floors: {@code shm-spin} for {@code wait=spin}, {@code futex}
 * for {@code wait=park}. With {@code payloadBytes=67108864} and {@code noop} it shows that the size of data
 * that is not copied does not matter (target: 64 MiB no more than 2x 64 B).
 *
 * <p>{@link CopyPathBenchmark} measures the ordinary byte-array API on the same slots; the difference is the
 * price of that API (two thread hand-offs and the copies).
 *
 * <p>Wait strategy and placement matter more than anything here. On a two-core machine {@code spin} makes
 * the caller and the worker each own a core (nothing else can run); {@code park} sleeps in the kernel
 * between requests: between processes the doorbell is one byte on a pipe, between threads
 * {@code LockSupport.unpark} (a futex). Report the strategy beside every figure.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(2)
@State(Scope.Benchmark)
public class RoundTripBenchmark {

    /** {@code child}: a child JVM serves the slot (shm/zero-copy); {@code threads}: a thread of this JVM. */
    @Param({"child", "threads"})
    public String workers;

    @Param({"spin", "backoff", "park"})
    public String wait;

    @Param({"noop"})
    public String workload;

    @Param({"64", "67108864"})
    public int payloadBytes;

    private ShmOffloader offloader;
    private ZeroCopyLease lease;
    private byte[] expected;

    @Setup(Level.Trial)
    public void start() {
        Workload w = ShmBenchSupport.workload(workload);
        byte[] input = ShmBenchSupport.input(w, payloadBytes);
        expected = w.execute(input.clone());
        offloader = ShmBenchSupport.start(workers, wait, 1, 16, payloadBytes);
        // the input is written into the slot once; every reply of the measured calls lies in the same place
        lease = offloader.leaseSlot(Duration.ofSeconds(60));
        lease.input().put(input);
        ShmBenchSupport.verify(offloader.name() + " lease", expected, lease.call(workload, payloadBytes, 0L));
    }

    @TearDown(Level.Trial)
    public void stop() {
        // the last reply is checked too: the measured calls ran on the same slot and input
        ShmBenchSupport.verify(offloader.name() + " lease", expected, lease.call(workload, payloadBytes, 0L));
        lease.close();
        if (!offloader.close(Duration.ofSeconds(30))) {
            throw new IllegalStateException(offloader.name() + " had to fail unfinished tasks when closed");
        }
    }

    @Benchmark
    public ByteBuffer lease() {
        return lease.call(workload, payloadBytes, 0L);
    }
}
