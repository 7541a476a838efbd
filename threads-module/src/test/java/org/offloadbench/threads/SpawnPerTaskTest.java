package org.offloadbench.threads;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.offloadbench.core.offload.Offloader;
import org.offloadbench.core.offload.OffloaderConfig;
import org.offloadbench.core.offload.Task;
import org.offloadbench.core.offload.TaskResult;
import org.offloadbench.core.workload.fault.FaultSleep;

/** What sets the seed's pattern apart from a pool: a new thread per task, and none for a task still waiting. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class SpawnPerTaskTest {
    private static final FaultSleep SLEEP = new FaultSleep();

    @Test
    void everyTaskRunsOnAThreadOfItsOwn() throws Exception {
        try (Offloader o = new SpawnPerTaskOffloader(OffloaderConfig.of(1, 16))) {
            Set<String> workers = new HashSet<>();
            for (int i = 0; i < 20; i++) {
                TaskResult r = o.submit(Task.of(FaultSleep.ID, SLEEP.input(0))).get(10, TimeUnit.SECONDS);
                workers.add(r.workerId());
            }
            assertEquals(20, workers.size(), "one new thread per task, never reused: " + workers);
        }
    }

    @Test
    void waitingTasksHoldNoThreadAndAllComplete() throws Exception {
        try (Offloader o = new SpawnPerTaskOffloader(OffloaderConfig.of(2, 64))) {
            List<CompletableFuture<TaskResult>> futures = new ArrayList<>();
            for (int i = 0; i < 40; i++) {
                futures.add(o.submit(Task.of(FaultSleep.ID, SLEEP.input(5))));
            }
            int maxWorkers = 0;
            for (CompletableFuture<TaskResult> f : futures) {
                maxWorkers = Math.max(maxWorkers, o.stats().workers());
                f.get(30, TimeUnit.SECONDS);
            }
            assertTrue(maxWorkers <= 2, "at most 'workers' threads live at once, saw " + maxWorkers);
            assertEquals(40, o.stats().completed(), o.stats().toString());
        }
    }
}
