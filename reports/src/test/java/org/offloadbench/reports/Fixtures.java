package org.offloadbench.reports;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.HistogramLogWriter;
import org.offloadbench.core.offload.ModelTraits;
import org.offloadbench.core.result.EnvironmentInfo;
import org.offloadbench.core.result.Metric;
import org.offloadbench.core.result.ModelInfo;
import org.offloadbench.core.result.ResultsFolder;
import org.offloadbench.core.result.RunRecord;
import org.offloadbench.core.result.SuiteStatus;
import org.offloadbench.core.result.SummaryRecord;

/**
 * Writes small but realistic results folders, the way the runner lays them out: two thread models and a
 * process model, one unavailable model, every suite, .hlog files written with HistogramLogWriter.
 */
final class Fixtures {
    static final String POOL = "threads/platform-pool";
    static final String FJ = "threads/fork-join";
    static final String PROC = "process/child-jvm";
    static final String VIRTUAL = "threads/virtual";
    static final List<String> ALL_SUITES = List.of("overhead", "copy", "scaling", "latency", "startup",
            "responsiveness", "resilience", "calibration");

    private final List<SummaryRecord> records = new ArrayList<>();
    private final List<Map<String, Object>> loadIndex = new ArrayList<>();
    private final List<Map<String, Object>> hiccupIndex = new ArrayList<>();

    static EnvironmentInfo environment(String cpu) {
        return new EnvironmentInfo(cpu, 2, 8L << 30, "Linux 6.1", "6.1.0-test", "17.0.15", "Eclipse Adoptium",
                "~/jdk-17", List.of("-Xmx1g"), List.of("-Xmx512m"), "abc1234", false, "bench-host",
                Map.of("gcc", "12.2.0"));
    }

    static SummaryRecord rec(String suite, String model, String workload, Map<String, String> params, Metric metric,
                             double value, Double ciLow, Double ciHigh, long n) {
        return new SummaryRecord(suite, model, workload, params, metric.id(), value, metric.unit(), ciLow, ciHigh, n);
    }

    static SummaryRecord rec(String suite, String model, String workload, Map<String, String> params, Metric metric,
                             double value, double relError, long n) {
        return rec(suite, model, workload, params, metric, value, value * (1 - relError), value * (1 + relError), n);
    }

    /** A full run: every suite, every kind of file. */
    static Path writeFullRun(Path dir) throws IOException {
        Fixtures f = new Fixtures();
        f.everySuite();
        f.write(dir, "20261127-120000-quick-1a2b3c4d", true, statuses(ALL_SUITES, "done"), environment("Test CPU @ 2.0GHz"));
        return dir;
    }

    /** Interrupted during latency: overhead and scaling done, latency interrupted, the rest pending. */
    static Path writeInterruptedRun(Path dir) throws IOException {
        Fixtures f = new Fixtures();
        f.overhead();
        f.scaling();
        List<SuiteStatus> suites = new ArrayList<>();
        suites.add(new SuiteStatus("overhead", "done", "2026-11-27T12:00:00Z", "2026-11-27T12:01:00Z", ""));
        suites.add(new SuiteStatus("scaling", "done", "2026-11-27T12:01:00Z", "2026-11-27T12:02:00Z", ""));
        suites.add(new SuiteStatus("latency", "interrupted", "2026-11-27T12:02:00Z", null, "stopped by Ctrl-C"));
        suites.add(new SuiteStatus("startup", "pending", null, null, ""));
        suites.add(new SuiteStatus("calibration", "skipped", null, null, "gcc not found on PATH"));
        f.write(dir, "20261127-120000-quick-5e6f7a8b", false, suites, environment("Test CPU @ 2.0GHz"));
        return dir;
    }

