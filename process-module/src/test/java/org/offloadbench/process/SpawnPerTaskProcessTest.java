package org.offloadbench.process;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.offloadbench.core.offload.Offloader;
import org.offloadbench.core.offload.OffloaderConfig;
import org.offloadbench.core.offload.Task;
import org.offloadbench.core.offload.TaskResult;
import org.offloadbench.core.workload.InputSpec;
import org.offloadbench.core.workload.Workload;
import org.offloadbench.core.workload.WorkloadCatalogue;

/** What sets the seed's pattern apart: a new child JVM per task, never reused, and concurrent callers served. */
@Timeout(value = 180, unit = TimeUnit.SECONDS)
class SpawnPerTaskProcessTest {
    private static OffloaderConfig config(int workers, int queue) {
        OffloaderConfig c = OffloaderConfig.of(workers, queue);
        for (var option : TestPools.FAST_CHILDREN.entrySet()) {
            c = c.withOption(option.getKey(), option.getValue());
        }
        return c;
    }

    @Test
    void everyTaskRunsInAChildOfItsOwn() throws Exception {
        try (Offloader o = new SpawnPerTaskProcessProvider().create(config(1, 8))) {
            Set<String> children = new HashSet<>();
            for (int i = 0; i < 4; i++) {
                byte[] input = {(byte) i, 2, 3};
                TaskResult r = o.submit(Task.of("echo", input)).get(60, TimeUnit.SECONDS);
                assertArrayEquals(input, r.output());
                children.add(r.workerId());
            }
            assertEquals(4, children.size(), "one new child per task: " + children);
            // the answer comes before the child's exit; it must not stay behind
            org.offloadbench.core.conformance.Await.until("no child outlives its task", () -> o.workerPids().isEmpty(),
                    () -> o.workerPids().toString());
        }
    }

    @Test
    void concurrentSubmittersAllGetTheirOwnResults() throws Exception {
        Workload sha = WorkloadCatalogue.load().get("sha256");
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try (Offloader o = new SpawnPerTaskProcessProvider().create(config(2, 64))) {
            List<Future<List<Boolean>>> all = new ArrayList<>();
            for (int s = 0; s < 8; s++) {
                int seed = s;
                all.add(pool.submit(() -> {
                    List<CompletableFuture<TaskResult>> mine = new ArrayList<>();
                    List<byte[]> inputs = new ArrayList<>();
                    for (int i = 0; i < 6; i++) {
                        byte[] input = sha.generateInput(InputSpec.of(seed * 10L + i, 256));
                        inputs.add(input);
                        mine.add(o.submit(Task.of(sha.id(), input.clone())));
                    }
                    List<Boolean> ok = new ArrayList<>();
                    for (int i = 0; i < mine.size(); i++) {
                        ok.add(java.util.Arrays.equals(sha.execute(inputs.get(i)), mine.get(i).get(120, TimeUnit.SECONDS).output()));
                    }
                    return ok;
                }));
            }
            int verified = 0;
            for (Future<List<Boolean>> f : all) {
                for (boolean ok : f.get(150, TimeUnit.SECONDS)) {
                    assertTrue(ok, "output differs from a direct run");
                    verified++;
                }
            }
            assertEquals(48, verified);
            assertEquals(48, o.stats().completed(), o.stats().toString());
        } finally {
            pool.shutdownNow();
        }
    }
}
