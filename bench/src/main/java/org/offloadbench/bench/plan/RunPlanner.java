package org.offloadbench.bench.plan;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.offloadbench.core.offload.OffloaderRegistry;
import org.offloadbench.core.workload.Workload;
import org.offloadbench.core.workload.WorkloadCatalogue;
import org.offloadbench.core.workload.WorkloadClass;

/** Validates {@link RunOptions} against what is on the classpath and fills in the defaults. */
public final class RunPlanner {
    /** The data-moving workloads of the copy suite when none are named (quick keeps the first). */
    public static final List<String> DEFAULT_COPY_WORKLOADS = List.of("echo", "sha256");
    private final OffloaderRegistry registry;
    private final WorkloadCatalogue catalogue;
    private final List<String> suiteNames;
    private final int cores;

    public RunPlanner(OffloaderRegistry registry, WorkloadCatalogue catalogue, List<String> suiteNames, int cores) {
        this.registry = registry;
        this.catalogue = catalogue;
        this.suiteNames = List.copyOf(suiteNames);
        this.cores = cores;
    }

    /** The longest --time-scale: a full run stretched 100 times is days; beyond that it is a typo. */
    static final double MAX_TIME_SCALE = 100;

    /** @throws UsageException naming the bad value and the valid choices */
    public RunPlan plan(RunOptions o) {
        Profile profile = Profile.parse(o.profile());
        List<String> suites = o.suites().isEmpty() ? suiteNames : pick("suite", split(o.suites()), suiteNames);
        List<ModelRow> rows = new ModelRows(registry).plan(ModelRows.split(o.models()), o.modelOptions());
        List<String> models = rows.stream().map(ModelRow::name).toList();
        List<String> normalIds = catalogue.all().stream().filter(w -> w.workloadClass() != WorkloadClass.FAULT)
                .map(Workload::id).toList();
        List<String> workloads = o.workloads().isEmpty() ? normalIds : pick("workload", split(o.workloads()), normalIds);
        List<Integer> workers = o.workers().isEmpty() ? defaultWorkers(profile, cores) : workers(split(o.workers()));
        if (!(o.timeScale() > 0 && o.timeScale() <= MAX_TIME_SCALE)) {
            throw new UsageException("--time-scale must be a number above 0 and at most " + (int) MAX_TIME_SCALE
                    + " (2 doubles every warm-up and measurement), was " + o.timeScale());
        }
        ProfileSettings settings = profile.settingsFor(models.size(), o.timeScale());
        List<Integer> sizes = o.sizes().isEmpty() ? settings.copySizes() : Sizes.parseList(o.sizes());
        if (sizes.isEmpty()) {
            throw new UsageException("--sizes is empty; give sizes like 64B,1KiB,16MiB");
        }
        // what the user named explicitly is measured in full; the profile only trims its own defaults
        List<String> copy = o.copyWorkloads().isEmpty() ? cap(DEFAULT_COPY_WORKLOADS, settings.copyWorkloadsMax())
                : split(o.copyWorkloads());
        // every CPU workload gets a saturated step at workers = cores (a verdict for every workload class); the
        // profile's cpuWorkloadsMax only trims which of them also get the worker sweep and the latency steps
        List<String> cpu = cpuWorkloads(workloads, 0);
        if (!o.workloads().isEmpty()) {
            settings = settings.withCpuWorkloadsMax(0);
        }
        return new RunPlan(profile, settings, suites, models, workloads, sizes, workers,
                ForkHeap.withDefault(o.forkJvmArgs()),
                o.outDir(), o.overheadWorkload(), copy, faults(profile, o.faults()), cpu, o.timeScale(), rows,
                !o.models().isEmpty());
    }

    /**
     * CPU-heavy picks first, in {@link #PREFERRED_CPU_WORKLOADS} order (the issues' scaling targets name
     * sha256 and sum-loop; then one workload per class), user workloads after the built-ins; when only
     * transport workloads were selected, those.
     */
    private List<String> cpuWorkloads(List<String> selected, int max) {
        List<String> heavy = selected.stream().filter(id -> RunPlan.isCpuHeavy(catalogue.get(id)))
                .sorted(java.util.Comparator.comparingInt(RunPlanner::preference)).toList();
        return cap(heavy.isEmpty() ? selected : heavy, max);
    }

    /** The order of the CPU workloads, and so which of them a profile sweeps (see {@link RunPlan#sweepWorkloads}). */
    static final List<String> PREFERRED_CPU_WORKLOADS = List.of("sha256", "sum-loop", "password-hash", "deflate",
            "json-aggregate", "image-blur", "mlp-inference", "csv-aggregate", "fibonacci");

    private static int preference(String id) {
        int i = PREFERRED_CPU_WORKLOADS.indexOf(id);
        return i < 0 ? PREFERRED_CPU_WORKLOADS.size() : i;
    }

    private static List<String> cap(List<String> items, int max) {
        return max <= 0 || items.size() <= max ? items : items.subList(0, max);
    }

    /**
     * The default worker counts of a profile: quick measures 1 and the core count (a speedup and every verdict's
     * workers = cores, without a second instance per model oversubscribed at twice the cores); the others
     * {@link #defaultWorkers(int)}.
     */
    public static List<Integer> defaultWorkers(Profile profile, int cores) {
        return profile == Profile.QUICK ? List.copyOf(new TreeSet<>(List.of(1, cores))) : defaultWorkers(cores);
    }

    /** 1, then doubling, plus the core count and twice it: 1..2x cores. */
    public static List<Integer> defaultWorkers(int cores) {
        Set<Integer> out = new TreeSet<>();
        for (int w = 1; w <= 2 * cores; w *= 2) {
            out.add(w);
        }
        out.add(cores);
        out.add(2 * cores);
        return List.copyOf(out);
    }

    private static List<Integer> workers(List<String> items) {
        Set<Integer> out = new LinkedHashSet<>();
        for (String item : items) {
            try {
                int w = Integer.parseInt(item.trim());
                if (w < 1 || w > 4096) {
                    throw new NumberFormatException();
                }
                out.add(w);
            } catch (NumberFormatException e) {
                throw new UsageException("malformed worker count '" + item
                        + "'; use whole numbers from 1 to 4096, e.g. --workers 1,2,4");
            }
        }
        return List.copyOf(out);
    }

    private static List<String> pick(String kind, List<String> asked, List<String> valid) {
        for (String name : asked) {
            if (!valid.contains(name)) {
                throw new UsageException("unknown " + kind + " '" + name + "'; valid: "
                        + (valid.isEmpty() ? "(none)" : String.join(", ", valid)));
            }
        }
        return List.copyOf(new LinkedHashSet<>(asked));
    }

    /** Accepts both repeated options and comma lists. */
    /** Every fault by default; quick's smoke run only the halt (the trade-off matrix's "survives a halt"). */
    static final List<String> DEFAULT_FAULTS = List.of("fault-hang", "fault-halt", "fault-oom");

    static List<String> faults(Profile profile, List<String> asked) {
        if (!asked.isEmpty()) {
            return split(asked);
        }
        return profile == Profile.QUICK ? List.of("fault-halt") : DEFAULT_FAULTS;
    }

    static List<String> split(List<String> items) {
        List<String> out = new ArrayList<>();
        for (String item : items) {
            for (String part : item.split(",")) {
                if (!part.isBlank()) {
                    out.add(part.trim());
                }
            }
        }
        return out;
    }
}