    /** The models of a default run on this project's machine, with their real, long trait texts. */
    static final List<String> MANY = List.of(POOL, FJ, "threads/virtual-per-task", "threads/mailbox",
            "threads/thread-per-task", "process/pipes", "process/child-per-task", "cluster/kernel", "cluster/primary",
            "cluster/nginx", "cluster/grpc", "cluster/hazelcast", "shm/zero-copy", "shm/copy");

    /**
     * A full run with fourteen models from four families: what makes the trade-off matrix wide and a one-panel
     * chart run out of colours.
     */
    static Path writeManyModelsRun(Path dir) throws IOException {
        Fixtures f = new Fixtures();
        f.everySuite();
        for (int m = 0; m < MANY.size(); m++) {
            String model = MANY.get(m);
            if (!model.equals(POOL) && !model.equals(PROC)) {
                f.usl(model, "sum-loop", 36 + m, 0.04 + 0.01 * m, 0.001 * m, new int[] {1, 2, 3, 4});
            }
            Map<String, String> p = Map.of("payloadBytes", "64");
            f.records.add(rec("overhead", model, "noop", p, Metric.ROUND_TRIP_NS, 2_000 + 4_000.0 * m, 0.04, 25));
            f.records.add(rec("startup", model, "noop", Map.of("workers", "1"), Metric.STARTUP_TO_FIRST_RESULT,
                    1.2 + 60 * m, 0.1, 5));
            f.records.add(rec("startup", model, "noop", Map.of("workers", "1"), Metric.MEMORY_PER_WORKER,
                    0.6 + 9 * m, 0.15, 5));
            f.records.add(rec("resilience", model, "fault-halt", Map.of("fault", "fault-halt"), Metric.SURVIVED,
                    model.startsWith("threads") ? 0 : 1, null, null, 1));
            f.hiccupSeries(model, "sha256", 200_000 + 150_000L * m, m % 4 == 0 ? 3 : -1);
        }
        List<ModelInfo> models = new ArrayList<>();
        for (String model : MANY) {
            String description = model.startsWith("cluster")
                    ? "worker JVMs over HTTP/1.1; the coordinator picks a worker per request (round-robin or "
                    + "least-connections), health checks, one retry"
                    : "a " + model.substring(model.indexOf('/') + 1).replace('-', ' ')
                    + " model, described at the length the real ones are";
            models.add(new ModelInfo(model, description, true, "", traitsOf(model)));
        }
        f.models = models;
        f.configModels = MANY;
        f.write(dir, "20261127-120000-standard-9c8d7e6f", true, statuses(ALL_SUITES, "done"),
                environment("AMD EPYC 7B13 Processor"));
        return dir;
    }

    /** Trait texts as long as the real providers' (threads-module, process-module, cluster, shm). */
    static ModelTraits traitsOf(String model) {
        String family = model.substring(0, model.indexOf('/'));
        return switch (family) {
            case "threads" -> new ModelTraits("threads", "none: workers share the caller's heap and process",
                    "a throwing task fails only itself; a task that exhausts the heap, halts or crashes the JVM takes "
                            + "the caller down with it; a task that ignores interrupts can only be abandoned, never killed",
                    true, "none (threads inside the caller's JVM)", "worker_threads with a pool");
            case "process" -> new ModelTraits("process", "separate process and heap per worker; same host and user",
                    "a crash, halt, heap exhaustion or runaway task ends only its child, which is replaced; its in-flight"
                            + " tasks are retried once elsewhere, so the caller sees at most a retry or a clear failure",
                    false, "child JVMs started and watched by the caller (no server, no port)",
                    "child_process.fork with a pool of workers");
            case "cluster" -> new ModelTraits("cluster", "own process and heap per worker (may be another host)",
                    "one worker JVM; requests it had not answered are retried once on another worker", false,
                    "worker JVMs on loopback ports, a balancer (kernel SO_REUSEPORT, a primary JVM or nginx)",
                    "cluster.fork() behind the primary's round-robin");
            default -> new ModelTraits("shared-memory", "process: own heap per child JVM; only the mapped region is shared",
                    "one child JVM; its claimed slot is reclaimed and its task retried once", model.endsWith("zero-copy"),
                    "child JVMs and a region file in /dev/shm",
                    "SharedArrayBuffer + Atomics.wait/notify, data written and read in place");
        };
    }

