package org.offloadbench.cluster.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.offloadbench.core.workload.fault.FaultHang;
import org.offloadbench.cluster.balance.Backend;
import org.offloadbench.cluster.http.BackendAddress;
import org.offloadbench.cluster.worker.HttpWorker;
import org.offloadbench.cluster.worker.HttpWorkerConfig;
import org.offloadbench.core.wire.FrameLimits;
import org.offloadbench.core.worker.TaskExecutor;
import org.offloadbench.core.workload.WorkloadCatalogue;

/** Health checks mark a worker down and up again, and carry its abandoned-task count to the client. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class HealthCheckerTest {

    @Test
    void marksDownAndUpAndSumsAbandonedTasks() throws Exception {
        HttpWorker worker = HttpWorker.start(HttpWorkerConfig.defaults(),
                new TaskExecutor(WorkloadCatalogue.load(), FrameLimits.DEFAULT), System.err);
        BackendAddress address = new BackendAddress("127.0.0.1", worker.port());
        Backend backend = new Backend(0, address, address);
        backend.markDown();
        try (HealthChecker checker = new HealthChecker(List.of(backend), 20, "health-test", System::nanoTime)) {
            checker.start();
            await("up", backend::isUp);
            // a client that hangs up on a task that ignores interrupts: the worker abandons it
            try (Socket s = new Socket("127.0.0.1", worker.port())) {
                byte[] body = new FaultHang().input(5_000);
                s.getOutputStream().write(("POST /v1/run/" + FaultHang.ID + " HTTP/1.1\r\nHost: x\r\n"
                        + "Content-Length: " + body.length + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
                s.getOutputStream().write(body);
                s.getOutputStream().flush();
                Thread.sleep(200);
            }
            await("abandoned reported", () -> checker.abandoned() == 1);
            worker.close();
            await("down", () -> !backend.isUp());
            assertFalse(backend.isUp());
            assertEquals(1, checker.abandoned());
        } finally {
            worker.close();
        }
    }

    static void await(String what, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (!condition.getAsBoolean()) {
            assertTrue(System.nanoTime() < deadline, "gave up waiting for " + what);
            Thread.sleep(10);
        }
    }
}
