package org.offloadbench.bench.plan;

import java.util.List;
import org.offloadbench.core.worker.FixedHeap;
import org.offloadbench.core.worker.HugePages;

/**
 * Forked benchmark JVMs get a fixed 1 GiB heap unless the user's {@code --fork-jvm-args} size it: a
 * growing heap puts large allocations on never-touched memory and the figures measure page faults
 * ({@link FixedHeap} explains). 1 GiB holds the copy suite's largest payload (64 MiB: input, its copy, the
 * output) several times over. The heap lies on transparent huge pages where the kernel offers them, unless
 * the flags choose a page size ({@link HugePages} explains): the same rule as for every child JVM.
 */
public final class ForkHeap {

    public static final String SIZE = "1g";
    public static final List<String> DEFAULT = List.of("-Xms" + SIZE, "-Xmx" + SIZE);

    private ForkHeap() {
    }

    public static List<String> withDefault(List<String> flags) {
        return HugePages.withDefault(FixedHeap.withDefault(flags, SIZE));
    }
}
