package org.offloadbench.core.result;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EnvironmentCaptureTest {

    @Test
    void readsCpuAndMemoryFromProcFiles(@TempDir Path dir) throws Exception {
        Path proc = Files.createDirectories(dir.resolve("proc"));
        Files.writeString(proc.resolve("cpuinfo"), "processor\t: 0\nvendor_id\t: GenuineIntel\n"
                + "model name\t: Test CPU @ 3.00GHz\n\nprocessor\t: 1\nmodel name\t: Test CPU @ 3.00GHz\n");
        Files.writeString(proc.resolve("meminfo"), "MemTotal:        8048576 kB\nMemFree:  1 kB\n");
        EnvironmentCapture capture = new EnvironmentCapture(proc, dir);
        assertEquals("Test CPU @ 3.00GHz", capture.cpuModel());
        assertEquals(8048576L * 1024, capture.memoryBytes());
    }

    @Test
    void aFolderOutsideGitIsUnknownAndClean(@TempDir Path dir) {
        EnvironmentInfo info = new EnvironmentCapture(dir.resolve("no-proc"), dir).capture(List.of("-Xmx1g"));
        assertEquals(EnvironmentCapture.UNKNOWN, info.gitCommit());
        assertFalse(info.gitDirty());
        assertEquals(System.getProperty("os.arch"), info.cpuModel());
        assertEquals(0, info.memoryBytes());
        assertEquals(List.of("-Xmx1g"), info.forkJvmFlags());
        assertEquals(Runtime.getRuntime().availableProcessors(), info.cores());
        assertFalse(info.javaHome().startsWith(System.getProperty("user.home") + "/"), info.javaHome());
    }

    @Test
    void homeIsReplacedByTilde() {
        String home = System.getProperty("user.home");
        assertEquals("~/jdks/17", EnvironmentCapture.homeRelative(home + "/jdks/17"));
        assertEquals("/usr/lib/jvm/x", EnvironmentCapture.homeRelative("/usr/lib/jvm/x").replace(home, home));
    }

    @Test
    void recordsTheCommitOfAGitCheckout(@TempDir Path dir) throws Exception {
        if (EnvironmentCapture.run(dir, "git", "--version").isEmpty()) {
            return; // no git on this machine: the unknown case above covers it
        }
        assertTrue(EnvironmentCapture.run(dir, "git", "init", "-q").isPresent());
        Files.writeString(dir.resolve("a.txt"), "a");
        EnvironmentCapture.run(dir, "git", "add", "a.txt");
        EnvironmentCapture.run(dir, "git", "-c", "user.email=t@t", "-c", "user.name=t", "commit", "-q", "-m", "a");
        EnvironmentInfo clean = new EnvironmentCapture(dir, dir).capture(List.of());
        assertEquals(40, clean.gitCommit().length(), clean.gitCommit());
        assertFalse(clean.gitDirty());
        Files.writeString(dir.resolve("a.txt"), "changed");
        assertTrue(new EnvironmentCapture(dir, dir).capture(List.of()).gitDirty());
    }
}
