package org.offloadbench.process;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.offloadbench.core.offload.OffloaderConfig;
import org.offloadbench.core.offload.support.SpinGate;
import org.offloadbench.core.offload.options.ModelOptions;
import org.offloadbench.core.offload.options.OptionSpec;
import org.offloadbench.core.offload.options.OptionUnit;
import org.offloadbench.core.worker.FixedHeap;

/**
 * The {@link OffloaderConfig} of {@code process/pipes}, validated. Every option below is a string in
 * {@link OffloaderConfig#options()}; a bad one is refused with the valid choices.
 *
 * The options, their defaults and valid values are declared once in {@link #OPTIONS} (printed by
 * {@code bench list} and listed in the module README). A growing heap measures page faults, so the child
 * heap is fixed ({@link FixedHeap}); {@code awaitSpinMicros=auto} spins only while a core is free
 * ({@link SpinGate}); {@code cds=app} dumps an application archive of the worker once
 * (-XX:ArchiveClassesAtExit).
 *
 * @param workers            children in the warm pool
 * @param queueCapacity      tasks waiting in the parent beyond those dispatched
 * @param jvmOptions         the child JVM options built from heap, gc, tiering, cds=off and jvmOptions
 * @param cdsArchive         with cds=app, where to keep the archive; null = a private temp folder
 */
