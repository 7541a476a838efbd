package org.offloadbench.core.measure;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.offloadbench.core.offload.Task;
import org.offloadbench.core.workload.Checksums;

@Timeout(60)
class VerifiedWindowTest {
    private final byte[] input = {1, 2, 3, 4, 5};
    private final long expected = Checksums.of(ClosedLoopDriverTest.reverse(input));
    private final ReplyVerifier verifier = new ReplyVerifier("test/pool", "reverse", expected);

    @Test
    void keepsTheWindowFullAndReturnsVerifiedChecksums() throws Exception {
        try (var offloader = new ClosedLoopDriverTest.PoolOffloader(b -> b)) {
            VerifiedWindow window = new VerifiedWindow(offloader, Task.of("reverse", input), verifier, 3);
            for (int i = 0; i < 200; i++) {
                assertEquals(expected, window.completeOne());
            }
            window.drain();
            assertEquals(0, offloader.inFlight.get(), "drain waited for every task");
            assertEquals(3, offloader.peak.get(), "never more than the window in flight");
        }
    }

    @Test
    void aWrongByteFailsTheOperation() throws Exception {
        try (var offloader = new ClosedLoopDriverTest.PoolOffloader(b -> {
            b[0] ^= 1;
            return b;
        })) {
            VerifiedWindow window = new VerifiedWindow(offloader, Task.of("reverse", input), verifier, 2);
            assertThrows(ChecksumMismatchException.class, window::completeOne);
            assertThrows(ChecksumMismatchException.class, window::drain);
        }
    }

    @Test
    void anEmptyWindowIsRefused() throws Exception {
        try (var offloader = new ClosedLoopDriverTest.PoolOffloader(b -> b)) {
            assertThrows(IllegalArgumentException.class,
                    () -> new VerifiedWindow(offloader, Task.of("reverse", input), verifier, 0));
        }
    }
}
