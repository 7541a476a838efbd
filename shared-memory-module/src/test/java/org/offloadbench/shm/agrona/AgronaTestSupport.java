package org.offloadbench.shm.agrona;

import java.util.List;
import org.offloadbench.core.offload.OffloaderConfig;

/** Shared by the shm/agrona tests. */
final class AgronaTestSupport {
    private AgronaTestSupport() {
    }

    /** Small, quick child JVMs: tests check behaviour, never speed, on two shared cores. */
    static final String CHILD_JVM_OPTIONS = "-Xmx64m -XX:+UseSerialGC -XX:TieredStopAtLevel=1 -Xshare:auto";

    /** 4 MiB rings (512 KiB messages: every workload's default input fits) and small children, unless set. */
    static OffloaderConfig tuned(OffloaderConfig config) {
        OffloaderConfig tuned = config;
        if (!tuned.options().containsKey(AgronaSettings.RING_BYTES)) {
            tuned = tuned.withOption(AgronaSettings.RING_BYTES, Integer.toString(4 << 20));
        }
        if (!tuned.options().containsKey(AgronaSettings.JVM_OPTIONS)) {
            tuned = tuned.withOption(AgronaSettings.JVM_OPTIONS, CHILD_JVM_OPTIONS);
        }
        return tuned;
    }

    /** This JVM's children running the shm/agrona worker. */
    static List<ProcessHandle> workerChildren() {
        return ProcessHandle.current().children().filter(ProcessHandle::isAlive)
                .filter(p -> p.info().commandLine().orElse("").contains(AgronaWorkerMain.class.getName())).toList();
    }
}