    /** A hiccup log of eight one-second intervals, a stall in interval {@code stallAt} (none when negative). */
    void hiccupSeries(String model, String workload, long baseNs, int stallAt) {
        List<Histogram> intervals = new ArrayList<>();
        Histogram total = new Histogram(3_600_000_000_000L, 3);
        SplittableRandom random = new SplittableRandom(model.hashCode());
        for (int i = 0; i < 8; i++) {
            Histogram h = new Histogram(3_600_000_000_000L, 3);
            for (int k = 0; k < 1000; k++) {
                h.recordValue((long) (-Math.log(1 - random.nextDouble()) * baseNs / 4));
            }
            if (i == stallAt) {
                h.recordValueWithExpectedInterval(40_000_000L, 1_000_000L);
            }
            intervals.add(h);
            total.add(h);
        }
        String file = "hiccup/" + model.replace('/', '_') + ".hlog";
        pendingSeries.put(file, intervals);
        Map<String, Object> entry = new LinkedHashMap<>();
        entry.put("model", model);
        entry.put("workload", workload);
        entry.put("file", file);
        hiccupIndex.removeIf(e -> model.equals(e.get("model")));
        hiccupIndex.add(entry);
        records.removeIf(r -> r.suite().equals("responsiveness") && r.model().equals(model));
        records.add(rec("responsiveness", model, workload, Map.of(), Metric.HICCUP_P99,
                total.getValueAtPercentile(99) / 1e6, null, null, total.getTotalCount()));
        records.add(rec("responsiveness", model, workload, Map.of(), Metric.HICCUP_MAX,
                total.getMaxValue() / 1e6, null, null, total.getTotalCount()));
    }

    static List<SuiteStatus> statuses(List<String> suites, String state) {
        return suites.stream().map(s -> new SuiteStatus(s, state, "2026-11-27T12:00:00Z", "2026-11-27T12:05:00Z", ""))
                .toList();
    }

    void everySuite() throws IOException {
        overhead();
        copy();
        scaling();
        latency();
        startup();
        responsiveness();
        resilience();
        calibration();
    }

    void add(SummaryRecord r) {
        records.add(r);
    }

    void overhead() {
        double[] means = {2_100, 1_800, 48_000};
        String[] models = {POOL, FJ, PROC};
        for (int i = 0; i < models.length; i++) {
            Map<String, String> p = withFloor(models[i], Map.of("payloadBytes", "64"));
            records.add(rec("overhead", models[i], "noop", p, Metric.ROUND_TRIP_NS, means[i], 0.04, 25));
            records.add(rec("overhead", models[i], "noop", p, Metric.ROUND_TRIP_P50_NS, means[i] * 0.9, null, null, 120_000));
            records.add(rec("overhead", models[i], "noop", p, Metric.ROUND_TRIP_P99_NS, means[i] * 3.5, null, null, 120_000));
        }
    }

    void copy() {
        long[] sizes = {64, 4096, 262_144, 16L << 20};
        for (String workload : List.of("echo", "sha256")) {
            for (String model : List.of(POOL, PROC)) {
                for (long size : sizes) {
                    double fixed = model.equals(POOL) ? 1_500 : 40_000;
                    double perByte = (model.equals(POOL) ? 0.08 : 0.9) + (workload.equals("sha256") ? 2.5 : 0);
                    double t = fixed + perByte * size;
                    Map<String, String> p = withFloor(model, Map.of("payloadBytes", Long.toString(size)));
                    records.add(rec("copy", model, workload, p, Metric.TIME_PER_OP_NS, t, 0.03, 15));
                    records.add(rec("copy", model, workload, p, Metric.BANDWIDTH, size / t, size / (t * 1.03),
                            size / (t * 0.97), 15));
                }
            }
        }
    }

