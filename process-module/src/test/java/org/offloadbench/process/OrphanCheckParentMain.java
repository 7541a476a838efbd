package org.offloadbench.process;

import java.util.Map;
import org.offloadbench.core.offload.OffloaderConfig;
import org.offloadbench.core.offload.Task;

/**
 * A parent JVM for the orphan test: starts a two-child pool, runs one task, prints the child pids on one line
 * ("pids 123 456") and then waits to be killed. The test SIGKILLs it and checks the children go too.
 */
public final class OrphanCheckParentMain {
    private OrphanCheckParentMain() {
    }

    public static void main(String[] args) throws Exception {
        PipesOffloader pool = new PipesOffloader(PipesSettings.from(PipesOffloader.NAME,
                new OffloaderConfig(2, 8, Map.of("heap", "48m", "tiering", "c1", "gc", "serial"))));
        pool.submit(Task.of("noop", new byte[64])).get();
        StringBuilder line = new StringBuilder("pids");
        pool.childPids().forEach(p -> line.append(' ').append(p));
        System.out.println(line);
        System.out.flush();
        Thread.sleep(120_000);
        pool.close();
    }
}
