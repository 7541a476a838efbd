package org.offloadbench.core.worker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HugePagesTest {

    @TempDir
    Path dir;

    private Path setting(String text) throws IOException {
        return Files.writeString(dir.resolve("enabled"), text);
    }

    @Test
    void theBracketedModeDecides() throws IOException {
        assertTrue(HugePages.offered(setting("always [madvise] never\n")));
        assertTrue(HugePages.offered(setting("[always] madvise never\n")));
        assertFalse(HugePages.offered(setting("always madvise [never]\n")));
        assertFalse(HugePages.offered(dir.resolve("missing")), "no sysfs file: not offered");
        assertEquals("madvise", HugePages.mode(setting("always [madvise] never\n")));
        assertEquals("unknown", HugePages.mode(dir.resolve("missing")));
        assertTrue(HugePages.describe().startsWith("kernel mode "), HugePages.describe());
    }

    @Test
    void addsTheFlagInFrontWhenOffered() {
        assertEquals(List.of(HugePages.FLAG, "-Xms1g", "-Xmx1g"),
                HugePages.withDefault(List.of("-Xms1g", "-Xmx1g"), true));
        assertEquals(List.of("-Xms1g"), HugePages.withDefault(List.of("-Xms1g"), false));
    }

    @Test
    void theFlagsOwnPageSizeChoiceWins() {
        for (String choice : List.of("-XX:-UseTransparentHugePages", "-XX:+UseLargePages", "-XX:LargePageSizeInBytes=1g")) {
            assertEquals(List.of("-Xmx1g", choice), HugePages.withDefault(List.of("-Xmx1g", choice), true), choice);
        }
    }

    @Test
    void aChildIsStartedWithTheFlagWhenOffered() throws Exception {
        ChildJvmSpec spec = ChildJvmSpec.of(WorkerMain.class.getName()).withJvmOptions(List.of("-Xmx64m"));
        try (ChildJvm child = new ChildJvmLauncher().launch(spec)) {
            assertEquals(HugePages.available(), child.spec().jvmOptions().contains(HugePages.FLAG));
            assertEquals(HugePages.withDefault(List.of("-Xmx64m")), child.spec().jvmOptions());
        }
    }
}
