package org.offloadbench.core.worker;

import java.util.ArrayList;
import java.util.List;

/**
 * A fixed heap ({@code -Xms} = {@code -Xmx}) for every JVM the harness starts, unless its flags size the
 * heap themselves.
 *
 * <p>Why: with the ergonomic heap (a small start, a quarter of RAM at most) G1 keeps growing the heap while
 * a benchmark allocates, so operations that allocate large arrays (a 16 MiB echo allocates 32 MiB) keep
 * landing on memory that was never touched, and every first touch is a page fault the kernel must zero. On
 * a virtual machine that cost 120 ms per 16 MiB echo in the iterations where the heap grew and 7 ms in those
 * where a collection recycled touched regions: a bimodal series whose mean measured the heap's growth policy,
 * not the model. A fixed heap is touched once during warm-up and reused after that ("fix the heap size" is
 * JMH's own advice).
 */
public final class FixedHeap {

    private FixedHeap() {
    }

    /** {@code flags} with {@code -Xms<size> -Xmx<size>} in front, unless they already size the heap. */
    public static List<String> withDefault(List<String> flags, String size) {
        if (sizesHeap(flags)) {
            return List.copyOf(flags);
        }
        List<String> all = new ArrayList<>(List.of("-Xms" + size, "-Xmx" + size));
        all.addAll(flags);
        return List.copyOf(all);
    }

    /** Whether any flag sets the heap's initial or maximum size (directly or as a share of RAM). */
    public static boolean sizesHeap(List<String> flags) {
        for (String flag : flags) {
            if (flag.startsWith("-Xmx") || flag.startsWith("-Xms") || flag.startsWith("-XX:MaxHeapSize")
                    || flag.startsWith("-XX:InitialHeapSize") || flag.startsWith("-XX:MaxRAMPercentage")
                    || flag.startsWith("-XX:InitialRAMPercentage") || flag.startsWith("-XX:MaxRAM=")) {
                return true;
            }
        }
        return false;
    }
}