    void scaling() {
        // USL-shaped throughput for two models, so the fit has something true to find
        usl(POOL, "sum-loop", 40, 0.05, 0.002, new int[] {1, 2, 3, 4});
        usl(PROC, "sum-loop", 38, 0.08, 0.004, new int[] {1, 2, 3, 4});
        usl(POOL, "sha256", 900, 0.03, 0.001, new int[] {1, 2, 4});
        usl(PROC, "sha256", 700, 0.06, 0.002, new int[] {1, 2});
    }

    private void usl(String model, String workload, double lambda, double sigma, double kappa, int[] workers) {
        double x1 = lambda;
        for (int n : workers) {
            double x = lambda * n / (1 + sigma * (n - 1) + kappa * n * (n - 1));
            Map<String, String> p = Map.of("workers", Integer.toString(n));
            records.add(rec("scaling", model, workload, p, Metric.THROUGHPUT, x, 0.02, 10));
            records.add(rec("scaling", model, workload, p, Metric.SPEEDUP, x / x1, null, null, 10));
            records.add(rec("scaling", model, workload, p, Metric.EFFICIENCY, 100 * x / x1 / n, null, null, 10));
        }
    }

    void latency() throws IOException {
        for (String model : List.of(POOL, PROC)) {
            double max = model.equals(POOL) ? 20_000 : 5_000;
            records.add(rec("latency", model, "sha256", Map.of(), Metric.MAX_RATE, max, 0.05, 5));
            int step = 0;
            for (int percent : new int[] {10, 50, 95}) {
                double target = max * percent / 100.0;
                Map<String, String> p = Map.of("ratePercent", Integer.toString(percent),
                        "targetRate", Double.toString(target));
                long baseNs = model.equals(POOL) ? 40_000 : 120_000;
                Histogram corrected = latencyHistogram(baseNs, percent, 17 + step, true);
                Histogram uncorrected = latencyHistogram(baseNs, percent, 17 + step, false);
                String stem = "load/" + model.replace('/', '_') + "-sha256-" + percent;
                pending.put(stem + "-corrected.hlog", corrected);
                pending.put(stem + "-uncorrected.hlog", uncorrected);
                Map<String, Object> entry = new LinkedHashMap<>();
                entry.put("model", model);
                entry.put("workload", "sha256");
                entry.put("ratePercent", percent);
                entry.put("targetRate", target);
                entry.put("correctedFile", stem + "-corrected.hlog");
                entry.put("uncorrectedFile", stem + "-uncorrected.hlog");
                loadIndex.add(entry);
                long n = corrected.getTotalCount();
                records.add(rec("latency", model, "sha256", p, Metric.ACHIEVED_RATE, target * 0.995, 0.01, 5));
                records.add(rec("latency", model, "sha256", p, Metric.LATENCY_P50, corrected.getValueAtPercentile(50) / 1e3, null, null, n));
                records.add(rec("latency", model, "sha256", p, Metric.LATENCY_P90, corrected.getValueAtPercentile(90) / 1e3, null, null, n));
                records.add(rec("latency", model, "sha256", p, Metric.LATENCY_P99, corrected.getValueAtPercentile(99) / 1e3, null, null, n));
                records.add(rec("latency", model, "sha256", p, Metric.LATENCY_P999, corrected.getValueAtPercentile(99.9) / 1e3, null, null, n));
                records.add(rec("latency", model, "sha256", p, Metric.LATENCY_MAX, corrected.getMaxValue() / 1e3, null, null, n));
                records.add(rec("latency", model, "sha256", p, Metric.LATENCY_UNCORRECTED_P99,
                        uncorrected.getValueAtPercentile(99) / 1e3, null, null, n));
                step++;
            }
        }
    }

