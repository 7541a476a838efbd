package org.offloadbench.core.measure;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ResidentMemoryTest {

    @Test
    void readsVmRssInBytes(@TempDir Path proc) throws Exception {
        Files.createDirectories(proc.resolve("42"));
        Files.writeString(proc.resolve("42/status"), "Name:\tjava\nVmPeak:\t 9 kB\nVmRSS:\t  123456 kB\n");
        assertEquals(123456L * 1024, new ResidentMemory(proc).rssBytes(42).getAsLong());
    }

    @Test
    void aMissingProcessIsUnknownNotZero(@TempDir Path proc) {
        assertTrue(new ResidentMemory(proc).rssBytes(7).isEmpty());
    }
}
