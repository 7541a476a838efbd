package org.offloadbench.shm;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.offloadbench.core.offload.OffloaderConfig;
import org.offloadbench.core.offload.options.ModelOptions;
import org.offloadbench.core.offload.options.OptionSpec;
import org.offloadbench.core.offload.options.OptionUnit;
import org.offloadbench.core.worker.FixedHeap;
import org.offloadbench.shm.region.RegionFiles;
import org.offloadbench.shm.region.RegionLayout;
import org.offloadbench.shm.slot.WaitStrategy;

/**
 * A shared-memory model's configuration, parsed from {@link OffloaderConfig} options declared in
 * {@link #CHILD_OPTIONS} (the child-JVM models) and {@link #IN_PROCESS_OPTIONS} ({@code shm/in-process}, which
 * has no child to give JVM options to). {@code wait=park} is the default: it costs no CPU while waiting and,
 * on a busy machine, wakes sooner than timed backoff. A child without a heap size in {@code jvmOptions} gets
 * a fixed heap (-Xms = -Xmx: a growing heap measures page faults). The region file is sparse, so a large
 * {@code slotBytes} costs memory only for the bytes really used.
 */
public record ShmSettings(int workers, int queueCapacity, int slotBytes, WaitStrategy waitStrategy,
                          List<String> jvmOptions, Path dir) {

    public static final String SLOT_BYTES = "slotBytes";
    public static final String WAIT = "wait";
    public static final String JVM_OPTIONS = "jvmOptions";
    /** A child's heap unless jvmOptions size it; the copy path never allocates per task in the child. */
    public static final String DEFAULT_CHILD_HEAP = "512m";
    public static final String DIR = "dir";
    public static final int DEFAULT_SLOT_BYTES = 64 << 20;
    public static final WaitStrategy DEFAULT_WAIT = WaitStrategy.PARK;

    /** The options of {@code shm/in-process}. */
    public static final List<OptionSpec> IN_PROCESS_OPTIONS = List.of(
            OptionSpec.integer(SLOT_BYTES, DEFAULT_SLOT_BYTES, 1, RegionLayout.MAX_SLOT_BYTES, OptionUnit.BYTES,
                    "largest input and output per task (default 64 MiB, the copy suite's largest)"),
            OptionSpec.choice(WAIT, DEFAULT_WAIT.id(), Arrays.stream(WaitStrategy.values()).map(WaitStrategy::id)
                    .toList(), "how each side waits for the other: busy-spin, spin then yield then park, or park "
                    + "until a doorbell rings"),
            OptionSpec.text(DIR, null, "where region folders go; without it /dev/shm, else the temp folder"));

    /** The options of the child-JVM models ({@code shm/copy}, {@code shm/zero-copy}). */
    public static final List<OptionSpec> CHILD_OPTIONS = List.of(IN_PROCESS_OPTIONS.get(0), IN_PROCESS_OPTIONS.get(1),
            OptionSpec.text(JVM_OPTIONS, "", "extra child JVM options, whitespace-separated; without a heap size "
                    + "the child gets a fixed " + DEFAULT_CHILD_HEAP + " heap"),
            IN_PROCESS_OPTIONS.get(2));

    public ShmSettings {
        jvmOptions = List.copyOf(jvmOptions);
    }

    /**
     * @throws IllegalArgumentException for an unknown option or a bad value, naming the valid ones
     */
    public static ShmSettings from(String model, OffloaderConfig config, boolean childJvms) {
        ModelOptions o = ModelOptions.parse(model, childJvms ? CHILD_OPTIONS : IN_PROCESS_OPTIONS, config.options());
        List<String> jvm = new ArrayList<>();
        String extra = childJvms ? o.text(JVM_OPTIONS) : "";
        if (!extra.isEmpty()) {
            jvm.addAll(Arrays.asList(extra.split("\\s+")));
        }
        String dir = o.text(DIR);
        return new ShmSettings(config.workers(), config.queueCapacity(), (int) o.integer(SLOT_BYTES),
                WaitStrategy.parse(o.text(WAIT)), FixedHeap.withDefault(jvm, DEFAULT_CHILD_HEAP),
                dir == null || dir.isBlank() ? RegionFiles.defaultBase() : Path.of(dir));
    }
}
