package org.offloadbench.core.worker;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Transparent huge pages for the heap of every JVM the harness starts ({@code -XX:+UseTransparentHugePages}),
 * where the kernel offers them ({@code always} or {@code madvise} in
 * {@code /sys/kernel/mm/transparent_hugepage/enabled}), unless the JVM's own flags choose its page size.
 *
 * <p>Why: a fixed heap ({@link FixedHeap}) is still touched lazily, and each first touch of a 4 KiB page is a
 * fault the kernel must zero. On a virtual machine that costs about 8 us a page: a child JVM allocating
 * 64 KiB arrays paid 50-140 us an allocation (3-4 us once touched) until its whole young generation had been
 * touched once, which took longer than a scaling or latency warm-up, so those figures measured page faults.
 * With huge pages the heap faults in 2 MiB pieces: the same first gigabyte of allocation took 0.25-0.36 s
 * instead of 1.1 s, and starting a JVM costs no more, because nothing is touched up front (unlike
 * {@code -XX:+AlwaysPreTouch}, which would add 0.2-2 s to every spawn the startup suite measures).
 */
public final class HugePages {

    public static final String FLAG = "-XX:+UseTransparentHugePages";
    static final Path KERNEL_SETTING = Path.of("/sys/kernel/mm/transparent_hugepage/enabled");

    /** Read once: whether huge pages are used follows from it, so the two can never disagree. */
    private static final String MODE = mode(KERNEL_SETTING);
    private static final boolean AVAILABLE = offered(MODE);

    private HugePages() {
    }

    /** Whether this kernel offers transparent huge pages to a process that asks for them. */
    public static boolean available() {
        return AVAILABLE;
    }

    /** {@code flags} with {@link #FLAG} in front when available and the flags do not choose a page size. */
    public static List<String> withDefault(List<String> flags) {
        return withDefault(flags, AVAILABLE);
    }

    static List<String> withDefault(List<String> flags, boolean available) {
        if (!available || choosesPageSize(flags)) {
            return List.copyOf(flags);
        }
        List<String> all = new ArrayList<>();
        all.add(FLAG);
        all.addAll(flags);
        return List.copyOf(all);
    }

    /** Whether any flag turns huge or large pages on or off (the user's choice wins). */
    public static boolean choosesPageSize(List<String> flags) {
        for (String flag : flags) {
            if (flag.contains("TransparentHugePages") || flag.contains("LargePages")
                    || flag.startsWith("-XX:LargePageSizeInBytes")) {
                return true;
            }
        }
        return false;
    }

    /**
     * Reads the kernel's setting, e.g. {@code always [madvise] never}: the bracketed word is the mode.
     * A missing or unreadable file (not Linux, a container hiding sysfs) means not offered.
     */
    static boolean offered(Path setting) {
        return offered(mode(setting));
    }

    private static boolean offered(String mode) {
        return mode.equals("always") || mode.equals("madvise");
    }

    /** For the report's environment: the kernel's mode and whether the harness's JVMs use huge pages. */
    public static String describe() {
        return "kernel mode " + MODE + (AVAILABLE ? "; heaps of the runner, forks and child JVMs on huge pages ("
                + FLAG + ") unless their flags choose a page size" : "; not used");
    }

    /** The bracketed word of the setting, or "unknown" when the file cannot be read. */
    static String mode(Path setting) {
        try {
            String text = Files.readString(setting);
            int open = text.indexOf('[');
            int close = text.indexOf(']', open + 1);
            return open >= 0 && close > open ? text.substring(open + 1, close) : "unknown";
        } catch (IOException | SecurityException e) {
            return "unknown";
        }
    }
}