public record PipesSettings(int workers, int queueCapacity, Dispatch dispatch, int inFlightPerChild,
                            List<String> jvmOptions, Cds cds, Path cdsArchive, boolean retry,
                            long startTimeoutNanos, int maxStartFailures, long respawnBackoffNanos,
                            long awaitSpinNanos, boolean awaitSpinAdaptive) {

    public static final String DISPATCH = "dispatch";
    public static final String IN_FLIGHT_PER_CHILD = "inFlightPerChild";
    public static final String HEAP = "heap";
    /** The child heap without a {@code heap} option: fixed, and room for the copy suite's 64 MiB echo. */
    public static final String DEFAULT_HEAP = "512m";
    public static final String GC = "gc";
    public static final String TIERING = "tiering";
    public static final String CDS = "cds";
    public static final String CDS_ARCHIVE = "cdsArchive";
    public static final String JVM_OPTIONS = "jvmOptions";
    public static final String RETRY = "retry";
    public static final String START_TIMEOUT_MILLIS = "startTimeoutMillis";
    public static final String MAX_START_FAILURES = "maxStartFailures";
    public static final String RESPAWN_BACKOFF_MILLIS = "respawnBackoffMillis";
    public static final String AWAIT_SPIN_MICROS = "awaitSpinMicros";
    /** {@link #AWAIT_SPIN_MICROS}' default: spin only while a core is free ({@link SpinGate}). */
    public static final String AUTO = "auto";

    private static final Map<String, String> GC_FLAGS = Map.of("serial", "-XX:+UseSerialGC",
            "parallel", "-XX:+UseParallelGC", "g1", "-XX:+UseG1GC", "z", "-XX:+UseZGC",
            "epsilon", "-XX:+UnlockExperimentalVMOptions -XX:+UseEpsilonGC");

    /** Every option of {@code process/pipes}, with its default and valid values. */
    public static final List<OptionSpec> OPTIONS = List.of(
            OptionSpec.choice(DISPATCH, "least-busy", List.of("least-busy", "round-robin"),
                    "which child gets the next task: the one with the fewest in flight, or the next in turn"),
            OptionSpec.integer(IN_FLIGHT_PER_CHILD, 1, 1, 1024, OptionUnit.NONE,
                    "tasks one child runs at once; it is started with as many task threads"),
            OptionSpec.text(HEAP, null, "child heap, fixed (-Xms = -Xmx); without it " + DEFAULT_HEAP
                            + " unless jvmOptions size the heap")
                    .matching("[1-9][0-9]*[kKmMgG]?", "a size like 64m, 512m or 2g (digits, then k, m or g)"),
            OptionSpec.choice(GC, null, List.of("serial", "parallel", "g1", "z", "epsilon"),
                    "child collector; without it the JVM's ergonomic choice"),
            OptionSpec.choice(TIERING, "full", List.of("full", "c1"),
                    "c1 = -XX:TieredStopAtLevel=1 (faster start, slower peak)"),
            OptionSpec.choice(CDS, "default", List.of("default", "off", "app"),
                    "class-data sharing: the JDK's archive, none, or an application archive of the worker"),
            OptionSpec.text(CDS_ARCHIVE, null, "with cds=app: keep the archive at this file (created when missing);"
                    + " without it a private temp folder removed on close"),
            OptionSpec.text(JVM_OPTIONS, "", "further child JVM options, whitespace-separated"),
            OptionSpec.choice(RETRY, "on", List.of("on", "off"),
                    "retry a crashed child's in-flight tasks once on another child"),
            OptionSpec.integer(START_TIMEOUT_MILLIS, 30_000, 100, 600_000, OptionUnit.MILLIS,
                    "a child must send READY within this"),
            OptionSpec.integer(MAX_START_FAILURES, 3, 1, 100, OptionUnit.NONE,
                    "consecutive failed starts after which the pool stops respawning"),
            OptionSpec.integer(RESPAWN_BACKOFF_MILLIS, 50, 0, 2_000, OptionUnit.MILLIS,
                    "first respawn delay after a failed start; doubles up to 2 s"),
            OptionSpec.integer(AWAIT_SPIN_MICROS, 0, 0, 1_000, OptionUnit.MICROS,
                    "a caller blocked in get()/join() spins this long before it parks; auto: up to 50 us while"
                            + " a core is free").withDefault(AUTO).orWords(AUTO));

    /** How a task picks its child. */
    public enum Dispatch {
        /** The child with the fewest tasks in flight (ties: the next one in turn). */
        LEAST_BUSY("least-busy"),
        /** The next child in turn that has a free slot. */
        ROUND_ROBIN("round-robin");

        private final String option;

        Dispatch(String option) {
            this.option = option;
        }

        public String option() {
            return option;
        }
    }

    /** Class-data sharing for the children. */
    public enum Cds {
        /** The JDK's own archive of JDK classes (-Xshare:auto, the JVM default). */
        DEFAULT,
        /** No archive (-Xshare:off): the slowest start, for comparison. */
        OFF,
        /** An application archive of the worker, dumped once by a first child. */
        APP
    }

    public PipesSettings {
        jvmOptions = List.copyOf(jvmOptions);
    }

    /**
     * @throws IllegalArgumentException naming the bad option, its value and the valid choices
     */
    public static PipesSettings from(String model, OffloaderConfig config) {
        ModelOptions o = ModelOptions.parse(model, OPTIONS, config.options());
        Dispatch dispatch = o.text(DISPATCH).equals(Dispatch.ROUND_ROBIN.option()) ? Dispatch.ROUND_ROBIN
                : Dispatch.LEAST_BUSY;
        int inFlight = (int) o.integer(IN_FLIGHT_PER_CHILD);
        List<String> jvm = new ArrayList<>();
        // a child whose heap blew up is in an unknown state (other threads may have failed too): end it, so the
        // parent sees a crash with the reason in stderr and replaces it, instead of reusing a damaged worker
        jvm.add("-XX:+ExitOnOutOfMemoryError");
        String heap = o.text(HEAP);
        if (heap != null) {
            jvm.add("-Xms" + heap);
            jvm.add("-Xmx" + heap);
        }
        String gc = o.text(GC);
        if (gc != null) {
            jvm.addAll(Arrays.asList(GC_FLAGS.get(gc).split(" ")));
        }
        if (o.text(TIERING).equals("c1")) {
            jvm.add("-XX:TieredStopAtLevel=1");
        }
        Cds cds = Cds.valueOf(o.text(CDS).toUpperCase(Locale.ROOT));
        if (cds == Cds.OFF) {
            jvm.add("-Xshare:off");
        }
        String archive = o.text(CDS_ARCHIVE);
        if (archive != null && cds != Cds.APP) {
            throw new IllegalArgumentException(model + ": option " + CDS_ARCHIVE + " needs " + CDS + "=app, was "
                    + CDS + "=" + cds.name().toLowerCase(Locale.ROOT));
        }
        String extra = o.text(JVM_OPTIONS);
        if (!extra.isEmpty()) {
            jvm.addAll(Arrays.asList(extra.split("\\s+")));
        }
        if (!FixedHeap.sizesHeap(jvm)) {
            jvm.addAll(1, List.of("-Xms" + DEFAULT_HEAP, "-Xmx" + DEFAULT_HEAP));
        }
        boolean spinAdaptive = o.text(AWAIT_SPIN_MICROS).equals(AUTO);
        long spinNanos = spinAdaptive ? SpinGate.AUTO_SPIN_NANOS
                : TimeUnit.MICROSECONDS.toNanos(o.integer(AWAIT_SPIN_MICROS));
        return new PipesSettings(config.workers(), config.queueCapacity(), dispatch, inFlight, jvm, cds,
                archive == null ? null : Path.of(archive), o.text(RETRY).equals("on"),
                TimeUnit.MILLISECONDS.toNanos(o.integer(START_TIMEOUT_MILLIS)), (int) o.integer(MAX_START_FAILURES),
                TimeUnit.MILLISECONDS.toNanos(o.integer(RESPAWN_BACKOFF_MILLIS)), spinNanos, spinAdaptive);
    }
}
