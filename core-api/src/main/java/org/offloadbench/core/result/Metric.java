package org.offloadbench.core.result;

import java.util.Arrays;
import java.util.Optional;

/**
 * The metric names that may appear in {@code summary.json}, their units and which direction is better.
 * The README's metric table lists the same ids and units (`bench list --metrics` prints it); a test in bench keeps the two equal.
 */
public enum Metric {
    ROUND_TRIP_NS("round-trip", "ns", false, "mean time of one hand-off and reply (JMH AverageTime)"),
    ROUND_TRIP_P50_NS("round-trip-p50", "ns", false, "median of sampled round trips (JMH SampleTime)"),
    ROUND_TRIP_P99_NS("round-trip-p99", "ns", false, "99th percentile of sampled round trips"),
    TIME_PER_OP_NS("time-per-op", "ns", false, "mean time per operation at a payload size"),
    BANDWIDTH("bandwidth", "GB/s", true, "payload bytes moved per second (10^9 bytes)"),
    THROUGHPUT("throughput", "ops/s", true, "completed tasks per second, saturated, closed loop"),
    SPEEDUP("speedup", "x", true, "throughput at N workers over throughput at one worker"),
    EFFICIENCY("efficiency", "%", true, "speedup divided by N workers"),
    MAX_RATE("max-rate", "ops/s", true, "highest open-loop rate sustained before the latency run"),
    LATENCY_P50("latency-p50", "us", false, "median latency from the scheduled send time (open loop)"),
    LATENCY_P90("latency-p90", "us", false, "90th percentile, from the scheduled send time"),
    LATENCY_P99("latency-p99", "us", false, "99th percentile, from the scheduled send time"),
    LATENCY_P999("latency-p999", "us", false, "99.9th percentile, from the scheduled send time"),
    LATENCY_MAX("latency-max", "us", false, "largest latency, from the scheduled send time"),
    LATENCY_UNCORRECTED_P99("latency-uncorrected-p99", "us", false,
            "99th percentile from the actual send time (hides coordinated omission; shown for contrast)"),
    ACHIEVED_RATE("achieved-rate", "ops/s", true, "requests actually completed per second in an open-loop step"),
    STARTUP_TO_READY("startup-to-ready", "ms", false, "creation until every worker is ready"),
    STARTUP_TO_FIRST_RESULT("startup-to-first-result", "ms", false, "creation until the first result arrives"),
    MEMORY_PER_WORKER("memory-per-worker", "MiB", false, "resident memory added per worker"),
    HICCUP_P99("hiccup-p99", "ms", false, "99th percentile of how late the caller's thread woke up"),
    HICCUP_MAX("hiccup-max", "ms", false, "longest stall of the caller's thread"),
    RECOVERY_TIME("recovery-time", "ms", false, "failure injected until full capacity is back"),
    TASKS_LOST("tasks-lost", "count", false, "futures that never completed (must be 0)"),
    TASKS_FAILED("tasks-failed", "count", false, "tasks that completed with a failure"),
    SURVIVED("survived", "bool", true, "1 when the caller survived the fault, 0 when it went down with it"),
    FLOOR_ROUND_TRIP_NS("floor-round-trip", "ns", false, "C program's mean round trip: the machine's floor"),
    FLOOR_BANDWIDTH("floor-bandwidth", "GB/s", true, "C program's bandwidth: the machine's floor"),
    FLOOR_ROUND_TRIP_P50_NS("floor-round-trip-p50", "ns", false,
            "median of a C program's individual round trips (param wait: spin or park)"),
    FLOOR_ROUND_TRIP_P99_NS("floor-round-trip-p99", "ns", false,
            "99th percentile of a C program's individual round trips"),
    FLOOR_CPU_PER_ROUND_TRIP_NS("floor-cpu-per-round-trip", "ns", false,
            "CPU time both sides of a C round trip used, per round trip"),
    CPU_COORDINATOR_PER_TASK("cpu-coordinator-per-task", "us", false,
            "CPU of the coordinator (load generator; for out-of-process models this whole JVM) per completed task, saturated"),
    CPU_COORDINATOR_SYSTEM_PER_TASK("cpu-coordinator-system-per-task", "us", false,
            "the kernel (system) part of cpu-coordinator-per-task"),
    CPU_WORKER_PER_TASK("cpu-worker-per-task", "us", false,
            "CPU of the workers (pool threads, or worker processes and nginx) per completed task, user + system"),
    CPU_WORKER_SYSTEM_PER_TASK("cpu-worker-system-per-task", "us", false,
            "the kernel (system) part of cpu-worker-per-task"),
    CPU_INLINE_PER_TASK("cpu-inline-per-task", "us", false,
            "the workload's own CPU per task, the same input run inline on one thread"),
    CPU_OFFLOAD_TAX("cpu-offload-tax", "us", false,
            "coordinator + worker CPU per task minus cpu-inline-per-task: what offloading costs in CPU"),
    CPU_COORDINATOR_CORES("cpu-coordinator-cores", "cores", false,
            "cores the coordinator kept busy while the model was saturated"),
    EFFICIENCY_AVAILABLE("efficiency-available", "%", true,
            "speedup divided by the workers the cores left: min(N, cores - cpu-coordinator-cores)"),
    SPEEDUP_VS_INLINE("speedup-vs-inline", "x", true,
            "throughput at workers = cores over the same tasks run inline on the caller's thread"),
    TASK_DURATION("task-duration", "us", false,
            "time of one task run inline on the caller's thread (a point of the granularity sweep)"),
    BREAK_EVEN_TASK("break-even-task", "us", false,
            "smallest task duration from which offloading beats inline (param bound: interpolated, at-most, above)"),
    PAYS_90_TASK("pays-90-task", "us", false,
            "smallest task duration from which the speedup stays at 90 % of the model's best (param bound as above)"),
    HANDOFF_SEND("handoff-send", "ns", false,
            "caller-side send of one round trip: the submit call (encode, copy, write), mean"),
    HANDOFF_QUEUE("handoff-queue", "ns", false,
            "time a task waited in a queue (caller's and worker's) before it started, mean per round trip"),
    HANDOFF_RUN("handoff-run", "ns", false, "time the task ran, as its worker timed it, mean per round trip"),
    HANDOFF_REPLY("handoff-reply", "ns", false,
            "rest of a round trip: the wire both ways (out-of-process), the reply and the caller's wake-up, mean"),
    HANDOFF_ROUND_TRIP("handoff-round-trip", "ns", false,
            "one round trip at one in flight, submit to the caller's wake-up; send + queue + run + reply, mean");

    private final String id;
    private final String unit;
    private final boolean higherIsBetter;
    private final String meaning;

    Metric(String id, String unit, boolean higherIsBetter, String meaning) {
        this.id = id;
        this.unit = unit;
        this.higherIsBetter = higherIsBetter;
        this.meaning = meaning;
    }

    public String id() {
        return id;
    }

    public String unit() {
        return unit;
    }

    public boolean higherIsBetter() {
        return higherIsBetter;
    }

    public String meaning() {
        return meaning;
    }

    public static Optional<Metric> byId(String id) {
        return Arrays.stream(values()).filter(m -> m.id.equals(id)).findFirst();
    }
}
