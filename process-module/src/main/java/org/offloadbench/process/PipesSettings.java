package org.offloadbench.process;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.offloadbench.core.offload.OffloaderConfig;
import org.offloadbench.core.worker.FixedHeap;

/**
 * The {@link OffloaderConfig} of {@code process/pipes}, validated. Every option below is a string in
 * {@link OffloaderConfig#options()}; a bad one is refused with the valid choices.
 *
 * <pre>
 *   dispatch=least-busy|round-robin   which child gets the next task (default least-busy)
 *   inFlightPerChild=1..1024          tasks one child runs at once; it is started with as many task threads
 *   heap=256m                         child heap, fixed: -Xms = -Xmx (digits + k/m/g); default 512m unless
 *                                     jvmOptions size the heap (a growing heap measures page faults: FixedHeap)
 *   gc=serial|parallel|g1|z|epsilon   child collector; default: the JVM's ergonomic choice
 *   tiering=full|c1                   c1 = -XX:TieredStopAtLevel=1 (faster start, slower peak)
 *   cds=default|off|app               class-data sharing: the JDK's default archive, none, or an application
 *                                     archive of the worker dumped once (-XX:ArchiveClassesAtExit)
 *   cdsArchive=path                   with cds=app: keep the archive at this file (created when missing);
 *                                     without it the archive lives in a private temp folder removed on close
 *   jvmOptions=-Xss1m -Dx=y           further child JVM options, whitespace-separated
 *   retry=on|off                      retry a crashed child's in-flight tasks once on another child
 *   startTimeoutMillis=30000          a child must send READY within this
 *   maxStartFailures=3                consecutive failed starts after which the pool stops respawning
 *   respawnBackoffMillis=50           first respawn delay after a failed start; doubles up to 2 s
 *   awaitSpinMicros=auto|0..1000      a caller blocked in the future's get()/join() spins before it parks:
 *                                     auto (default) up to 50 us while a core is free, N always up to N us,
 *                                     0 never (see SpinGate)
 * </pre>
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

    static final Set<String> OPTIONS = Set.of(DISPATCH, IN_FLIGHT_PER_CHILD, HEAP, GC, TIERING, CDS, CDS_ARCHIVE,
            JVM_OPTIONS, RETRY, START_TIMEOUT_MILLIS, MAX_START_FAILURES, RESPAWN_BACKOFF_MILLIS,
            AWAIT_SPIN_MICROS);

    /** Longest delay between two respawn attempts. */
    static final long MAX_RESPAWN_BACKOFF_NANOS = TimeUnit.SECONDS.toNanos(2);

    private static final Pattern HEAP_SIZE = Pattern.compile("[1-9][0-9]*[kKmMgG]?");
    private static final Map<String, String> GC_FLAGS = Map.of("serial", "-XX:+UseSerialGC",
            "parallel", "-XX:+UseParallelGC", "g1", "-XX:+UseG1GC", "z", "-XX:+UseZGC",
            "epsilon", "-XX:+UnlockExperimentalVMOptions -XX:+UseEpsilonGC");

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
        config.requireOnly(model, OPTIONS);
        Dispatch dispatch = choice(model, config, DISPATCH, "least-busy", Dispatch.values());
        int inFlight = (int) config.longOption(model, IN_FLIGHT_PER_CHILD, 1, 1, 1024);
        List<String> jvm = new ArrayList<>();
        // a child whose heap blew up is in an unknown state (other threads may have failed too): end it, so the
        // parent sees a crash with the reason in stderr and replaces it, instead of reusing a damaged worker
        jvm.add("-XX:+ExitOnOutOfMemoryError");
        String heap = config.option(HEAP, null);
        if (heap != null) {
            if (!HEAP_SIZE.matcher(heap.trim()).matches()) {
                throw new IllegalArgumentException(model + ": option " + HEAP + " must be a size like 64m, 512m or 2g"
                        + " (digits, then k, m or g), was '" + heap + "'");
            }
            jvm.add("-Xms" + heap.trim());
            jvm.add("-Xmx" + heap.trim());
        }
        String gc = config.option(GC, null);
        if (gc != null) {
            String flags = GC_FLAGS.get(gc.trim().toLowerCase(Locale.ROOT));
            if (flags == null) {
                throw new IllegalArgumentException(model + ": option " + GC + " must be one of "
                        + new TreeSet<>(GC_FLAGS.keySet()) + ", was '" + gc + "'");
            }
            jvm.addAll(Arrays.asList(flags.split(" ")));
        }
        String tiering = config.option(TIERING, "full").trim().toLowerCase(Locale.ROOT);
        switch (tiering) {
            case "full" -> { }
            case "c1" -> jvm.add("-XX:TieredStopAtLevel=1");
            default -> throw new IllegalArgumentException(model + ": option " + TIERING
                    + " must be one of [full, c1], was '" + tiering + "'");
        }
        Cds cds = choice(model, config, CDS, "default", Cds.values());
        if (cds == Cds.OFF) {
            jvm.add("-Xshare:off");
        }
        String archive = config.option(CDS_ARCHIVE, null);
        if (archive != null && cds != Cds.APP) {
            throw new IllegalArgumentException(model + ": option " + CDS_ARCHIVE + " needs " + CDS + "=app, was "
                    + CDS + "=" + cds.name().toLowerCase(Locale.ROOT));
        }
        String extra = config.option(JVM_OPTIONS, "").trim();
        if (!extra.isEmpty()) {
            jvm.addAll(Arrays.asList(extra.split("\\s+")));
        }
        if (!FixedHeap.sizesHeap(jvm)) {
            jvm.addAll(1, List.of("-Xms" + DEFAULT_HEAP, "-Xmx" + DEFAULT_HEAP));
        }
        String retry = config.option(RETRY, "on").trim().toLowerCase(Locale.ROOT);
        if (!retry.equals("on") && !retry.equals("off")) {
            throw new IllegalArgumentException(model + ": option " + RETRY + " must be one of [on, off], was '"
                    + retry + "'");
        }
        long startMillis = config.longOption(model, START_TIMEOUT_MILLIS, 30_000, 100, 600_000);
        int maxFailures = (int) config.longOption(model, MAX_START_FAILURES, 3, 1, 100);
        long backoffMillis = config.longOption(model, RESPAWN_BACKOFF_MILLIS, 50, 0, 2_000);
        String spin = config.option(AWAIT_SPIN_MICROS, AUTO).trim().toLowerCase(Locale.ROOT);
        boolean spinAdaptive = spin.equals(AUTO);
        long spinNanos = SpinGate.AUTO_SPIN_NANOS;
        if (!spinAdaptive) {
            try {
                spinNanos = TimeUnit.MICROSECONDS.toNanos(config.longOption(model, AWAIT_SPIN_MICROS, 0, 0, 1_000));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(model + ": option " + AWAIT_SPIN_MICROS + " must be " + AUTO
                        + " or a whole number of microseconds in 0..1000, was '" + spin + "'", e);
            }
        }
        return new PipesSettings(config.workers(), config.queueCapacity(), dispatch, inFlight, jvm, cds,
                archive == null ? null : Path.of(archive), retry.equals("on"),
                TimeUnit.MILLISECONDS.toNanos(startMillis), maxFailures, TimeUnit.MILLISECONDS.toNanos(backoffMillis),
                spinNanos, spinAdaptive);
    }

    private static <E extends Enum<E>> E choice(String model, OffloaderConfig config, String key, String fallback,
                                                E[] values) {
        String text = config.option(key, fallback).trim().toLowerCase(Locale.ROOT);
        List<String> valid = new ArrayList<>();
        for (E e : values) {
            String name = e instanceof Dispatch d ? d.option() : e.name().toLowerCase(Locale.ROOT);
            if (name.equals(text)) {
                return e;
            }
            valid.add(name);
        }
        throw new IllegalArgumentException(model + ": option " + key + " must be one of " + valid + ", was '"
                + config.option(key, fallback) + "'");
    }
}
