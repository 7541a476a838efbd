package org.offloadbench.core.workload.builtin;

import java.util.Random;

/**
 * The generator behind every built-in input. {@link java.util.Random} is used on purpose: its javadoc
 * specifies the algorithm exactly, so the same seed gives the same bytes on every JDK and the golden checksums
 * pinned in the tests stay valid. It is not fast, but inputs are generated once, outside any measurement.
 */
final class SeededRandom {
    private SeededRandom() {
    }

    static Random of(long seed) {
        return new Random(seed);
    }

    static byte[] bytes(long seed, int length) {
        byte[] bytes = new byte[length];
        of(seed).nextBytes(bytes);
        return bytes;
    }
}
