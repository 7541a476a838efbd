package org.offloadbench.shm;

import org.offloadbench.core.offload.ModelTraits;

/** The trade-off matrix rows of the shared-memory models. */
final class ShmModelTraits {
    private ShmModelTraits() {
    }

    static final String FAMILY = "shared-memory";

    static ModelTraits copy() {
        return new ModelTraits(FAMILY, "process: own heap per child JVM; only the mapped region is shared",
                "one child JVM; its claimed slot is reclaimed and its task retried once", false,
                "child JVMs and a region file in /dev/shm",
                "SharedArrayBuffer + Atomics with the input copied in (postMessage of a copy)");
    }

    static ModelTraits zeroCopy() {
        return new ModelTraits(FAMILY, "process: own heap per child JVM; only the mapped region is shared",
                "one child JVM; its claimed slot is reclaimed and its task retried once", true,
                "child JVMs and a region file in /dev/shm",
                "SharedArrayBuffer + Atomics.wait/notify, data written and read in place");
    }

    static ModelTraits inProcess() {
        return new ModelTraits(FAMILY, "none: worker threads of the caller's JVM sharing a mapped region",
                "the whole JVM (a crash, an OutOfMemoryError, a runaway thread)", false,
                "nothing but a region file in /dev/shm",
                "SharedArrayBuffer shared with worker_threads");
    }
}
