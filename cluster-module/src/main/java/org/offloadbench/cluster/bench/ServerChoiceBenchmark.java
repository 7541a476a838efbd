package org.offloadbench.cluster.bench;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.offloadbench.cluster.http.BackendAddress;
import org.offloadbench.cluster.http.HttpClientConnection;
import org.offloadbench.cluster.http.OffloadHeaders;
import org.offloadbench.cluster.http.WorkerReply;
import org.offloadbench.cluster.worker.HttpWorker;
import org.offloadbench.cluster.worker.HttpWorkerConfig;
import org.offloadbench.core.wire.Frame;
import org.offloadbench.core.wire.FrameLimits;
import org.offloadbench.core.worker.TaskExecutor;
import org.offloadbench.core.workload.WorkloadCatalogue;
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
 * Which HTTP server should a worker use? The same {@code noop} request, same keep-alive client, against
 * this module's {@link HttpWorker} and against the JDK's {@code com.sun.net.httpserver.HttpServer} running
 * the same {@link TaskExecutor}, both in the benchmark JVM on loopback. (The JDK server cannot set
 * SO_REUSEPORT and does not tell a handler that its client hung up, so it could not serve cluster/kernel
 * nor cancel; this measures whether it would at least have been faster.)
 *
 * <p>Run: {@code java -jar cluster-module/target/benchmarks.jar ServerChoiceBenchmark}
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
@State(Scope.Benchmark)
public class ServerChoiceBenchmark {

    @Param({"hand-rolled", "jdk-httpserver"})
    public String server;

    private final byte[] input = new byte[64];
    private HttpWorker worker;
    private HttpServer jdk;
    private ExecutorService jdkThreads;
    private HttpClientConnection connection;

    @Setup(Level.Trial)
    public void start() throws IOException {
        TaskExecutor executor = new TaskExecutor(WorkloadCatalogue.load(), FrameLimits.DEFAULT);
        int port;
        if (server.equals("hand-rolled")) {
            worker = HttpWorker.start(HttpWorkerConfig.defaults(), executor, System.err);
            port = worker.port();
        } else {
            jdk = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 128);
            jdkThreads = Executors.newFixedThreadPool(2);
            jdk.setExecutor(jdkThreads);
            jdk.createContext(OffloadHeaders.RUN_PATH, exchange -> {
                byte[] body;
                try (InputStream in = exchange.getRequestBody()) {
                    body = in.readAllBytes();
                }
                String id = exchange.getRequestURI().getPath().substring(OffloadHeaders.RUN_PATH.length());
                Frame answer = executor.execute(new Frame.Request(1, id, 0, body), 0);
                byte[] out = answer instanceof Frame.Response r ? r.payload() : new byte[0];
                exchange.getResponseHeaders().add(OffloadHeaders.CHECKSUM,
                        answer instanceof Frame.Response r ? Long.toString(r.checksum()) : "0");
                exchange.sendResponseHeaders(answer instanceof Frame.Response ? 200 : 500, out.length == 0 ? -1 : out.length);
                try (OutputStream o = exchange.getResponseBody()) {
                    o.write(out);
                }
            });
            jdk.start();
            port = jdk.getAddress().getPort();
        }
        connection = HttpClientConnection.open(new BackendAddress("127.0.0.1", port), 2_000, System::nanoTime);
    }

    @Benchmark
    public Object roundTrip() throws IOException {
        WorkerReply r = connection.exchange("POST", OffloadHeaders.RUN_PATH + "noop", Map.of(), input, 0, false);
        if (r.status() != 200) {
            throw new IllegalStateException(server + " answered " + r.status());
        }
        return r.body();
    }

    @TearDown(Level.Trial)
    public void stop() {
        connection.close();
        if (worker != null) {
            worker.close();
        }
        if (jdk != null) {
            jdk.stop(0);
            jdkThreads.shutdownNow();
        }
    }
}