    private final Map<String, Histogram> pending = new LinkedHashMap<>();
    /** Hiccup logs written as the meter writes them: one interval per second, relative timestamps. */
    private final Map<String, List<Histogram>> pendingSeries = new LinkedHashMap<>();
    private List<ModelInfo> models;
    private List<String> configModels = List.of(POOL, FJ, PROC);

    /** A long-tailed latency distribution in ns; the corrected one keeps the stalls' queueing victims. */
    static Histogram latencyHistogram(long baseNs, int percent, long seed, boolean corrected) {
        Histogram h = new Histogram(3_600_000_000_000L, 3);
        SplittableRandom random = new SplittableRandom(seed);
        for (int i = 0; i < 20_000; i++) {
            double tail = -Math.log(1 - random.nextDouble()) * baseNs * (1 + percent / 30.0);
            long value = (long) (baseNs + tail);
            if (random.nextInt(2_000) == 0) {
                value += 5_000_000L * percent / 50; // an occasional stall
            }
            if (corrected) {
                h.recordValueWithExpectedInterval(value, baseNs * 4);
            } else {
                h.recordValue(value);
            }
        }
        return h;
    }

    void startup() {
        for (String model : List.of(POOL, FJ, PROC)) {
            boolean proc = model.equals(PROC);
            for (int n : new int[] {1, 2}) {
                Map<String, String> p = Map.of("workers", Integer.toString(n));
                records.add(rec("startup", model, "noop", p, Metric.STARTUP_TO_READY, proc ? 180.0 * n : 0.4 * n, 0.1, 5));
                records.add(rec("startup", model, "noop", p, Metric.STARTUP_TO_FIRST_RESULT, proc ? 240.0 * n : 1.2 * n, 0.1, 5));
                records.add(rec("startup", model, "noop", p, Metric.MEMORY_PER_WORKER, proc ? 38 : 0.6, 0.15, 5));
            }
        }
    }

    void responsiveness() {
        for (String model : List.of("baseline-idle", POOL, PROC)) {
            String workload = model.equals("baseline-idle") ? "-" : "sha256";
            long base = model.equals(POOL) ? 900_000 : 120_000;
            Histogram h = latencyHistogram(base, 20, model.hashCode(), false);
            String file = "hiccup/" + model.replace('/', '_') + ".hlog";
            pending.put(file, h);
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("model", model);
            entry.put("workload", workload);
            entry.put("file", file);
            hiccupIndex.add(entry);
            records.add(rec("responsiveness", model, workload, Map.of(), Metric.HICCUP_P99,
                    h.getValueAtPercentile(99) / 1e6, null, null, h.getTotalCount()));
            records.add(rec("responsiveness", model, workload, Map.of(), Metric.HICCUP_MAX,
                    h.getMaxValue() / 1e6, null, null, h.getTotalCount()));
        }
    }

    void resilience() {
        for (String model : List.of(POOL, PROC)) {
            for (String fault : List.of("fault-hang", "fault-halt", "fault-oom")) {
                boolean down = model.equals(POOL) && !fault.equals("fault-hang");
                Map<String, String> p = Map.of("fault", fault);
                records.add(rec("resilience", model, fault, p, Metric.SURVIVED, down ? 0 : 1, null, null, 1));
                records.add(rec("resilience", model, fault, p, Metric.RECOVERY_TIME, down ? 0 : 210, null, null, 1));
                records.add(rec("resilience", model, fault, p, Metric.TASKS_LOST, 0, null, null, 1));
                records.add(rec("resilience", model, fault, p, Metric.TASKS_FAILED, down ? 0 : 1, null, null, 1));
            }
        }
    }

    /** The transport and wait params the runner gives a model's figures (the fixture's models park or adapt). */
    static Map<String, String> withFloor(String model, Map<String, String> params) {
        Map<String, String> p = new java.util.TreeMap<>(params);
        p.put("transport", model.equals(PROC) ? "pipe" : "thread-handoff");
        p.put("wait", model.equals(PROC) ? "adaptive" : "park");
        return p;
    }

