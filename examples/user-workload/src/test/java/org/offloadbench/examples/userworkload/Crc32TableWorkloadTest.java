package org.offloadbench.examples.userworkload;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.zip.CRC32;
import org.junit.jupiter.api.Test;
import org.offloadbench.core.workload.InputSpec;
import org.offloadbench.core.workload.Workload;
import org.offloadbench.core.workload.WorkloadCatalogue;
import org.offloadbench.core.workload.WorkloadException;

class Crc32TableWorkloadTest {

    private static int crc(Workload workload, byte[] input) {
        return ByteBuffer.wrap(workload.execute(input)).getInt();
    }

    @Test
    void catalogueFindsItNextToTheBuiltins() {
        WorkloadCatalogue catalogue = WorkloadCatalogue.load();
        assertInstanceOf(Crc32TableWorkload.class, catalogue.get("crc32-table"));
        assertTrue(catalogue.contains("sha256") && catalogue.contains("sum-loop"), catalogue.ids().toString());
        var unknown = assertThrows(IllegalArgumentException.class, () -> catalogue.get("crc-32"));
        assertTrue(unknown.getMessage().contains("crc32-table"), unknown.getMessage());
    }

    @Test
    void runsThroughTheCatalogueLikeABuiltin() {
        Workload workload = WorkloadCatalogue.load().get("crc32-table");
        byte[] input = workload.generateInput(InputSpec.golden(workload));
        assertEquals(64 * 1024, input.length);
        CRC32 reference = new CRC32();
        reference.update(input);
        assertEquals((int) reference.getValue(), crc(workload, input));
        // the default executeInto (copy through execute) works for it too
        ByteBuffer out = ByteBuffer.allocate(4);
        assertEquals(4, workload.executeInto(ByteBuffer.wrap(input), out));
        assertArrayEquals(workload.execute(input), out.array());
    }

    @Test
    void knownAnswer() {
        // The standard CRC-32 check value for "123456789".
        assertEquals(0xCBF43926, crc(new Crc32TableWorkload(), "123456789".getBytes(StandardCharsets.US_ASCII)));
        assertEquals(0, crc(new Crc32TableWorkload(), new byte[0]));
    }

    @Test
    void badOptionsAndInput() {
        var workload = new Crc32TableWorkload();
        var e = assertThrows(IllegalArgumentException.class,
                () -> workload.generateInput(InputSpec.of(1, 8).withOption("poly", "x")));
        assertEquals("crc32-table: unknown option 'poly'; crc32-table takes no options", e.getMessage());
        assertThrows(WorkloadException.class, () -> workload.execute(null));
    }
}
