package org.offloadbench.bench.plan;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.offloadbench.core.workload.Workload;
import org.offloadbench.core.workload.WorkloadCatalogue;
import org.offloadbench.core.workload.WorkloadClass;

/**
 * A validated, fully resolved run: every name exists, every default is filled in. Its {@link #config}
 * goes into run.json and its hash into the run id and result file names, so unlike runs never merge.
 *
 * @param overheadWorkload the hand-off-only workload of the overhead and startup suites ({@code noop})
 * @param copyWorkloads    the data-moving workloads of the copy suite ({@code echo}, {@code sha256})
 * @param faults           the misbehaving workloads of the resilience suite
 * @param cpuWorkloads     the CPU-heavy workloads: each gets a saturated scaling step at workers = cores; the
 *                         first ({@link #sweepWorkloads}) also the worker sweep, latency and responsiveness
 * @param models           the names of the rows measured: models, and variants named with their options
 * @param modelRows        each of those rows with its model and options, in the same order
 * @param modelsNamed      whether --models named the rows (then every suite measures every row) or they are the
 *                         defaults (then a suite skips a model that is not measured there by default)
 */
public record RunPlan(Profile profile, ProfileSettings settings, List<String> suites, List<String> models,
                      List<String> workloads, List<Integer> payloadSizes, List<Integer> workerCounts,
                      List<String> forkJvmArgs, Path outDir, String overheadWorkload, List<String> copyWorkloads,
                      List<String> faults, List<String> cpuWorkloads, double timeScale, List<ModelRow> modelRows,
                      boolean modelsNamed) {

    private static final ObjectMapper CANONICAL = new ObjectMapper()
            .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS);

    public RunPlan {
        suites = List.copyOf(suites);
        models = List.copyOf(models);
        workloads = List.copyOf(workloads);
        payloadSizes = List.copyOf(payloadSizes);
        workerCounts = List.copyOf(workerCounts);
        forkJvmArgs = List.copyOf(forkJvmArgs);
        copyWorkloads = List.copyOf(copyWorkloads);
        faults = List.copyOf(faults);
        cpuWorkloads = List.copyOf(cpuWorkloads);
        modelRows = List.copyOf(modelRows);
        if (!models.equals(modelRows.stream().map(ModelRow::name).toList())) {
            throw new IllegalArgumentException("models " + models + " and model rows " + modelRows + " differ");
        }
    }

    /** A plan whose models take no options (each row is its model, defaults unrecorded). */
    public RunPlan(Profile profile, ProfileSettings settings, List<String> suites, List<String> models,
                   List<String> workloads, List<Integer> payloadSizes, List<Integer> workerCounts,
                   List<String> forkJvmArgs, Path outDir, String overheadWorkload, List<String> copyWorkloads,
                   List<String> faults, List<String> cpuWorkloads, double timeScale) {
        this(profile, settings, suites, models, workloads, payloadSizes, workerCounts, forkJvmArgs, outDir,
                overheadWorkload, copyWorkloads, faults, cpuWorkloads, timeScale,
                models.stream().map(ModelRow::plain).toList(), true);
    }

    /**
     * The row of this name, as measured.
     *
     * @throws IllegalArgumentException when the plan has no such row, naming those it has
     */
    public ModelRow row(String name) {
        return modelRows.stream().filter(r -> r.name().equals(name)).findFirst().orElseThrow(() ->
                new IllegalArgumentException("no model row '" + name + "' in this run; rows: " + models));
    }

    /**
     * The profile's settings at this run's time scale but before the shrink for many models: how long a
     * model needs to warm up does not depend on how many others the run measures, so the warm-up caps of the
     * saturated suites (scaling, latency) use these.
     */
    public ProfileSettings unshrunkSettings() {
        return profile.settingsFor(0, timeScale);
    }

    /** The resolved configuration for run.json (the keys the report relies on are listed in the README). */
    public Map<String, Object> config(WorkloadCatalogue catalogue) {
        Map<String, Object> c = new LinkedHashMap<>();
        c.put("profile", profile.id());
        c.put("suites", suites);
        c.put("models", models);
        // every row's model and options with defaults filled in: part of the hash, so unlike runs never merge
        List<Map<String, Object>> rows = new java.util.ArrayList<>();
        for (ModelRow r : modelRows) {
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("name", r.name());
            row.put("model", r.model());
            row.put("options", r.resolved());
            rows.add(row);
        }
        c.put("modelRows", rows);
        c.put("workloads", workloads);
        c.put("payloadSizes", payloadSizes);
        c.put("workerCounts", workerCounts);
        c.put("cores", Runtime.getRuntime().availableProcessors());
        c.put("forkJvmArgs", forkJvmArgs);
        c.put("overheadWorkload", overheadWorkload);
        c.put("copyWorkloads", copyWorkloads);
        c.put("cpuWorkloads", cpuWorkloads);
        c.put("sweepWorkloads", sweepWorkloads());
        c.put("faults", faults);
        c.put("timeScale", timeScale);
        c.put("settings", settings.describe());
        Map<String, String> classes = new TreeMap<>();
        Map<String, String> descriptions = new TreeMap<>();
        for (Workload w : catalogue.all()) {
            classes.put(w.id(), w.workloadClass().name());
            descriptions.put(w.id(), w.description());
        }
        c.put("workloadClasses", classes);
        c.put("workloadDescriptions", descriptions);
        return c;
    }

    /** First 8 hex digits of SHA-256 over the canonical (key-sorted) JSON of {@link #config}. */
    public String configHash(WorkloadCatalogue catalogue) {
        try {
            byte[] json = CANONICAL.writeValueAsBytes(new TreeMap<>(config(catalogue)));
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(json);
            return HexFormat.of().formatHex(digest).substring(0, 8);
        } catch (JsonProcessingException | NoSuchAlgorithmException e) {
            throw new IllegalStateException("cannot hash the configuration: " + e.getMessage(), e);
        }
    }

    /**
     * The CPU workloads that get scaling's full worker sweep and the latency steps: the first
     * {@code cpuWorkloadsMax} of {@link #cpuWorkloads} (all when it is 0). The others get one saturated step at
     * workers = cores.
     */
    public List<String> sweepWorkloads() {
        int max = settings.cpuWorkloadsMax();
        return max <= 0 || cpuWorkloads.size() <= max ? cpuWorkloads : cpuWorkloads.subList(0, max);
    }

    /** The payload class a workload belongs to, from the catalogue. */
    static boolean isCpuHeavy(Workload w) {
        return w.workloadClass() != WorkloadClass.TRANSPORT && w.workloadClass() != WorkloadClass.FAULT;
    }

    /** A row name as a file name: {@code shm/zero-copy[wait=spin]} -> {@code shm_zero-copy.wait=spin}. */
    public static String fileName(String modelName) {
        return modelName.replace('/', '_').replace('[', '.').replace(",", ".").replace("]", "")
                .replaceAll("[^A-Za-z0-9._=+-]", "-");
    }

    static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
