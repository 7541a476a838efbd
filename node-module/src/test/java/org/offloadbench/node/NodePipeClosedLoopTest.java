package org.offloadbench.node;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.offloadbench.core.offload.Offloader;
import org.offloadbench.core.offload.OffloaderConfig;
import org.offloadbench.core.offload.OffloaderProvider;
import org.offloadbench.core.offload.Task;
import org.offloadbench.core.offload.TaskResult;
import org.offloadbench.core.workload.InputSpec;
import org.offloadbench.core.workload.Workload;
import org.offloadbench.core.workload.WorkloadCatalogue;

/**
 * A closed loop through a pipe model, as the bench drives one: each completion submits the next task from its
 * callback, which runs on the thread that reads node's answers. With payloads far bigger than a pipe's buffer,
 * that thread writing the next request to node's stdin while node blocks writing an answer to stdout would be a
 * deadlock; every task must come back, with the bytes of a direct run.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class NodePipeClosedLoopTest {
    private static final int CHAINS = 2;
    private static final int TASKS_PER_CHAIN = 24;
    private static final int PAYLOAD_BYTES = 1 << 20;

    static List<OffloaderProvider> pipeModels() {
        return List.of(new WorkerThreadsProvider(), new ChildProcessProvider(), new SharedArrayBufferProvider());
    }

    @ParameterizedTest
    @MethodSource("pipeModels")
    void completionCallbacksThatSubmitBigTasksNeverDeadlock(OffloaderProvider provider) throws Exception {
        assumeTrue(NodeModels.findNode().isPresent(), NodeModels.availability().reason());
        Workload echo = WorkloadCatalogue.load().get("echo");
        byte[] input = echo.generateInput(InputSpec.of(7, PAYLOAD_BYTES));
        byte[] expected = echo.execute(input.clone());
        try (Offloader offloader = provider.create(OffloaderConfig.of(2, 4))) {
            AtomicInteger matched = new AtomicInteger();
            CompletableFuture<?>[] chains = new CompletableFuture<?>[CHAINS];
            for (int c = 0; c < CHAINS; c++) {
                chains[c] = chain(offloader, input, expected, TASKS_PER_CHAIN, matched);
            }
            try {
                CompletableFuture.allOf(chains).get(60, TimeUnit.SECONDS);
            } catch (TimeoutException e) {
                throw new AssertionError(provider.name() + ": the closed loop stalled after " + matched.get()
                        + " of " + CHAINS * TASKS_PER_CHAIN + " tasks; " + offloader.stats(), e);
            }
            assertEquals(CHAINS * TASKS_PER_CHAIN, matched.get());
            assertEquals(CHAINS * TASKS_PER_CHAIN, offloader.stats().completed(), offloader.stats().toString());
            offloader.close(Duration.ofSeconds(10));
        }
    }

    /** Runs {@code left} tasks one after another, each submitted from the previous one's completion. */
    private static CompletableFuture<Void> chain(Offloader offloader, byte[] input, byte[] expected, int left,
                                                 AtomicInteger matched) {
        return offloader.submit(Task.of("echo", input.clone())).thenCompose((TaskResult r) -> {
            assertArrayEquals(expected, r.output(), "echo bytes differ from a direct run");
            matched.incrementAndGet();
            return left == 1 ? CompletableFuture.completedFuture(null)
                    : chain(offloader, input, expected, left - 1, matched);
        });
    }
}
