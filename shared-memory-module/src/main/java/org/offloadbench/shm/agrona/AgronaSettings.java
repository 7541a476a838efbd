package org.offloadbench.shm.agrona;

import org.offloadbench.core.offload.options.OptionUnit;
import org.offloadbench.core.offload.options.OptionSpec;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.offloadbench.core.offload.OffloaderConfig;
import org.offloadbench.core.offload.transport.RecoveryPolicy;
import org.offloadbench.core.worker.FixedHeap;
import org.offloadbench.shm.region.RegionFiles;

/**
 * {@code shm/agrona}'s configuration, parsed from {@link OffloaderConfig} options:
 * <pre>
 *   wait=backoff                busy-spin | backoff | sleeping: Agrona's idle strategy on both sides
 *   ringBytes=16777216          capacity of each ring (a power of two, 64 KiB .. 1 GiB); a message may be
 *                               at most an eighth of it (Agrona's maxMsgLength), header included
 *   jvmOptions=-Xss1m ...       extra child JVM options, whitespace-separated; without a heap size the
 *                               child gets a fixed 512m heap
 *   dir=/some/folder            where the private ring folders go (default /dev/shm, else the temp folder)
 *   retry=on|off                retry the task of a child that died once, on another child (default on)
 *   maxStartFailures=3          consecutive failed child starts after which the model stops respawning
 *   respawnBackoffMillis=50     delay before the next start after a failed one; doubles up to 2 s
 * </pre>
 */
public record AgronaSettings(int workers, int queueCapacity, AgronaWait waitStrategy, int ringBytes,
                             List<String> jvmOptions, Path dir, boolean retry, int maxStartFailures,
                             long respawnBackoffNanos) {

    public static final String WAIT = "wait";
    public static final String RING_BYTES = "ringBytes";
    public static final String JVM_OPTIONS = "jvmOptions";
    public static final String DIR = "dir";
    public static final String RETRY = "retry";
    public static final String MAX_START_FAILURES = "maxStartFailures";
    public static final String RESPAWN_BACKOFF_MILLIS = "respawnBackoffMillis";
    static final Set<String> OPTIONS = Set.of(WAIT, RING_BYTES, JVM_OPTIONS, DIR, RETRY, MAX_START_FAILURES,
            RESPAWN_BACKOFF_MILLIS);

    /** What {@code bench list} prints and the runner checks; {@link #from} applies the same rules. */
    static final List<OptionSpec> SPECS = List.of(
            OptionSpec.choice(WAIT, "backoff", List.of("busy-spin", "backoff", "sleeping"),
                    "Agrona idle strategy of both sides: BusySpin, Backoff or Sleeping"),
            OptionSpec.integer(RING_BYTES, 16 << 20, 64 << 10, 1 << 30, OptionUnit.BYTES,
                    "capacity of each ring (a power of two); the largest message is an eighth of it"),
            OptionSpec.text(JVM_OPTIONS, "", "more child JVM flags, space separated"),
            OptionSpec.text(DIR, null, "where the private ring folders go (default /dev/shm, else the temp folder)"),
            OptionSpec.choice(RETRY, "on", List.of("on", "off"), "retry the task of a child that died, once, on another"),
            OptionSpec.integer(MAX_START_FAILURES, 3, 1, 1000, OptionUnit.NONE,
                    "consecutive failed child starts after which the model stops respawning"),
            OptionSpec.integer(RESPAWN_BACKOFF_MILLIS, 50, 0, 60_000, OptionUnit.MILLIS,
                    "delay before the next start after a failed one; doubles up to 2 s"));

    public static final AgronaWait DEFAULT_WAIT = AgronaWait.BACKOFF;
    public static final int DEFAULT_RING_BYTES = 16 << 20;
    public static final int MIN_RING_BYTES = 64 << 10;
    public static final int MAX_RING_BYTES = 1 << 30;
    public static final String DEFAULT_CHILD_HEAP = "512m";
    /** Longest delay between two respawn attempts. */
    static final long MAX_RESPAWN_BACKOFF_NANOS = TimeUnit.SECONDS.toNanos(2);

    public AgronaSettings {
        jvmOptions = List.copyOf(jvmOptions);
    }

    /** @throws IllegalArgumentException for an unknown option or a bad value, naming the valid ones */
    public static AgronaSettings from(String model, OffloaderConfig config) {
        config.requireOnly(model, OPTIONS);
        AgronaWait wait = waitOf(model, config);
        long ring = config.longOption(model, RING_BYTES, DEFAULT_RING_BYTES, MIN_RING_BYTES, MAX_RING_BYTES);
        if (Long.bitCount(ring) != 1) {
            throw new IllegalArgumentException(model + ": option " + RING_BYTES + " must be a power of two in "
                    + MIN_RING_BYTES + ".." + MAX_RING_BYTES + " (Agrona's ring capacity), was " + ring);
        }
        String retry = config.option(RETRY, "on").trim();
        if (!retry.equals("on") && !retry.equals("off")) {
            throw new IllegalArgumentException(model + ": option " + RETRY + " must be on|off, was '" + retry + "'");
        }
        int maxStartFailures = (int) config.longOption(model, MAX_START_FAILURES, 3, 1, 1000);
        long backoffMillis = config.longOption(model, RESPAWN_BACKOFF_MILLIS, 50, 0, 60_000);
        List<String> jvm = new ArrayList<>();
        String extra = config.option(JVM_OPTIONS, "").trim();
        if (!extra.isEmpty()) {
            jvm.addAll(Arrays.asList(extra.split("\\s+")));
        }
        String dir = config.option(DIR, "");
        return new AgronaSettings(config.workers(), config.queueCapacity(), wait, (int) ring,
                FixedHeap.withDefault(jvm, DEFAULT_CHILD_HEAP),
                dir.isBlank() ? RegionFiles.defaultBase() : Path.of(dir), retry.equals("on"), maxStartFailures,
                TimeUnit.MILLISECONDS.toNanos(backoffMillis));
    }

    /** The wait option alone (for the provider's wait discipline). */
    static AgronaWait waitOf(String model, OffloaderConfig config) {
        try {
            return AgronaWait.parse(config.option(WAIT, DEFAULT_WAIT.id()));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(model + ": option " + e.getMessage(), e);
        }
    }

    /**
     * The recovery decisions, as core's policy: retry a dead child's task once (unless {@code retry=off}),
     * give up after {@code maxStartFailures} failed starts in a row. The respawn delay is
     * {@link #respawnDelayNanos} (capped at 2 s even for a longer first backoff).
     */
    RecoveryPolicy recovery() {
        return new RecoveryPolicy(retry, maxStartFailures, respawnBackoffNanos,
                Math.max(respawnBackoffNanos, MAX_RESPAWN_BACKOFF_NANOS), true, RecoveryPolicy.BACKSTOP_MIN_GRACE_NANOS);
    }

    /** The delay before a start that follows {@code failures} consecutive failed ones. */
    long respawnDelayNanos(int failures) {
        if (failures <= 0) {
            return 0L;
        }
        return Math.min(MAX_RESPAWN_BACKOFF_NANOS, respawnBackoffNanos << Math.min(20, failures - 1));
    }
}
