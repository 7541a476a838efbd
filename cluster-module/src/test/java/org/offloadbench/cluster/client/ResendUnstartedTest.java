package org.offloadbench.cluster.client;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.offloadbench.cluster.balance.Backend;
import org.offloadbench.cluster.http.BackendAddress;
import org.offloadbench.cluster.worker.HttpWorker;
import org.offloadbench.cluster.worker.HttpWorkerConfig;
import org.offloadbench.core.offload.Task;
import org.offloadbench.core.offload.TaskResult;
import org.offloadbench.core.wire.FrameLimits;
import org.offloadbench.core.worker.TaskExecutor;
import org.offloadbench.core.workload.WorkloadCatalogue;
import org.offloadbench.core.workload.fault.FaultSleep;

/**
 * A balancer that loses a connection (node's cluster primary handing it to a worker that just died): the
 * request waits with nothing to answer or close it until the client is told a worker died, then it is resent
 * and answered; a request a worker has already started is left alone.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class ResendUnstartedTest {

    @Test
    void aRequestOnALostConnectionIsResentOnceAWorkerDeathIsKnown() throws Exception {
        HttpWorker worker = HttpWorker.start(HttpWorkerConfig.defaults(),
                new TaskExecutor(WorkloadCatalogue.load(), FrameLimits.DEFAULT), System.err);
        try (LossyBalancer balancer = new LossyBalancer(worker.port(), 1)) {
            BackendAddress front = new BackendAddress("127.0.0.1", balancer.port());
            BackendAddress direct = new BackendAddress("127.0.0.1", worker.port());
            Router router = Router.fixed(front, List.of(new Backend(0, direct, direct)), "lossy test balancer");
            ClientSettings settings = new ClientSettings(1, 4, true, 1_000, 2_000, 10_000, 10_000, true);
            ClusterOffloader client = new ClusterOffloader("test/lossy", settings, router, null, List.of(),
                    System::nanoTime);
            try {
                byte[] input = {1, 2, 3, 4, 5};
                CompletableFuture<TaskResult> lost = client.submit(Task.of("echo", input.clone()));
                Thread.sleep(300);
                assertFalse(lost.isDone(), "the balancer swallowed the first connection: nothing can answer it");
                assertEquals(1, client.resendUnstarted());
                assertArrayEquals(input, lost.get(20, TimeUnit.SECONDS).output());
                assertEquals(1, client.retried());

                // started (its 102 came back): a worker has it, so a later worker death does not resend it
                CompletableFuture<TaskResult> running = client.submit(Task.of(FaultSleep.ID,
                        new FaultSleep().input(600)));
                HealthCheckerTest.await("the sleep started", () -> client.stats().inFlight() == 1);
                assertEquals(0, client.resendUnstarted());
                running.get(20, TimeUnit.SECONDS);
                assertEquals(1, client.retried());
                assertEquals(2, client.stats().completed());
            } finally {
                client.close(Duration.ofSeconds(5));
            }
        } finally {
            worker.close();
        }
    }

    /** Relays loopback connections to one worker, except the first {@code swallow}: those it holds, mute. */
    private static final class LossyBalancer implements AutoCloseable {
        private final ServerSocket server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        private final List<Socket> sockets = new CopyOnWriteArrayList<>();
        private final Thread acceptor;

        LossyBalancer(int workerPort, int swallow) throws IOException {
            AtomicInteger accepted = new AtomicInteger();
            acceptor = new Thread(() -> {
                try {
                    for (;;) {
                        Socket in = server.accept();
                        sockets.add(in);
                        if (accepted.incrementAndGet() <= swallow) {
                            continue; // held open and never read: a lost hand-off
                        }
                        Socket out = new Socket(InetAddress.getLoopbackAddress(), workerPort);
                        sockets.add(out);
                        relay(in.getInputStream(), out.getOutputStream());
                        relay(out.getInputStream(), in.getOutputStream());
                    }
                } catch (IOException e) {
                    // closed
                }
            }, "lossy-balancer");
            acceptor.setDaemon(true);
            acceptor.start();
        }

        int port() {
            return server.getLocalPort();
        }

        private static void relay(InputStream from, OutputStream to) {
            Thread t = new Thread(() -> {
                try {
                    from.transferTo(to);
                } catch (IOException e) {
                    // one side closed: the test's connections end with it
                }
            }, "lossy-relay");
            t.setDaemon(true);
            t.start();
        }

        @Override
        public void close() throws IOException {
            server.close();
            for (Socket s : sockets) {
                s.close();
            }
        }
    }
}
