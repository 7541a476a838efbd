package org.offloadbench.core.workload.builtin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigInteger;
import java.nio.ByteBuffer;
import org.junit.jupiter.api.Test;
import org.offloadbench.core.workload.InputSpec;
import org.offloadbench.core.workload.WorkloadException;

class FibonacciWorkloadTest {

    private final FibonacciWorkload workload = new FibonacciWorkload();

    private BigInteger fib(int n) {
        return new BigInteger(workload.execute(workload.generateInput(InputSpec.of(1, 4).withOption("n", "" + n))));
    }

    @Test
    void knownValues() {
        assertEquals(BigInteger.ZERO, fib(0));
        assertEquals(BigInteger.ONE, fib(1));
        assertEquals(BigInteger.ONE, fib(2));
        assertEquals(BigInteger.valueOf(55), fib(10));
        assertEquals(new BigInteger("354224848179261915075"), fib(100));
    }

    @Test
    void defaultAgreesWithFastDoubling() {
        BigInteger expected = fastDoubling(FibonacciWorkload.DEFAULT_N)[0];
        assertEquals(expected, new BigInteger(workload.execute(workload.generateInput(InputSpec.golden(workload)))));
        assertEquals(4180, expected.toString().length(), "F(20000) has 4180 decimal digits");
    }

    /** An independent algorithm: F(2k) = F(k)(2F(k+1) - F(k)), F(2k+1) = F(k)^2 + F(k+1)^2. */
    private static BigInteger[] fastDoubling(int n) {
        if (n == 0) {
            return new BigInteger[] {BigInteger.ZERO, BigInteger.ONE};
        }
        BigInteger[] half = fastDoubling(n / 2);
        BigInteger a = half[0];
        BigInteger b = half[1];
        BigInteger c = a.multiply(b.shiftLeft(1).subtract(a));
        BigInteger d = a.multiply(a).add(b.multiply(b));
        return n % 2 == 0 ? new BigInteger[] {c, d} : new BigInteger[] {d, c.add(d)};
    }

    @Test
    void badOptionsAndInput() {
        var e = assertThrows(IllegalArgumentException.class,
                () -> workload.generateInput(InputSpec.of(1, 4).withOption("n", "2000000")));
        assertTrue(e.getMessage().contains("valid: 0 .. 1000000"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> workload.generateInput(InputSpec.of(1, 4).withOption("m", "1")));
        assertThrows(WorkloadException.class, () -> workload.execute(new byte[3]));
        assertThrows(WorkloadException.class, () -> workload.execute(new byte[5]));
        var negative = assertThrows(WorkloadException.class,
                () -> workload.execute(ByteBuffer.allocate(4).putInt(-1).array()));
        assertTrue(negative.getMessage().contains("n is -1"), negative.getMessage());
    }
}
