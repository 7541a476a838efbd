package org.offloadbench.core.workload.builtin;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;
import org.offloadbench.core.workload.InputSpec;
import org.offloadbench.core.workload.WorkloadException;

class Sha256WorkloadTest {

    private static final byte[] ABC_DIGEST =
            HexFormat.of().parseHex("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");

    private final Sha256Workload workload = new Sha256Workload();

    @Test
    void knownAnswerForAbc() {
        assertArrayEquals(ABC_DIGEST, workload.execute("abc".getBytes(StandardCharsets.US_ASCII)));
    }

    @Test
    void executeIntoDigestsADirectBufferInPlace() {
        ByteBuffer input = ByteBuffer.allocateDirect(3).put("abc".getBytes(StandardCharsets.US_ASCII)).flip();
        ByteBuffer output = ByteBuffer.allocateDirect(40);
        output.position(4);
        assertEquals(32, workload.executeInto(input, output));
        assertEquals(36, output.position());
        byte[] digest = new byte[32];
        output.get(4, digest);
        assertArrayEquals(ABC_DIGEST, digest);
    }

    @Test
    void outputTooSmallIsAClearError() {
        var e = assertThrows(WorkloadException.class,
                () -> workload.executeInto(ByteBuffer.allocate(3), ByteBuffer.allocate(31)));
        assertEquals("sha256: output of 32 bytes does not fit in 31 bytes", e.getMessage());
    }

    @Test
    void inputIsPayloadBytesLongAndTakesNoOptions() {
        assertEquals(1000, workload.generateInput(InputSpec.of(1, 1000)).length);
        assertEquals(0, workload.generateInput(InputSpec.of(1, 0)).length);
        var e = assertThrows(IllegalArgumentException.class,
                () -> workload.generateInput(InputSpec.of(1, 10).withOption("level", "1")));
        assertEquals("sha256: unknown option 'level'; sha256 takes no options", e.getMessage());
    }
}
