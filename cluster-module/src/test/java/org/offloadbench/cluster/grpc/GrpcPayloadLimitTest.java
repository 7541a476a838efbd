package org.offloadbench.cluster.grpc;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.offloadbench.cluster.ClusterTestSupport;
import org.offloadbench.core.offload.FailureKind;
import org.offloadbench.core.offload.OffloadException;
import org.offloadbench.core.offload.Task;
import org.offloadbench.core.wire.FrameLimits;
import org.offloadbench.core.workload.Checksums;
import org.offloadbench.core.worker.ChildJvm;
import org.offloadbench.core.worker.ChildJvmLauncher;
import org.offloadbench.core.worker.ChildJvmSpec;

/**
 * Payload limits: an input over the frame limit is a BAD_REQUEST naming the limit, refused before it is sent;
 * a worker with a smaller limit than its client refuses a larger message (gRPC's RESOURCE_EXHAUSTED) and the
 * client says so, naming the limit; a large echo within the limit comes back whole. Also the backends
 * option: the second case talks to a worker started by hand.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class GrpcPayloadLimitTest {

    @Test
    void anInputOverTheLimitIsABadRequestNamingIt() throws Exception {
        int limit = 256 * 1024;
        try (GrpcOffloader grpc = GrpcCluster.create(GrpcTestSupport.config(1, 4)
                .withOption("maxPayloadBytes", Integer.toString(limit)))) {
            byte[] fits = random(limit);
            assertArrayEquals(fits, grpc.submit(Task.of("echo", fits)).get(60, TimeUnit.SECONDS).output());
            OffloadException e = failure(grpc, new byte[limit + 1]);
            assertEquals(FailureKind.BAD_REQUEST, e.kind(), e.toString());
            assertTrue(e.getMessage().contains(Integer.toString(limit)), e.getMessage());
            assertEquals(1, grpc.stats().failed());
            assertEquals(1, grpc.stats().completed());
        }
    }

    @Test
    void aWorkerWithASmallerLimitRefusesTheMessageAndTheClientNamesTheLimit() throws Exception {
        ChildJvm worker = new ChildJvmLauncher().launch(ChildJvmSpec.of(GrpcWorkerMain.class.getName())
                .withJvmOptions(List.of(ClusterTestSupport.TEST_JVM_OPTIONS.split(" ")))
                .withArgs(List.of("--port=0", "--max-payload-bytes=65536", "--exit-on-stdin-eof=true")));
        try {
            String line = new BufferedReader(new InputStreamReader(worker.stdout(), StandardCharsets.UTF_8)).readLine();
            assertTrue(line != null && line.startsWith("LISTENING "), line + " " + worker.stderrTail());
            String port = line.split(" ")[2];
            try (GrpcOffloader grpc = GrpcCluster.create(GrpcTestSupport.config(1, 4)
                    .withOption("backends", "127.0.0.1:" + port))) {
                byte[] small = random(60_000);
                var result = grpc.submit(Task.of("echo", small)).get(60, TimeUnit.SECONDS);
                assertArrayEquals(small, result.output());
                assertEquals(Checksums.of(small), result.checksum());
                OffloadException e = failure(grpc, random(100_000));
                assertEquals(FailureKind.BAD_REQUEST, e.kind(), e.toString());
                assertTrue(e.getMessage().contains("RESOURCE_EXHAUSTED"), e.getMessage());
                int workerLimit = GrpcWire.maxMessageBytes(new FrameLimits(65536));
                assertTrue(e.getMessage().contains(Integer.toString(workerLimit)), "names the worker's limit "
                        + workerLimit + ": " + e.getMessage());
                assertEquals(0, grpc.retried(), "a refused message is not a lost worker");
                assertTrue(grpc.workerPids().isEmpty(), "a remote worker is not ours");
            }
            assertTrue(worker.isAlive(), "closing the model leaves a worker it did not start alone");
        } finally {
            worker.close(Duration.ofSeconds(5));
        }
    }

    private static OffloadException failure(GrpcOffloader grpc, byte[] input) {
        ExecutionException e = assertThrows(ExecutionException.class,
                () -> grpc.submit(Task.of("echo", input)).get(60, TimeUnit.SECONDS));
        return OffloadException.find(e);
    }

    private static byte[] random(int n) {
        byte[] b = new byte[n];
        new Random(n).nextBytes(b);
        return b;
    }
}