    /** One C probe's four figures (mean, p50, p99, CPU per round trip) over five repetitions. */
    void floor(String suite, Map<String, String> extra, String probe, String wait, long payloadBytes, double meanNs) {
        Map<String, String> p = new java.util.TreeMap<>(extra);
        p.put("probe", probe);
        p.put("wait", wait);
        p.put("payloadBytes", Long.toString(payloadBytes));
        p.put("repetitions", "5");
        records.add(rec(suite, "native", "-", p, Metric.FLOOR_ROUND_TRIP_NS, meanNs, 0.05, 10_000));
        records.add(rec(suite, "native", "-", p, Metric.FLOOR_ROUND_TRIP_P50_NS, meanNs * 0.8, 0.05, 10_000));
        records.add(rec(suite, "native", "-", p, Metric.FLOOR_ROUND_TRIP_P99_NS, meanNs * 3, 0.1, 10_000));
        records.add(rec(suite, "native", "-", p, Metric.FLOOR_CPU_PER_ROUND_TRIP_NS, meanNs * ("spin".equals(wait) ? 2 : 1),
                0.05, 10_000));
    }

    void calibration() {
        String[] probes = {"thread-handoff", "pipe", "unix-socket", "tcp", "shared-memory"};
        double[] parkNs = {1_200, 9_000, 11_000, 22_000, 8_500};
        double[] spinNs = {300, 1_400, 2_500, 6_000, 400};
        for (int i = 0; i < probes.length; i++) {
            floor("calibration", Map.of(), probes[i], "park", 64, parkNs[i]);
            floor("calibration", Map.of(), probes[i], "spin", 64, spinNs[i]);
        }
        for (long size : new long[] {4096, 262_144, 16L << 20}) {
            floor("calibration", Map.of(), "pipe", "park", size, 9_000 + 0.5 * size);
            floor("calibration", Map.of(), "pipe", "spin", size, 1_400 + 0.5 * size);
        }
        for (long size : new long[] {64, 4096, 262_144, 16L << 20}) {
            records.add(rec("calibration", "native", "-", Map.of("probe", "memcpy", "payloadBytes", Long.toString(size)),
                    Metric.FLOOR_BANDWIDTH, size < 4096 ? 4 : 12, 0.05, 10));
        }
    }

