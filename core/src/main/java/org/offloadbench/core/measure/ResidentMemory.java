package org.offloadbench.core.measure;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.OptionalLong;

/**
 * Resident set size of a process from {@code /proc/<pid>/status} (VmRSS). Empty where there is no /proc
 * (macOS) or the process is gone, so callers record "unknown" rather than a made-up zero.
 */
public final class ResidentMemory {
    private final Path procRoot;

    public ResidentMemory(Path procRoot) {
        this.procRoot = procRoot;
    }

    public static ResidentMemory ofThisMachine() {
        return new ResidentMemory(Path.of("/proc"));
    }

    public OptionalLong rssBytes(long pid) {
        try {
            for (String line : Files.readAllLines(procRoot.resolve(Long.toString(pid)).resolve("status"))) {
                if (line.startsWith("VmRSS:")) {
                    String[] parts = line.substring("VmRSS:".length()).trim().split("\\s+");
                    return OptionalLong.of(Long.parseLong(parts[0]) * 1024L);
                }
            }
            return OptionalLong.empty();
        } catch (IOException | NumberFormatException e) {
            return OptionalLong.empty(); // no /proc, or the process exited between listing and reading
        }
    }

    public OptionalLong selfRssBytes() {
        return rssBytes(ProcessHandle.current().pid());
    }
}
