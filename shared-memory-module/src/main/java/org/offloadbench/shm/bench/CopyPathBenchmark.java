package org.offloadbench.shm.bench;

import java.io.IOException;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.offloadbench.core.offload.Offloader;
import org.offloadbench.core.offload.OffloaderConfig;
import org.offloadbench.core.offload.OffloaderRegistry;
import org.offloadbench.core.offload.Task;
import org.offloadbench.core.offload.TaskResult;
import org.offloadbench.core.workload.Checksums;
import org.offloadbench.core.workload.Workload;
import org.offloadbench.shm.ShmOffloader;
import org.offloadbench.shm.ShmSettings;
import org.offloadbench.shm.region.RegionFiles;
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
 * What does the copy path cost per byte? The byte-array API of a shared-memory model at a large payload,
 * next to the JVM's own copies of the same size.
 *
 * <ul>
 *   <li>{@link #submit} with {@code noop}: the input is copied into the slot and nothing comes back: the
 *       copy-in bandwidth of the path (payload / time), the figure to compare with C memcpy. When the
 *       channel's driver is idle (nearly always with one request at a time: the teardown prints how often)
 *       the caller's thread writes the slot itself:
 *       one copy for {@code COPY} and {@code TRANSFER} alike. Only a task that has to wait in the queue gets
 *       a private copy first ({@code COPY}: the caller may reuse its array at once), so two.</li>
 *   <li>{@link #submit} with {@code echo}: copy in, the worker's copy from request to response area, copy
 *       out: three copies of the payload per operation.</li>
 *   <li>{@link #heapToMapped}: one {@code ByteBuffer.put} of the payload into a mapped /dev/shm file (the
 *       copy the path makes, alone); {@link #heapToHeap}: {@code System.arraycopy} (the JVM's memcpy).</li>
 * </ul>
 * Every reply is checked against a direct run (its checksum) in the measured method.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(2)
@State(Scope.Benchmark)
public class CopyPathBenchmark {

    @Param({"shm/copy", "shm/in-process"})
    public String model;

    @Param({"backoff"})
    public String wait;

    @Param({"noop", "echo"})
    public String workload;

    @Param({"16777216"})
    public int payloadBytes;

    /**
     * COPY: the caller may reuse its array at once, so the model takes a private copy before the slot copy
     * (two copies in); TRANSFER: the caller gave the array away, one copy into the slot.
     */
    @Param({"COPY", "TRANSFER"})
    public Task.Handoff handoff;

    private Offloader offloader;
    private Task task;
    private long expectedChecksum;
    private byte[] source;
    private byte[] target;
    private Path mappedFile;
    private MappedByteBuffer mapped;

    @Setup(Level.Trial)
    public void start() throws IOException {
        Workload w = ShmBenchSupport.workload(workload);
        byte[] input = ShmBenchSupport.input(w, payloadBytes);
        expectedChecksum = Checksums.of(w.execute(input.clone()));
        task = new Task(workload, input, 0L, handoff);
        offloader = OffloaderRegistry.load().get(model).create(OffloaderConfig.of(1, 16)
                .withOption(ShmSettings.WAIT, wait).withOption(ShmSettings.SLOT_BYTES, Integer.toString(payloadBytes)));
        ShmBenchSupport.verified(offloader.submit(task).join(), expectedChecksum, model);
        source = input;
        target = new byte[payloadBytes];
        mappedFile = Files.createTempFile(RegionFiles.defaultBase(), "offload-bench-copy-bench-", ".tmp");
        try (FileChannel ch = FileChannel.open(mappedFile, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
            mapped = ch.map(FileChannel.MapMode.READ_WRITE, 0, payloadBytes);
        }
    }

    @TearDown(Level.Trial)
    public void stop() throws IOException {
        if (offloader instanceof ShmOffloader shm) {
            // which path the measured submits took: the caller writing an idle channel's slot (one copy), or
            // the queue (a private copy first for COPY) when the driver was not back to idle yet
            System.err.printf("%s %s: %d of %d submits wrote the slot from the caller's thread%n", model, handoff,
                    shm.callerWrittenTasks(), shm.stats().completed());
        }
        try {
            if (!offloader.close(Duration.ofSeconds(30))) {
                throw new IllegalStateException(model + " had to fail unfinished tasks when closed");
            }
        } finally {
            Files.deleteIfExists(mappedFile);
        }
    }

    @Benchmark
    public long submit() {
        TaskResult result = offloader.submit(task).join();
        return ShmBenchSupport.verified(result, expectedChecksum, model);
    }

    @Benchmark
    public MappedByteBuffer heapToMapped() {
        mapped.clear();
        mapped.put(source);
        return mapped;
    }

    @Benchmark
    public byte[] heapToHeap() {
        System.arraycopy(source, 0, target, 0, payloadBytes);
        return target;
    }
}
