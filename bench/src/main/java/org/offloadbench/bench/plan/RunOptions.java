package org.offloadbench.bench.plan;

import java.nio.file.Path;
import java.util.List;

/**
 * What the user asked for, before validation; empty lists mean "the default" (for copyWorkloads: echo and
 * sha256, trimmed by the profile). {@code models} may hold variants ({@code shm/zero-copy[wait=spin]});
 * {@code modelOptions} holds {@code --model-option MODEL:key=value} items. {@link RunPlanner} turns it
 * into a {@link RunPlan} or a {@link UsageException}.
 */
public record RunOptions(String profile, List<String> suites, List<String> models, List<String> workloads,
                         List<String> sizes, List<String> workers, List<String> forkJvmArgs, Path outDir,
                         String overheadWorkload, List<String> copyWorkloads, List<String> faults,
                         double timeScale, List<String> modelOptions) {

    public RunOptions {
        suites = List.copyOf(suites);
        models = List.copyOf(models);
        workloads = List.copyOf(workloads);
        sizes = List.copyOf(sizes);
        workers = List.copyOf(workers);
        forkJvmArgs = List.copyOf(forkJvmArgs);
        copyWorkloads = List.copyOf(copyWorkloads);
        faults = List.copyOf(faults);
        modelOptions = List.copyOf(modelOptions);
    }

    public static RunOptions defaults(Path outDir) {
        return new RunOptions("standard", List.of(), List.of(), List.of(), List.of(), List.of(), List.of(), outDir,
                "noop", List.of(), List.of(), 1.0, List.of());
    }

    public RunOptions withProfile(String p) {
        return new RunOptions(p, suites, models, workloads, sizes, workers, forkJvmArgs, outDir, overheadWorkload,
                copyWorkloads, faults, timeScale, modelOptions);
    }

    public RunOptions withSuites(List<String> s) {
        return new RunOptions(profile, s, models, workloads, sizes, workers, forkJvmArgs, outDir, overheadWorkload,
                copyWorkloads, faults, timeScale, modelOptions);
    }

    public RunOptions withModels(List<String> m) {
        return new RunOptions(profile, suites, m, workloads, sizes, workers, forkJvmArgs, outDir, overheadWorkload,
                copyWorkloads, faults, timeScale, modelOptions);
    }

    public RunOptions withWorkloads(List<String> w) {
        return new RunOptions(profile, suites, models, w, sizes, workers, forkJvmArgs, outDir, overheadWorkload,
                copyWorkloads, faults, timeScale, modelOptions);
    }

    public RunOptions withSizes(List<String> s) {
        return new RunOptions(profile, suites, models, workloads, s, workers, forkJvmArgs, outDir, overheadWorkload,
                copyWorkloads, faults, timeScale, modelOptions);
    }

    public RunOptions withWorkers(List<String> w) {
        return new RunOptions(profile, suites, models, workloads, sizes, w, forkJvmArgs, outDir, overheadWorkload,
                copyWorkloads, faults, timeScale, modelOptions);
    }

    public RunOptions withRoles(String overhead, List<String> copy, List<String> faultIds) {
        return new RunOptions(profile, suites, models, workloads, sizes, workers, forkJvmArgs, outDir, overhead,
                copy, faultIds, timeScale, modelOptions);
    }

    public RunOptions withForkJvmArgs(List<String> flags) {
        return new RunOptions(profile, suites, models, workloads, sizes, workers, flags, outDir, overheadWorkload,
                copyWorkloads, faults, timeScale, modelOptions);
    }

    public RunOptions withTimeScale(double scale) {
        return new RunOptions(profile, suites, models, workloads, sizes, workers, forkJvmArgs, outDir, overheadWorkload,
                copyWorkloads, faults, scale, modelOptions);
    }

    /** {@code --model-option MODEL:key=value} items. */
    public RunOptions withModelOptions(List<String> items) {
        return new RunOptions(profile, suites, models, workloads, sizes, workers, forkJvmArgs, outDir, overheadWorkload,
                copyWorkloads, faults, timeScale, items);
    }
}
