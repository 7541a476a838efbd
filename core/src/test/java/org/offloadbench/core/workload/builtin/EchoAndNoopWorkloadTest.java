package org.offloadbench.core.workload.builtin;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.ByteBuffer;
import org.junit.jupiter.api.Test;
import org.offloadbench.core.workload.InputSpec;
import org.offloadbench.core.workload.WorkloadException;

class EchoAndNoopWorkloadTest {

    private final EchoWorkload echo = new EchoWorkload();
    private final NoopWorkload noop = new NoopWorkload();

    @Test
    void echoReturnsACopy() {
        byte[] input = echo.generateInput(InputSpec.of(3, 1000));
        byte[] output = echo.execute(input);
        assertArrayEquals(input, output);
        assertNotSame(input, output);
    }

    @Test
    void echoIntoCopiesBetweenDirectBuffers() {
        byte[] input = echo.generateInput(InputSpec.of(3, 4096));
        ByteBuffer in = ByteBuffer.allocateDirect(input.length).put(input).flip();
        ByteBuffer out = ByteBuffer.allocateDirect(input.length);
        assertEquals(input.length, echo.executeInto(in, out));
        byte[] copied = new byte[input.length];
        out.flip().get(copied);
        assertArrayEquals(input, copied);
        var e = assertThrows(WorkloadException.class,
                () -> echo.executeInto(ByteBuffer.allocate(10), ByteBuffer.allocate(9)));
        assertEquals("echo: output of 10 bytes does not fit in 9 bytes", e.getMessage());
    }

    @Test
    void noopReturnsNothingAndTouchesNothing() {
        assertEquals(0, noop.execute(new byte[64]).length);
        assertEquals(0, noop.execute(new byte[0]).length);
        ByteBuffer in = ByteBuffer.allocate(64);
        ByteBuffer out = ByteBuffer.allocate(0);
        assertEquals(0, noop.executeInto(in, out));
        assertEquals(64, in.remaining());
        assertEquals(64, noop.generateInput(InputSpec.golden(noop)).length);
    }

    @Test
    void nullInputIsAWorkloadException() {
        assertThrows(WorkloadException.class, () -> echo.execute(null));
        assertThrows(WorkloadException.class, () -> noop.execute(null));
    }
}
