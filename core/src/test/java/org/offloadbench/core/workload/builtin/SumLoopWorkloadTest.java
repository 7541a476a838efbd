package org.offloadbench.core.workload.builtin;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.offloadbench.core.workload.InputSpec;
import org.offloadbench.core.workload.WorkloadException;

class SumLoopWorkloadTest {

    private final SumLoopWorkload workload = new SumLoopWorkload();

    private long run(InputSpec spec) {
        return ByteBuffer.wrap(workload.execute(workload.generateInput(spec))).getLong();
    }

    @Test
    @Timeout(60)
    void theArticlesExampleGives4200000000() {
        assertEquals(4_200_000_000L, run(InputSpec.golden(workload)));
    }

    @Test
    void optionsChangeTheSum() {
        assertEquals(21, run(InputSpec.of(1, 16).withOption("addend", "7").withOption("iterations", "3")));
        assertEquals(0, run(InputSpec.of(1, 16).withOption("iterations", "0")));
        assertEquals(-10, run(InputSpec.of(1, 16).withOption("addend", "-1").withOption("iterations", "10")));
    }

    @Test
    void sumWrapsLikeJavaLong() {
        byte[] input = ByteBuffer.allocate(16).putLong(Long.MAX_VALUE).putLong(2).array();
        assertEquals(-2, ByteBuffer.wrap(workload.execute(input)).getLong());
    }

    @Test
    void inputIsTheTwoNumbersWhateverTheSeedOrPayloadSize() {
        byte[] expected = ByteBuffer.allocate(16).putLong(42).putLong(100_000_000L).array();
        assertArrayEquals(expected, workload.generateInput(InputSpec.of(99, 1 << 20)));
    }

    @Test
    void unknownOptionNamesTheValidOnes() {
        var e = assertThrows(IllegalArgumentException.class,
                () -> workload.generateInput(InputSpec.of(1, 16).withOption("iteratons", "5")));
        assertEquals("sum-loop: unknown option 'iteratons'; valid options: addend, iterations", e.getMessage());
    }

    @Test
    void badOptionValuesAreRefusedWithTheRange() {
        var notNumber = assertThrows(IllegalArgumentException.class,
                () -> workload.generateInput(InputSpec.of(1, 16).withOption("iterations", "lots")));
        assertTrue(notNumber.getMessage().contains("iterations='lots' is not a whole number"), notNumber.getMessage());
        var tooMany = assertThrows(IllegalArgumentException.class,
                () -> workload.generateInput(InputSpec.of(1, 16).withOption("iterations", "-1")));
        assertTrue(tooMany.getMessage().contains("valid: 0 .. 10000000000"), tooMany.getMessage());
    }

    @Test
    void malformedInputIsAWorkloadException() {
        var shortInput = assertThrows(WorkloadException.class, () -> workload.execute(new byte[12]));
        assertTrue(shortInput.getMessage().startsWith("sum-loop: malformed input: iterations needs 8 bytes"),
                shortInput.getMessage());
        assertThrows(WorkloadException.class, () -> workload.execute(new byte[17]));
        assertThrows(WorkloadException.class, () -> workload.execute(null));
        byte[] hostile = ByteBuffer.allocate(16).putLong(1).putLong(Long.MAX_VALUE).array();
        var tooLong = assertThrows(WorkloadException.class, () -> workload.execute(hostile));
        assertTrue(tooLong.getMessage().contains("iterations is " + Long.MAX_VALUE), tooLong.getMessage());
    }
}