    void write(Path dir, String runId, boolean complete, List<SuiteStatus> suites, EnvironmentInfo env)
            throws IOException {
        ResultsFolder folder = ResultsFolder.create(dir);
        List<ModelInfo> models = this.models != null ? this.models : List.of(
                new ModelInfo(POOL, "fixed pool of platform threads", true, "",
                        new ModelTraits("threads", "shares the heap", "the whole JVM", true, "nothing", "worker_threads")),
                new ModelInfo(FJ, "work-stealing ForkJoinPool", true, "",
                        new ModelTraits("threads", "shares the heap", "the whole JVM", true, "nothing", "worker_threads")),
                new ModelInfo(PROC, "pool of child JVMs over pipes", true, "",
                        new ModelTraits("process", "own process and heap", "one child", false, "child JVMs", "child_process")),
                new ModelInfo(VIRTUAL, "one virtual thread per task", false, "needs JDK 21 or newer (running 17)",
                        new ModelTraits("threads", "shares the heap", "the whole JVM", true, "nothing", "worker_threads")));
        Map<String, Object> config = new LinkedHashMap<>();
        Map<String, String> classes = new LinkedHashMap<>();
        classes.put("noop", "TRANSPORT");
        classes.put("echo", "TRANSPORT");
        classes.put("sum-loop", "COMPUTE");
        classes.put("sha256", "HASHING");
        classes.put("deflate", "COMPRESSION");
        config.put("workloadClasses", classes);
        config.put("workloadDescriptions", Map.of("noop", "returns its input", "sum-loop", "adds 42 1e8 times"));
        config.put("models", configModels);
        config.put("modelRows", List.of(
                Map.of("name", POOL, "model", POOL, "options", Map.of("abandonGraceMillis", "200")),
                Map.of("name", PROC, "model", PROC, "options", Map.of("dispatch", "least-busy"))));
        config.put("workloads", List.copyOf(classes.keySet()));
        config.put("suites", suites.stream().map(SuiteStatus::suite).toList());
        config.put("payloadSizes", List.of(64, 4096, 262144, 16777216));
        config.put("workerCounts", List.of(1, 2, 3, 4));
        config.put("profile", "quick");
        config.put("cores", 2);
        folder.writeRun(new RunRecord(RunRecord.FORMAT_VERSION, runId, "quick", runId.substring(runId.length() - 8),
                config, "2026-11-27T12:00:00Z", complete ? "2026-11-27T12:05:00Z" : null, complete, env, models, suites));
        folder.writeSummary(records);
        if (!loadIndex.isEmpty()) {
            folder.writeJson("load/index.json", loadIndex);
        }
        if (!hiccupIndex.isEmpty()) {
            folder.writeJson("hiccup/index.json", hiccupIndex);
        }
        for (Map.Entry<String, Histogram> e : pending.entrySet()) {
            if (!pendingSeries.containsKey(e.getKey())) {
                writeHlog(dir.resolve(e.getKey()), e.getValue());
            }
        }
        for (Map.Entry<String, List<Histogram>> e : pendingSeries.entrySet()) {
            writeHlogSeries(dir.resolve(e.getKey()), e.getValue());
        }
        Files.createDirectories(dir.resolve("jmh"));
        Files.writeString(dir.resolve("jmh/overhead-1a2b3c4d.json"), "[]\n");
    }

    /** Writes a histogram as three intervals, the way a Recorder-driven run would. */
    static void writeHlog(Path file, Histogram total) throws IOException {
        Files.createDirectories(file.getParent());
        try (PrintStream out = new PrintStream(Files.newOutputStream(file), false, "UTF-8")) {
            HistogramLogWriter writer = new HistogramLogWriter(out);
            writer.outputLogFormatVersion();
            writer.outputStartTime(1_764_244_800_000L);
            writer.outputLegend();
            Histogram[] parts = split(total, 3);
            for (int i = 0; i < parts.length; i++) {
                parts[i].setStartTimeStamp(1_764_244_800_000L + i * 1000L);
                parts[i].setEndTimeStamp(1_764_244_800_000L + (i + 1) * 1000L);
                writer.outputIntervalHistogram(parts[i]);
            }
        }
    }

    /** One line per histogram, one second each, timestamps relative to StartTime (the runner's layout). */
    static void writeHlogSeries(Path file, List<Histogram> intervals) throws IOException {
        Files.createDirectories(file.getParent());
        try (PrintStream out = new PrintStream(Files.newOutputStream(file), false, "UTF-8")) {
            HistogramLogWriter writer = new HistogramLogWriter(out);
            writer.outputLogFormatVersion();
            writer.outputStartTime(1_764_244_800_000L);
            writer.setBaseTime(1_764_244_800_000L);
            writer.outputLegend();
            for (int i = 0; i < intervals.size(); i++) {
                writer.outputIntervalHistogram(i, i + 1, intervals.get(i), 1e6);
            }
        }
    }

    private static Histogram[] split(Histogram total, int count) {
        Histogram[] parts = new Histogram[count];
        for (int i = 0; i < count; i++) {
            parts[i] = new Histogram(total.getHighestTrackableValue(), total.getNumberOfSignificantValueDigits());
        }
        int i = 0;
        for (var v : total.recordedValues()) {
            parts[i++ % count].recordValueWithCount(v.getValueIteratedTo(), v.getCountAtValueIteratedTo());
        }
        return parts;
    }
}
