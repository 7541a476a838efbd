package org.offloadbench.bench.jmh;

import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.offloadbench.bench.plan.ModelRow;
import org.offloadbench.bench.rig.PreparedInput;
import org.offloadbench.core.measure.ChecksumMismatchException;
import org.offloadbench.core.measure.ReplyVerifier;
import org.offloadbench.core.offload.Offloader;
import org.offloadbench.core.offload.OffloaderConfig;
import org.offloadbench.core.offload.OffloaderRegistry;
import org.offloadbench.core.offload.Task;
import org.offloadbench.core.offload.ZeroCopyLease;
import org.offloadbench.core.offload.ZeroCopyOffloader;
import org.offloadbench.core.workload.Checksums;
import org.offloadbench.core.workload.WorkloadCatalogue;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * One hand-off and its reply, for any model and workload: the benchmark behind the overhead and copy
 * suites. The model is built by name through the {@link OffloaderRegistry} inside the forked JVM, so every
 * model in the jar is measured by the same code.
 *
 * <p>Every reply is verified against a direct in-thread run inside the measured method: a model that
 * returns wrong bytes throws, JMH fails the run, and the runner reports the failure - it is never
 * reported as fast. The caller's CRC32C of the reply is therefore part of every model's time alike; it is
 * a CPU intrinsic (several GB/s per core), small next to a copy across a process boundary.
 *
 * <p>A {@link ZeroCopyOffloader} (shm/zero-copy) is measured through its lease: the input lies in the shared
 * slot (written once per trial), each operation hands it over and reads the output where the worker wrote
 * it, and the reply is checksummed in place, so its figures show what not copying saves.
 *
 * <p>Before JMH's warm-up the trial setup pre-warms the model until its rate is steady ({@link PreWarm}):
 * a child JVM's JIT is cold when the fork starts, and JMH's short warm-up would otherwise measure the
 * worker's interpreter. The pre-warm's outcome reaches the runner through {@link PreWarmProfiler}.
 *
 * <p>One operation in flight at a time (one caller thread): this measures the cost of a hand-off, not
 * throughput, which the scaling suite measures with many in flight.
 */
@State(Scope.Benchmark)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class OffloadBenchmark {

    /** Model name as in the registry; set by the runner. */
    @Param("")
    public String model;

    /** The model's options as a JSON object ({@code ModelRow.encodeOptions}); "" for none. Set by the runner. */
    @Param("")
    public String modelOptions;

    @Param("noop")
    public String workload;

    @Param("64")
    public int payloadBytes;

    @Param("1")
    public int workers;

    /**
     * Bounds of the pre-warm (see {@link PreWarm}): at most this long and this many round trips; 0 and 0
     * turn it off. The runner derives them from the profile; the defaults are the quick profile's.
     */
    @Param("800")
    public long preWarmMaxMillis;

    @Param("100000")
    public long preWarmMaxRoundTrips;

    private Offloader offloader;
    private Task task;
    private ReplyVerifier verifier;
    /** Set for a {@link ZeroCopyOffloader}: its hand-off is the lease, not the byte-array API. */
    private ZeroCopyLease lease;

    @Setup(Level.Trial)
    public void setUp() {
        // bad caps are refused before a model (perhaps a child JVM) starts
        if (preWarmMaxMillis < 0 || preWarmMaxRoundTrips < 0 || (preWarmMaxMillis == 0) != (preWarmMaxRoundTrips == 0)) {
            throw new IllegalArgumentException("preWarmMaxMillis and preWarmMaxRoundTrips must both be positive,"
                    + " or both 0 to turn the pre-warm off; were " + preWarmMaxMillis + " and " + preWarmMaxRoundTrips);
        }
        PreparedInput prepared = PreparedInput.of(WorkloadCatalogue.load().get(workload), payloadBytes);
        offloader = OffloaderRegistry.load().get(model).create(new OffloaderConfig(workers, 1024,
                ModelRow.decodeOptions(modelOptions)));
        task = prepared.task();
        verifier = prepared.verifierFor(model);
        // one checked round trip before JMH's warm-up, so a broken model fails before any timing
        verifier.verify(offloader.submit(task).join());
        if (offloader instanceof ZeroCopyOffloader zeroCopy && zeroCopy.maxPayloadBytes() >= payloadBytes) {
            // a zero-copy producer builds its data in the shared buffer: the input is written there once,
            // and each operation is hand-over, work on the data in place, output read in place
            lease = zeroCopy.lease(Duration.ofSeconds(60));
            lease.input().put(task.input());
            roundTrip();
        }
        preWarm();
    }

    /**
     * Warms the model's far side (a child JVM's JIT) until its rate is steady, through {@link #roundTrip}
     * itself, so every pre-warm reply is verified like a measured one and the zero-copy path is the one
     * warmed. The outcome goes back to the runner through {@link PreWarmProfiler}.
     */
    private void preWarm() {
        PreWarmProfiler.publish(null); // an earlier trial's outcome in this JVM must not be reported as ours
        if (preWarmMaxMillis == 0) {
            return;
        }
        PreWarmProfiler.publish(PreWarm.run(PreWarm.Limits.of(preWarmMaxMillis, preWarmMaxRoundTrips),
                System::nanoTime, this::roundTrip));
    }

    @Benchmark
    public Object roundTrip() {
        if (lease != null) {
            ByteBuffer output = lease.call(workload, payloadBytes, 0L);
            long actual = Checksums.of(output);
            if (actual != verifier.expectedChecksum() || lease.lastChecksum() != actual) {
                throw new ChecksumMismatchException(model + " returned wrong bytes in place for " + workload
                        + ": expected checksum " + Long.toHexString(verifier.expectedChecksum()) + ", got "
                        + Long.toHexString(actual) + ", worker reported " + Long.toHexString(lease.lastChecksum()));
            }
            return output;
        }
        return verifier.verify(offloader.submit(task).join());
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        if (lease != null) {
            lease.close();
        }
        if (offloader != null && !offloader.close(Duration.ofSeconds(10))) {
            throw new IllegalStateException(model + " had to fail unfinished tasks when closed");
        }
    }
}
