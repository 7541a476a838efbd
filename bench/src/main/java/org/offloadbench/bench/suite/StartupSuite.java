package org.offloadbench.bench.suite;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.offloadbench.bench.rig.PreparedInput;
import org.offloadbench.bench.rig.SuiteContext;
import org.offloadbench.core.measure.ResidentMemory;
import org.offloadbench.core.measure.SampleStats;
import org.offloadbench.core.offload.Offloader;
import org.offloadbench.core.result.Metric;

/**
 * How long until the first result, and what does a worker cost in memory? Each repetition creates the
 * model cold (create() returns when its workers are ready), sends one hand-off-only task, and closes it.
 * Memory per worker: the resident size of the processes the model started (child JVMs, servers), divided
 * by the workers; when it started none (in-process models), the growth of this JVM's resident size, which
 * is noisier (allocation and JIT share it) and is reported as measured, not corrected.
 */
public final class StartupSuite implements Suite {
    private static final long FIRST_RESULT_TIMEOUT_SECONDS = 60;
    private static final double MIB = 1024.0 * 1024.0;

    private final ResidentMemory memory;

    public StartupSuite() {
        this(ResidentMemory.ofThisMachine());
    }

    StartupSuite(ResidentMemory memory) {
        this.memory = memory;
    }

    @Override
    public String name() {
        return "startup";
    }

    @Override
    public String question() {
        return "how long until the first result, and memory per worker?";
    }

    @Override
    public Optional<String> skipReason(SuiteContext ctx) {
        String id = ctx.plan().overheadWorkload();
        return ctx.catalogue().contains(id) ? Optional.empty()
                : Optional.of("workload '" + id + "' is not in the catalogue; valid: " + String.join(", ", ctx.catalogue().ids()));
    }

    /** One worker and the machine's cores: the smallest start and a realistic pool. */
    static List<Integer> workerCounts(SuiteContext ctx) {
        if (ctx.plan().profile() == org.offloadbench.bench.plan.Profile.QUICK) {
            return List.of(1); // a smoke run: one worker's start; standard adds workers = cores
        }
        return new TreeSet<>(List.of(1, ctx.cores())).stream().toList();
    }

    @Override
    public int steps(SuiteContext ctx) {
        return ctx.models().size() * workerCounts(ctx).size();
    }

    @Override
    public long estimateSeconds(SuiteContext ctx) {
        // each repeat: the model's declared start, its first result and its close
        double seconds = 0;
        for (String model : ctx.models()) {
            for (int workers : workerCounts(ctx)) {
                seconds += ctx.plan().settings().startupRepeats() * (0.1 + Estimates.startSeconds(ctx, model, workers));
            }
        }
        return Math.round(seconds);
    }

    @Override
    public void run(SuiteContext ctx) throws Exception {
        PreparedInput input = ctx.prepare(ctx.plan().overheadWorkload(), OverheadSuite.PAYLOAD_BYTES);
        int repeats = ctx.plan().settings().startupRepeats();
        for (String model : ctx.models()) {
            if (!ctx.runs(model, ctx.plan().overheadWorkload())) {
                continue;
            }
            for (int workers : workerCounts(ctx)) {
                ctx.checkStop();
                ctx.progress().step(model + " workers=" + workers + " x" + repeats);
                double[] ready = new double[repeats];
                double[] first = new double[repeats];
                double[] perWorker = new double[repeats];
                boolean memoryKnown = true;
                try {
                    for (int r = 0; r < repeats; r++) {
                        ctx.checkStop();
                        Sample sample = once(ctx, model, workers, input);
                        ready[r] = sample.readyMillis;
                        first[r] = sample.firstMillis;
                        memoryKnown &= sample.memoryPerWorkerMiB >= 0;
                        perWorker[r] = sample.memoryPerWorkerMiB;
                    }
                } catch (InterruptedException e) {
                    throw e;
                } catch (RuntimeException | OutOfMemoryError | StackOverflowError
                         | java.util.concurrent.ExecutionException
                         | java.util.concurrent.TimeoutException e) {
                    ctx.checkStop();
                    ctx.failed(model + " workers=" + workers, e);
                    continue;
                }
                Map<String, String> params = Map.of("workers", Integer.toString(workers));
                String workload = ctx.plan().overheadWorkload();
                ctx.sink().add(name(), model, workload, params, Metric.STARTUP_TO_READY, SampleStats.of(ready));
                ctx.sink().add(name(), model, workload, params, Metric.STARTUP_TO_FIRST_RESULT, SampleStats.of(first));
                if (memoryKnown) {
                    ctx.sink().add(name(), model, workload, params, Metric.MEMORY_PER_WORKER, SampleStats.of(perWorker));
                } else {
                    ctx.note(model + ": resident memory unknown here (no /proc), memory-per-worker not recorded");
                }
            }
        }
    }

    private record Sample(double readyMillis, double firstMillis, double memoryPerWorkerMiB) {
    }

    private Sample once(SuiteContext ctx, String model, int workers, PreparedInput input) throws Exception {
        Set<Long> childrenBefore = descendants();
        OptionalLong selfBefore = memory.selfRssBytes();
        long t0 = ctx.clock().nanoTime();
        Offloader offloader = ctx.open(model, workers);
        try {
            long t1 = ctx.clock().nanoTime();
            input.verifierFor(model).verify(offloader.submit(input.task())
                    .get(FIRST_RESULT_TIMEOUT_SECONDS, TimeUnit.SECONDS));
            long t2 = ctx.clock().nanoTime();
            double mib = memoryPerWorker(childrenBefore, selfBefore, workers);
            return new Sample((t1 - t0) / 1e6, (t2 - t0) / 1e6, mib);
        } finally {
            ctx.close(offloader);
        }
    }

    /** MiB per worker, or -1 when unknown. */
    private double memoryPerWorker(Set<Long> before, OptionalLong selfBefore, int workers) {
        Set<Long> started = descendants();
        started.removeAll(before);
        if (!started.isEmpty()) {
            long total = 0;
            for (long pid : started) {
                total += memory.rssBytes(pid).orElse(0);
            }
            return total / MIB / workers;
        }
        OptionalLong selfAfter = memory.selfRssBytes();
        if (selfBefore.isEmpty() || selfAfter.isEmpty()) {
            return -1;
        }
        return Math.max(0, selfAfter.getAsLong() - selfBefore.getAsLong()) / MIB / workers;
    }

    private static Set<Long> descendants() {
        return ProcessHandle.current().descendants().map(ProcessHandle::pid)
                .collect(Collectors.toCollection(TreeSet::new));
    }
}
