package org.offloadbench.process;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.offloadbench.core.offload.Task;

/**
 * {@code cds=app} either gives the children an application archive or says why not, and never fails the pool;
 * a private archive folder is gone after close. (The test classpath is class folders, which the JDK does not
 * archive; the benchmarks run from benchmarks.jar, where the archive is made.)
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class CdsArchiveTest {

    @Test
    void anAppArchiveIsUsedOrExplainedAndItsPrivateFolderIsRemovedOnClose() throws IOException {
        List<Path> before = cdsFolders();
        PipesOffloader pool = TestPools.pool(1, 4, "cds", "app");
        String status = pool.cdsStatus();
        try {
            assertFalse(status.isEmpty(), "cds=app must say what became of the archive");
            assertTrue(status.startsWith("application archive dumped") || status.startsWith("no application archive: "),
                    status);
            byte[] input = {1, 2, 3, 4};
            assertArrayEquals(input, PipesOffloaderTest.result(pool.submit(Task.of("echo", input.clone()))).output());
        } finally {
            pool.close();
        }
        List<Path> after = cdsFolders();
        after.removeAll(before);
        assertTrue(after.isEmpty(), "private CDS folders left behind: " + after + " (status: " + status + ")");
    }

    private static List<Path> cdsFolders() throws IOException {
        try (Stream<Path> s = Files.list(Path.of(System.getProperty("java.io.tmpdir")))) {
            return new java.util.ArrayList<>(s.filter(p -> p.getFileName().toString().startsWith("offloadbench-cds-")).toList());
        }
    }
}
