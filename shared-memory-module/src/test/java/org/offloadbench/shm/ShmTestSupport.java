package org.offloadbench.shm;

/** Shared by the module's tests. */
final class ShmTestSupport {
    private ShmTestSupport() {
    }

    /**
     * Child JVMs in tests start quickly and stay small: tests check behaviour, never speed, and the CI
     * machine has two cores shared with other builds.
     */
    static final String CHILD_JVM_OPTIONS = "-Xmx64m -XX:+UseSerialGC -XX:TieredStopAtLevel=1 -Xshare:auto";
}
