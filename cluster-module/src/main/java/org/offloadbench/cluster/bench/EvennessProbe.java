package org.offloadbench.cluster.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.offloadbench.cluster.client.ClusterOffloader;
import org.offloadbench.core.offload.OffloaderConfig;
import org.offloadbench.core.offload.OffloaderRegistry;
import org.offloadbench.core.offload.Task;
import org.offloadbench.core.offload.TaskResult;

/**
 * How evenly does each balancer spread requests? For every balancer, with persistent and with short-lived
 * (one per request) connections: {@code requests} noop requests from {@code concurrency} outstanding at a
 * time over {@code workers} workers; prints the requests each worker answered and their coefficient of
 * variation (standard deviation / mean; 0 = perfectly even). Bounded in count (requests) and time (60 s per
 * request at most).
 *
 * <p>Run: {@code java -cp cluster-module/target/benchmarks.jar org.offloadbench.cluster.bench.EvennessProbe [workers] [requests] [concurrency]}
 */
public final class EvennessProbe {
    private EvennessProbe() {
    }

    public static void main(String[] args) throws Exception {
        int workers = args.length > 0 ? Integer.parseInt(args[0]) : 4;
        int requests = args.length > 1 ? Integer.parseInt(args[1]) : 2000;
        int concurrency = args.length > 2 ? Integer.parseInt(args[2]) : 4;
        System.out.printf("%-16s %-12s %8s  %s%n", "balancer", "connections", "CV", "requests per worker");
        for (String model : List.of("cluster/kernel", "cluster/primary", "cluster/nginx")) {
            if (!OffloaderRegistry.load().get(model).availability().available()) {
                System.out.printf("%-16s unavailable: %s%n", model, OffloaderRegistry.load().get(model).availability().reason());
                continue;
            }
            for (String connections : List.of("persistent", "per-request")) {
                OffloaderConfig config = OffloaderConfig.of(workers, requests).withOption("connections", connections);
                try (ClusterOffloader o = (ClusterOffloader) OffloaderRegistry.load().get(model).create(config)) {
                    run(o, requests, concurrency);
                    Map<String, Long> per = o.answeredByWorker();
                    List<Long> counts = new ArrayList<>(per.values());
                    while (counts.size() < workers) {
                        counts.add(0L); // a worker that answered nothing
                    }
                    System.out.printf("%-16s %-12s %8.3f  %s%n", model, connections, cv(counts), counts);
                }
            }
        }
    }

    private static void run(ClusterOffloader o, int requests, int concurrency) throws Exception {
        byte[] input = new byte[64];
        List<CompletableFuture<TaskResult>> window = new ArrayList<>();
        for (int i = 0; i < requests; i++) {
            window.add(o.submit(Task.of("noop", input)));
            if (window.size() == concurrency) {
                for (CompletableFuture<TaskResult> f : window) {
                    f.get(60, TimeUnit.SECONDS);
                }
                window.clear();
            }
        }
        for (CompletableFuture<TaskResult> f : window) {
            f.get(60, TimeUnit.SECONDS);
        }
    }

    /** Coefficient of variation of the counts (population standard deviation / mean). */
    public static double cv(List<Long> counts) {
        double mean = counts.stream().mapToLong(Long::longValue).average().orElse(0);
        if (mean == 0) {
            return 0;
        }
        double var = counts.stream().mapToDouble(c -> (c - mean) * (c - mean)).sum() / counts.size();
        return Math.sqrt(var) / mean;
    }
}
