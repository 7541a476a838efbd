package org.offloadbench.process;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.function.IntFunction;
import java.util.function.LongSupplier;

import org.offloadbench.core.offload.Task;
import org.offloadbench.core.offload.transport.Transport;
import org.offloadbench.core.offload.transport.TransportWorker;
import org.offloadbench.core.wire.FrameCodec;
import org.offloadbench.core.worker.ChildJvm;
import org.offloadbench.core.worker.ChildJvmLauncher;
import org.offloadbench.core.worker.ChildJvmSpec;

/**
 * The {@link Transport} of {@code process/pipes}: a worker is a child JVM running core's {@code WorkerMain},
 * started with {@link ChildJvmLauncher} and ready once it has sent its READY frame; a request is a frame on
 * its stdin ({@link PipeWorker}). Refuses before admission what no frame can carry.
 */
final class PipeTransport implements Transport {
    private final IntFunction<ChildJvmSpec> specs;
    private final FrameCodec codec;
    private final ChildJvmLauncher launcher;
    private final LongSupplier nanoTime;
    private final Duration startTimeout;
    private final Runnable onClose;

    /**
     * @param specs   the spec of the n-th child launched (n from 0)
     * @param onClose what to release after the last child (the CDS archive)
     */
    PipeTransport(IntFunction<ChildJvmSpec> specs, FrameCodec codec, LongSupplier nanoTime, Duration startTimeout,
                  Runnable onClose) {
        this.specs = specs;
        this.codec = codec;
        this.launcher = new ChildJvmLauncher(nanoTime);
        this.nanoTime = nanoTime;
        this.startTimeout = startTimeout;
        this.onClose = onClose;
    }

    @Override
    public Launch launch(int n) throws IOException {
        ChildJvmSpec spec = specs.apply(n);
        long spawn = nanoTime.getAsLong();
        ChildJvm jvm = launcher.launch(spec);
        return new Launch() {
            @Override
            public long spawnNanos() {
                return spawn;
            }

            @Override
            public TransportWorker awaitReady() throws IOException {
                try {
                    jvm.awaitReady(codec, startTimeout);
                } catch (IOException e) {
                    jvm.destroyForcibly();
                    jvm.close(Duration.ZERO);
                    throw e;
                }
                return new PipeWorker(jvm, codec);
            }

            @Override
            public void abort() {
                jvm.destroyForcibly();
            }
        };
    }

    @Override
    public String checkRequest(Task task) {
        if (task.input().length > codec.limits().maxPayloadBytes()) {
            return task.workloadId() + ": input of " + task.input().length + " bytes is over the frame payload limit"
                    + " of " + codec.limits().maxPayloadBytes() + " bytes";
        }
        if (task.workloadId().isEmpty()
                || task.workloadId().getBytes(StandardCharsets.UTF_8).length > FrameCodec.MAX_WORKLOAD_ID_BYTES) {
            return "workload id must be 1.." + FrameCodec.MAX_WORKLOAD_ID_BYTES + " bytes of UTF-8, was '"
                    + task.workloadId() + "'";
        }
        return null;
    }

    @Override
    public void close() {
        onClose.run();
    }
}
