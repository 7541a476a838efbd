package org.offloadbench.cluster.bench;

import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.offloadbench.cluster.ClusterOptions;
import org.offloadbench.cluster.http.BackendAddress;
import org.offloadbench.cluster.http.HttpClientConnection;
import org.offloadbench.cluster.http.OffloadHeaders;
import org.offloadbench.cluster.http.WorkerReply;
import org.offloadbench.cluster.local.LocalWorkers;
import org.offloadbench.cluster.local.WorkerPlacement;
import org.offloadbench.core.offload.Offloader;
import org.offloadbench.core.offload.OffloaderConfig;
import org.offloadbench.core.offload.OffloaderRegistry;
import org.offloadbench.core.offload.Task;
import org.offloadbench.core.offload.TaskResult;
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
 * What does one request to a cluster cost? One caller, {@code noop} with a 64-byte input, one worker JVM,
 * a full round trip per operation. Compare with the C TCP loopback ping-pong of the calibration suite
 * ({@code tcp.c}): the targets are 2x that floor straight to a worker, 3.5x through a balancer.
 *
 * <ul>
 *   <li>{@code direct}: this module's keep-alive client on one connection straight to the worker, no
 *       offloader around it: HTTP parsing, the worker's hand-off to its task thread, and the network.</li>
 *   <li>{@code jdk-httpclient}: the same request with {@code java.net.http.HttpClient}, which is how the
 *       client was chosen (the one measured cheaper, and able to tell "not answered" from "answered").</li>
 *   <li>{@code cluster/primary}, {@code cluster/kernel}, {@code cluster/nginx}: the Offloader, so the
 *       coordinator's queue hand-off to a lane thread is included, and for nginx a second hop.</li>
 *   <li>{@code cluster/grpc}: the gRPC model (grpc-java over Netty, HTTP/2, round_robin channel).</li>
 * </ul>
 *
 * <p>Run: {@code java -jar cluster-module/target/benchmarks.jar RoundTripBenchmark}
 */
@BenchmarkMode({Mode.AverageTime, Mode.SampleTime})
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
@State(Scope.Benchmark)
public class RoundTripBenchmark {

    @Param({"direct", "jdk-httpclient", "cluster/primary", "cluster/kernel", "cluster/nginx", "cluster/grpc"})
    public String path;

    private final byte[] input = new byte[64];
    private LocalWorkers worker;
    private HttpClientConnection connection;
    private java.net.http.HttpClient jdkClient;
    private java.net.http.HttpRequest jdkRequest;
    private Offloader offloader;

    @Setup(Level.Trial)
    public void start() throws IOException {
        if (path.startsWith("cluster/")) {
            offloader = OffloaderRegistry.load().get(path).create(OffloaderConfig.of(1, 64));
            return;
        }
        worker = LocalWorkers.start(new LocalWorkers.Spec(1, 1, List.of(ClusterOptions.DEFAULT_JVM_OPTIONS.split(" ")),
                false, List.of(WorkerPlacement.LOOPBACK), java.time.Duration.ofSeconds(60)), "bench", System::nanoTime);
        BackendAddress address = worker.backends().get(0).address();
        connection = HttpClientConnection.open(address, 2_000, System::nanoTime);
        jdkClient = java.net.http.HttpClient.newBuilder().version(java.net.http.HttpClient.Version.HTTP_1_1).build();
        jdkRequest = java.net.http.HttpRequest.newBuilder(java.net.URI.create("http://" + address
                + OffloadHeaders.RUN_PATH + "noop")).POST(java.net.http.HttpRequest.BodyPublishers.ofByteArray(input))
                .build();
    }

    @Benchmark
    public Object roundTrip() throws Exception {
        switch (path) {
            case "direct" -> {
                WorkerReply r = connection.exchange("POST", OffloadHeaders.RUN_PATH + "noop", Map.of(), input, 0, false);
                if (r.status() != 200) {
                    throw new IllegalStateException("worker answered " + r.status() + ": " + r.bodyText());
                }
                return r.body();
            }
            case "jdk-httpclient" -> {
                java.net.http.HttpResponse<byte[]> r = jdkClient.send(jdkRequest,
                        java.net.http.HttpResponse.BodyHandlers.ofByteArray());
                if (r.statusCode() != 200) {
                    throw new IllegalStateException("worker answered " + r.statusCode());
                }
                return r.body();
            }
            default -> {
                TaskResult r = offloader.submit(Task.of("noop", input)).get(30, TimeUnit.SECONDS);
                return r.output();
            }
        }
    }

    @TearDown(Level.Trial)
    public void stop() {
        if (offloader != null) {
            offloader.close();
        }
        if (connection != null) {
            connection.close();
        }
        if (worker != null) {
            worker.close();
        }
    }
}
