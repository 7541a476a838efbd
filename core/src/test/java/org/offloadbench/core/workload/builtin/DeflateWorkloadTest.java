package org.offloadbench.core.workload.builtin;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.zip.DataFormatException;
import java.util.zip.Inflater;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;
import org.offloadbench.core.workload.InputSpec;
import org.offloadbench.core.workload.WorkloadException;

class DeflateWorkloadTest {

    private final DeflateWorkload workload = new DeflateWorkload();

    private static byte[] inflate(byte[] compressed) throws DataFormatException {
        Inflater inflater = new Inflater();
        try {
            inflater.setInput(compressed);
            var out = new ByteArrayOutputStream();
            byte[] chunk = new byte[8192];
            while (!inflater.finished()) {
                int n = inflater.inflate(chunk);
                if (n == 0 && !inflater.finished() && (inflater.needsInput() || inflater.needsDictionary())) {
                    throw new DataFormatException("truncated stream");
                }
                out.write(chunk, 0, n);
            }
            return out.toByteArray();
        } finally {
            inflater.end();
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 1, 6, 9})
    void inflaterRestoresTheText(int level) throws DataFormatException {
        byte[] input = workload.generateInput(InputSpec.golden(workload).withOption("level", "" + level));
        assertEquals(level, ByteBuffer.wrap(input).getInt());
        byte[] text = Arrays.copyOfRange(input, 4, input.length);
        assertEquals(64 * 1024, text.length);
        byte[] compressed = workload.execute(input);
        assertArrayEquals(text, inflate(compressed));
        if (level > 0) {
            assertTrue(compressed.length < text.length / 2, "prose-like text compresses: " + compressed.length);
        }
    }

    @Test
    void emptyTextIsValid() throws DataFormatException {
        assertEquals(0, inflate(workload.execute(workload.generateInput(InputSpec.of(1, 0)))).length);
    }

    @Test
    void badLevel() {
        var option = assertThrows(IllegalArgumentException.class,
                () -> workload.generateInput(InputSpec.of(1, 10).withOption("level", "10")));
        assertTrue(option.getMessage().contains("valid: 0 .. 9"), option.getMessage());
        var input = assertThrows(WorkloadException.class,
                () -> workload.execute(ByteBuffer.allocate(8).putInt(-3).array()));
        assertTrue(input.getMessage().contains("level is -3; valid: 0 .. 9"), input.getMessage());
        assertThrows(WorkloadException.class, () -> workload.execute(new byte[2]));
    }
}
