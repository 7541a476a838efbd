package org.offloadbench.bench.testkit;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.UnaryOperator;
import org.offloadbench.core.offload.Availability;
import org.offloadbench.core.offload.ModelTraits;
import org.offloadbench.core.offload.OffloadException;
import org.offloadbench.core.offload.Offloader;
import org.offloadbench.core.offload.OffloaderConfig;
import org.offloadbench.core.offload.OffloaderProvider;
import org.offloadbench.core.offload.OffloaderStats;
import org.offloadbench.core.offload.Task;
import org.offloadbench.core.offload.TaskResult;
import org.offloadbench.core.offload.options.ModelOptions;
import org.offloadbench.core.offload.options.OptionSpec;
import org.offloadbench.core.offload.options.OptionUnit;
import org.offloadbench.core.workload.Checksums;
import org.offloadbench.core.workload.Workload;
import org.offloadbench.core.workload.WorkloadCatalogue;

/**
 * A test-only in-process model, {@code bench-test/pool}: a fixed thread pool with per-task timeouts from
 * the start of execution. It counts open instances so tests can assert that the runner closed them all.
 */
public class TestPoolProvider implements OffloaderProvider {
    public static final String NAME = "bench-test/pool";
    /** Offloaders created and not yet closed, across all instances. */
    public static final AtomicInteger OPEN = new AtomicInteger();
    /** Test-only options: checked like a real model's, recorded in {@link #CREATED_WITH}, no effect on the pool. */
    public static final List<OptionSpec> OPTIONS = List.of(
            OptionSpec.choice("wait", "park", List.of("spin", "park"), "test-only: recorded, changes nothing"),
            OptionSpec.integer("spinMicros", 0, 0, 1000, OptionUnit.MICROS, "test-only: recorded, changes nothing"));
    /** The options of every offloader created, in order. */
    public static final Queue<Map<String, String>> CREATED_WITH = new ConcurrentLinkedQueue<>();

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String description() {
        return "test-only thread pool";
    }

    @Override
    public Availability availability() {
        return Availability.yes();
    }

    @Override
    public ModelTraits traits() {
        return new ModelTraits("threads", "heap", "the whole process", true, "nothing", "worker_threads");
    }

    @Override
    public List<OptionSpec> options() {
        return OPTIONS;
    }

    @Override
    public Offloader create(OffloaderConfig config) {
        CREATED_WITH.add(ModelOptions.parse(NAME, OPTIONS, config.options()).given());
        return new PoolOffloader(NAME, config.workers(), WorkloadCatalogue.load(), UnaryOperator.identity());
    }

    /** The same pool, but every reply has one byte flipped: a model that must never look fast. */
    public static Offloader mangling(String name, int workers) {
        return new PoolOffloader(name, workers, WorkloadCatalogue.load(), bytes -> {
            byte[] out = bytes.clone();
            if (out.length > 0) {
                out[0] ^= 1;
            }
            return out;
        });
    }

    static final class PoolOffloader implements Offloader {
        private final String name;
        private final int workers;
        private final WorkloadCatalogue catalogue;
        private final UnaryOperator<byte[]> transit;
        private final ExecutorService pool;
        private final ScheduledExecutorService timer;
        private final AtomicLong completed = new AtomicLong();
        private final AtomicLong failed = new AtomicLong();
        private final AtomicLong timedOut = new AtomicLong();
        private volatile boolean closed;

        PoolOffloader(String name, int workers, WorkloadCatalogue catalogue, UnaryOperator<byte[]> transit) {
            this.name = name;
            this.workers = workers;
            this.catalogue = catalogue;
            this.transit = transit;
            AtomicInteger n = new AtomicInteger();
            this.pool = Executors.newFixedThreadPool(workers, r -> {
                Thread t = new Thread(r, "bench-test-pool-" + n.incrementAndGet());
                t.setDaemon(true);
                return t;
            });
            this.timer = Executors.newSingleThreadScheduledExecutor(r -> {
                Thread t = new Thread(r, "bench-test-pool-timer");
                t.setDaemon(true);
                return t;
            });
            OPEN.incrementAndGet();
        }

        @Override
        public String name() {
            return name;
        }

        @Override
        public CompletableFuture<TaskResult> submit(Task task) {
            CompletableFuture<TaskResult> result = new CompletableFuture<>();
            if (closed) {
                result.completeExceptionally(OffloadException.closed(name + " is closed"));
                return result;
            }
            Workload workload;
            try {
                workload = catalogue.get(task.workloadId());
            } catch (IllegalArgumentException e) {
                result.completeExceptionally(OffloadException.badRequest(e.getMessage()));
                return result;
            }
            long submitted = System.nanoTime();
            byte[] input = task.input().clone();
            try {
                pool.submit(() -> run(task, workload, input, submitted, result));
            } catch (java.util.concurrent.RejectedExecutionException e) {
                result.completeExceptionally(OffloadException.closed(name + " is closed"));
            }
            return result;
        }

        private void run(Task task, Workload workload, byte[] input, long submitted, CompletableFuture<TaskResult> result) {
            long start = System.nanoTime();
            Thread worker = Thread.currentThread();
            Future<?> timeout = task.hasTimeout() ? timer.schedule(() -> {
                if (result.completeExceptionally(OffloadException.timedOut(task.workloadId() + " ran longer than "
                        + TimeUnit.NANOSECONDS.toMillis(task.timeoutNanos()) + " ms"))) {
                    timedOut.incrementAndGet();
                    worker.interrupt();
                }
            }, task.timeoutNanos(), TimeUnit.NANOSECONDS) : null;
            try {
                byte[] out = workload.execute(input);
                long checksum = Checksums.of(out);
                if (result.complete(new TaskResult(transit.apply(out), checksum, start - submitted,
                        System.nanoTime() - start, worker.getName()))) {
                    completed.incrementAndGet();
                }
            } catch (Throwable t) {
                if (result.completeExceptionally(OffloadException.workloadFailed(String.valueOf(t), t))) {
                    failed.incrementAndGet();
                }
            } finally {
                if (timeout != null) {
                    timeout.cancel(false);
                }
                Thread.interrupted();
            }
        }

        @Override
        public OffloaderStats stats() {
            return new OffloaderStats(workers, 0, 0, completed.get(), failed.get(), timedOut.get(), 0, 0, 0, 0);
        }

        @Override
        public boolean close(Duration timeout) {
            if (closed) {
                return true;
            }
            closed = true;
            pool.shutdown();
            boolean clean;
            try {
                clean = pool.awaitTermination(timeout.toMillis(), TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                clean = false;
            }
            pool.shutdownNow();
            timer.shutdownNow();
            OPEN.decrementAndGet();
            return clean;
        }
    }
}
