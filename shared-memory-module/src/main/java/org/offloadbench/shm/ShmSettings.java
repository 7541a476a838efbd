package org.offloadbench.shm;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import org.offloadbench.core.offload.OffloaderConfig;
import org.offloadbench.core.worker.FixedHeap;
import org.offloadbench.shm.region.RegionFiles;
import org.offloadbench.shm.region.RegionLayout;
import org.offloadbench.shm.slot.WaitStrategy;

/**
 * A shared-memory model's configuration, parsed from {@link OffloaderConfig} options:
 * <pre>
 *   slotBytes=67108864       largest input and output per task (default 64 MiB, the copy suite's largest)
 *   wait=park                spin | backoff | park (see {@link WaitStrategy}); park by default: it costs no
 *                            CPU while waiting and, on a busy machine, wakes sooner than timed backoff
 *   jvmOptions=-Xmx256m ...  extra child JVM options, whitespace-separated (child models only); without a heap
 *                            size the child gets a fixed 512m heap (-Xms = -Xmx: a growing heap measures page faults)
 *   dir=/some/folder         where region folders go (default /dev/shm, else the temp folder)
 * </pre>
 * The region file is sparse, so a large {@code slotBytes} costs memory only for the bytes really used.
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

    public ShmSettings {
        jvmOptions = List.copyOf(jvmOptions);
    }

    /**
     * @throws IllegalArgumentException for an unknown option or a bad value, naming the valid ones
     */
    public static ShmSettings from(String model, OffloaderConfig config, boolean childJvms) {
        Set<String> valid = childJvms ? Set.of(SLOT_BYTES, WAIT, JVM_OPTIONS, DIR) : Set.of(SLOT_BYTES, WAIT, DIR);
        config.requireOnly(model, valid);
        int slotBytes;
        String raw = config.option(SLOT_BYTES, Integer.toString(DEFAULT_SLOT_BYTES));
        try {
            slotBytes = Integer.parseInt(raw.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(model + ": " + SLOT_BYTES + " must be an integer number of bytes "
                    + "(1.." + RegionLayout.MAX_SLOT_BYTES + "), was '" + raw + "'");
        }
        if (slotBytes < 1 || slotBytes > RegionLayout.MAX_SLOT_BYTES) {
            throw new IllegalArgumentException(model + ": " + SLOT_BYTES + " must be 1.." + RegionLayout.MAX_SLOT_BYTES
                    + ", was " + slotBytes);
        }
        WaitStrategy wait;
        try {
            wait = WaitStrategy.parse(config.option(WAIT, DEFAULT_WAIT.id()));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(model + ": " + e.getMessage(), e);
        }
        List<String> jvm = new ArrayList<>();
        String extra = config.option(JVM_OPTIONS, "").trim();
        if (!extra.isEmpty()) {
            jvm.addAll(Arrays.asList(extra.split("\\s+")));
        }
        String dir = config.option(DIR, "");
        return new ShmSettings(config.workers(), config.queueCapacity(), slotBytes, wait,
                FixedHeap.withDefault(jvm, DEFAULT_CHILD_HEAP),
                dir.isBlank() ? RegionFiles.defaultBase() : Path.of(dir));
    }
}
