package org.offloadbench.shm;

import java.nio.ByteBuffer;

/** Shared by the module's tests. */
final class ShmTestSupport {
    private ShmTestSupport() {
    }

    /**
     * Child JVMs in tests start quickly and stay small: tests check behaviour, never speed, and the CI
     * machine has two cores shared with other builds.
     */
    static final String CHILD_JVM_OPTIONS = "-Xmx64m -XX:+UseSerialGC -XX:TieredStopAtLevel=1 -Xshare:auto";

    /**
     * The input of core's {@code fault-sleep} and {@code fault-hang}: the milliseconds, 8 bytes big-endian
     * ({@link org.offloadbench.core.workload.fault.FaultWorkload#HEADER_BYTES}); {@code fault-sleep} echoes it.
     */
    static byte[] millis(long millis) {
        return ByteBuffer.allocate(8).putLong(millis).array();
    }

    /**
     * A {@code fault-sleep} input that sleeps {@code millis}, interruptibly, then echoes all of it: a task that
     * runs long enough to be killed, cancelled or closed mid-way and still has a payload worth checking.
     */
    static byte[] slowEchoInput(long millis, byte[] payload) {
        return ByteBuffer.allocate(8 + payload.length).putLong(millis).put(payload).array();
    }
}
